/**
 * The transactional outbox's writer (issue 16). Like the audit writer beside it, it is called
 * inside the transaction of the change that causes the event, so the event and its deliveries
 * exist exactly when the change does (a rolled-back change notifies nobody). It lives in
 * lib/core, not lib/domain, because the operation machine (lib/operations, below the domain)
 * records operation events too; lib/domain/notifications re-exports it for the use cases.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '@/db';
import { outboxDeliveries, outboxEvents, users } from '@/db/schema';
import { newId } from '@/lib/ids';
import {
  notificationEventTypeSchema, PERSONAL_EVENT_TYPES, PROVIDER_WIDE_EVENT_TYPES, roleReceives, type NotificationEventType,
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
};

type Person = { email: string; role: Role; tenantId: string | null };

/**
 * Who is e-mailed about an event, by the role defaults (DEFAULT_EMAIL_PREFERENCES; per-user
 * preferences come later). Only active (not disabled) people; a tenant's event only ever
 * addresses that tenant's people and staff, never another tenant's.
 */
export function emailRecipients(tx: Executor, event: Pick<OutboxEventInput, 'type' | 'tenantId' | 'payload'>): string[] {
  const cols = { email: users.email, role: users.role, tenantId: users.tenantId };
  let people: Person[];
  if (PERSONAL_EVENT_TYPES.includes(event.type)) {
    const userId = typeof event.payload.userId === 'string' ? event.payload.userId : null;
    people = userId ? tx.select(cols).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt))).all() : [];
    return [...new Set(people.map((p) => p.email))];
  }
  const staff = tx.select(cols).from(users).where(and(eq(users.role, 'staff'), isNull(users.disabledAt))).all();
  if (event.tenantId === null) {
    people = roleReceives('staff', event.type) ? staff : [];
  } else {
    const own = tx.select(cols).from(users).where(and(eq(users.tenantId, event.tenantId), isNull(users.disabledAt))).all();
    const staffToo = !PROVIDER_WIDE_EVENT_TYPES.includes(event.type);
    people = [...own.filter((p) => p.role !== 'staff' && roleReceives(p.role, event.type)), ...(staffToo && roleReceives('staff', event.type) ? staff : [])];
  }
  return [...new Set(people.map((p) => p.email))].sort();
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
