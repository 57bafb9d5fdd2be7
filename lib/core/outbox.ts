/**
 * The transactional outbox's writer (issue 16). Like the audit writer beside it, it is called
 * inside the transaction of the change that causes the event, so the event and its deliveries
 * exist exactly when the change does (a rolled-back change notifies nobody). It lives in
 * lib/core, not lib/domain, because the operation machine (lib/operations, below the domain)
 * records operation events too; lib/domain/notifications re-exports it for the use cases.
 */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { notificationPreferences, outboxDeliveries, outboxEvents, users } from '@/db/schema';
import { newId } from '@/lib/ids';
import { emailWanted } from '@/lib/schemas/notification-preferences';
import {
  notificationEventTypeSchema, PERSONAL_EVENT_TYPES, PROVIDER_WIDE_EVENT_TYPES, type NotificationEventType,
} from '@/lib/schemas/notifications';
import type { Role } from '@/lib/schemas/users';

export type OutboxEventInput = {
  type: NotificationEventType;
  /** The tenant the event is about; null for the provider's own events (a site going down). */
  tenantId: string | null;
  /** What the message needs: names, ids for the portal link, a reason. Personal events name `userId`. */
  payload: Record<string, unknown>;
  /** When it happened: the simulated clock for events about the estate (epoch ms or Date). */
  occurredAt: Date | number;
  /** The person who caused an event meant for others (a request for approval, a break glass): not
   * e-mailed about it. Kept out of the payload, which webhooks receive. */
  exceptUserId?: string;
};

/** A person an event's e-mail is addressed to. */
export type Recipient = { userId: string; email: string; name: string; role: Role; tenantId: string | null };

/**
 * Who is e-mailed about an event: the one source of truth for the outbox (emailRecipients) and
 * the client administrators' "who gets what" view (lib/domain/notifications/preferences.ts).
 * Each person's own choice (notification_preferences) else their role's default
 * (DEFAULT_EMAIL_PREFERENCES), within the types offered to their role (emailWanted), read in the
 * caller's transaction. Only active (not disabled) people; a tenant's event only ever addresses
 * that tenant's people and staff, never another tenant's. Personal events go to the person named
 * by payload.userId whatever they chose: they cannot be turned off.
 */
export function recipientsOf(tx: Executor, event: Pick<OutboxEventInput, 'type' | 'tenantId' | 'payload' | 'exceptUserId'>): Recipient[] {
  const cols = { userId: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId, choice: notificationPreferences.email };
  const people = (where: SQL | undefined) =>
    tx.select(cols)
      .from(users)
      .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.eventType, event.type)))
      .where(and(where, isNull(users.disabledAt)))
      .orderBy(users.email)
      .all();
  const wanted = (p: Recipient & { choice: boolean | null }) => emailWanted(p.role, event.type, p.choice);
  const strip = (list: (Recipient & { choice: boolean | null })[]): Recipient[] => list.map((p) => ({ userId: p.userId, email: p.email, name: p.name, role: p.role, tenantId: p.tenantId }));
  if (PERSONAL_EVENT_TYPES.includes(event.type)) {
    const userId = typeof event.payload.userId === 'string' ? event.payload.userId : null;
    return userId ? strip(people(eq(users.id, userId))) : [];
  }
  // The person who caused an event meant for others (a request for approval, a break glass) is not told of it.
  const notCauser = (p: Recipient) => p.userId !== event.exceptUserId;
  const staff = people(eq(users.role, 'staff')).filter(wanted).filter(notCauser);
  if (event.tenantId === null) return strip(staff);
  const own = people(eq(users.tenantId, event.tenantId)).filter((p) => p.role !== 'staff' && wanted(p) && notCauser(p));
  // The tenant's copies of provider-wide events go to its people only: staff get the provider's own.
  const staffToo = !PROVIDER_WIDE_EVENT_TYPES.includes(event.type);
  return strip([...own, ...(staffToo ? staff : [])]);
}

/** The e-mail addresses of recipientsOf, without duplicates, sorted. */
export function emailRecipients(tx: Executor, event: Pick<OutboxEventInput, 'type' | 'tenantId' | 'payload' | 'exceptUserId'>): string[] {
  return [...new Set(recipientsOf(tx, event).map((p) => p.email))].sort();
}

/**
 * Records an event in the outbox with one pending e-mail delivery per recipient. Call inside
 * the caller's transaction. Returns the event id (the message id receivers de-duplicate by).
 */
export function recordEvent(tx: Executor, input: OutboxEventInput): string {
  const type = notificationEventTypeSchema.parse(input.type);
  const id = newId('evt');
  const now = new Date();
  tx.insert(outboxEvents).values({ id, type, tenantId: input.tenantId, payload: input.payload, occurredAt: new Date(input.occurredAt), createdAt: now }).run();
  const recipients = emailRecipients(tx, { ...input, type });
  if (recipients.length) {
    tx.insert(outboxDeliveries)
      .values(recipients.map((recipient) => ({ id: newId('dlv'), eventId: id, channel: 'email' as const, recipient, status: 'pending' as const, attempts: 0, nextAttemptAt: now, createdAt: now })))
      .onConflictDoNothing()
      .run();
  }
  return id;
}
