/**
 * Per-user e-mail preferences (issue 16) and the client administrators' "who gets what".
 *
 * Everyone signed in manages their own choices (every role; staff too). An API token acts as its
 * owner and may read and change them as well: unlike a password or a new token, nothing a leaked
 * token could do here hides an attack, because the personal security events (new sign-in,
 * password, two-factor, API token created) are locked on and refused if turned off.
 */
import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { notificationPreferences, tenants, users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recipientsOf } from '@/lib/core/outbox';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '@/lib/core/errors';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { parseBody } from '@/lib/domain/core/input';
import { parseInput } from '@/lib/domain/core/validate';
import { tenantFilterSchema } from '@/lib/schemas/common';
import {
  emailWanted, EVENT_GROUPS, groupOf, isLocked, isOffered, notificationPreferencesUpdateSchema, OFFERED_EVENT_TYPES, preferenceEventTypes,
} from '@/lib/schemas/notification-preferences';
import { EVENT_TITLE, PERSONAL_EVENT_TYPES, roleReceives, type NotificationEventType } from '@/lib/schemas/notifications';
import type { Role } from '@/lib/schemas/users';

export type NotificationPreferenceDto = {
  type: NotificationEventType;
  title: string;
  /** The settings table's group (Replication, Sites, …): EVENT_GROUPS' id. */
  group: string;
  /** Whether this person is e-mailed about it now. */
  email: boolean;
  /** Their role's default. */
  default: boolean;
  /** A personal security event: always e-mailed, cannot be turned off. */
  locked: boolean;
};

export type NotificationPreferencesDto = { role: Role; events: NotificationPreferenceDto[] };

const TARGET = 'user';

/** The caller's own account row (role and tenant as stored, not as acted for). */
function ownUser(db: Executor, actor: Actor) {
  if (actor.via === 'system') throw new ForbiddenError('The system has no e-mail preferences.');
  const user = db.select({ id: users.id, role: users.role, tenantId: users.tenantId }).from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw new ForbiddenError('Your account no longer exists.');
  return user;
}

function storedChoices(db: Executor, userId: string): Map<NotificationEventType, boolean> {
  const rows = db.select({ type: notificationPreferences.eventType, email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).all();
  return new Map(rows.map((r) => [r.type, r.email]));
}

function preferencesOf(db: Executor, user: { id: string; role: Role }): NotificationPreferencesDto {
  const stored = storedChoices(db, user.id);
  return {
    role: user.role,
    events: preferenceEventTypes(user.role).map((type) => ({
      type,
      title: EVENT_TITLE[type],
      group: groupOf(type),
      email: emailWanted(user.role, type, stored.get(type)),
      default: isLocked(type) || roleReceives(user.role, type),
      locked: isLocked(type),
    })),
  };
}

/** GET /me/notification-preferences: every type offered to the caller's role, then the locked personal ones. */
export function getMyNotificationPreferences(db: Executor, actor: Actor): NotificationPreferencesDto {
  return preferencesOf(db, ownUser(db, actor));
}

type Changes = Record<string, { from: boolean; to: boolean }>;

/**
 * PUT /me/notification-preferences: `{ email: { "<type>": true|false } }`, only the types named
 * change. A type not offered to the role, or a personal event turned off, is refused (400 naming
 * email.<type>, nothing changed). Only choices that differ from the role's default are stored.
 * Audited with what changed (before → after), nothing when nothing did.
 */
export function updateMyNotificationPreferences(db: DB, actor: Actor, input: unknown): NotificationPreferencesDto {
  const user = ownUser(db, actor);
  const body = parseBody(notificationPreferencesUpdateSchema, input);
  const wanted = Object.entries(body.email) as [NotificationEventType, boolean][];
  const errors: FieldError[] = [];
  for (const [type, email] of wanted) {
    if (isLocked(type)) {
      if (!email) errors.push({ field: `email.${type}`, message: `"${EVENT_TITLE[type]}" is about your own account's security and cannot be turned off.` });
    } else if (!isOffered(user.role, type)) {
      errors.push({ field: `email.${type}`, message: `"${type}" is not offered to your role.` });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  db.transaction((tx) => {
    const stored = storedChoices(tx, user.id);
    const changes: Changes = {};
    const now = new Date();
    for (const [type, email] of wanted) {
      if (isLocked(type)) continue;
      const before = emailWanted(user.role, type, stored.get(type));
      if (email === roleReceives(user.role, type)) {
        tx.delete(notificationPreferences).where(and(eq(notificationPreferences.userId, user.id), eq(notificationPreferences.eventType, type))).run();
      } else {
        tx.insert(notificationPreferences).values({ userId: user.id, eventType: type, email, updatedAt: now })
          .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.eventType], set: { email, updatedAt: now } })
          .run();
      }
      if (before !== email) changes[type] = { from: before, to: email };
    }
    if (Object.keys(changes).length) {
      audit(tx, actor, { action: 'notification-preferences.update', tenantId: user.tenantId, targetType: TARGET, targetId: user.id, details: { changes } });
    }
  });
  return preferencesOf(db, user);
}

/** DELETE /me/notification-preferences: back to the role's defaults (audited with what that changed). */
export function resetMyNotificationPreferences(db: DB, actor: Actor): NotificationPreferencesDto {
  const user = ownUser(db, actor);
  db.transaction((tx) => {
    const stored = storedChoices(tx, user.id);
    const changes: Changes = {};
    for (const type of OFFERED_EVENT_TYPES[user.role]) {
      const before = emailWanted(user.role, type, stored.get(type));
      const after = roleReceives(user.role, type);
      if (before !== after) changes[type] = { from: before, to: after };
    }
    tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, user.id)).run();
    if (Object.keys(changes).length) {
      audit(tx, actor, { action: 'notification-preferences.reset', tenantId: user.tenantId, targetType: TARGET, targetId: user.id, details: { changes } });
    }
  });
  return preferencesOf(db, user);
}

export type RecipientPersonDto = { userId: string; name: string; email: string; role: Role };

export type TenantRecipientsDto = {
  tenantId: string;
  tenantName: string;
  /** The tenant's active people, by name: the columns of the table. */
  people: RecipientPersonDto[];
  events: {
    type: NotificationEventType;
    title: string;
    group: string;
    /** The tenant's people e-mailed about this tenant's event of this type. */
    recipients: RecipientPersonDto[];
    /** Whether provider staff are e-mailed about it too (by their own choices). */
    staffAlsoTold: boolean;
  }[];
  /** Personal security events: each person about their own account only, always. */
  personal: { types: NotificationEventType[]; note: string };
};

/**
 * GET /tenant/notification-recipients: per event type, which of the tenant's people an event of
 * that tenant would e-mail now, computed by the outbox's own recipientsOf (one source of truth).
 * Client administrators: their own tenant (naming another → 404); staff: ?tenantId= (or the
 * tenant they act for); users: 403.
 */
export function listTenantNotificationRecipients(db: Executor, actor: Actor, query: { tenantId?: string } = {}): TenantRecipientsDto {
  authorize(db, actor, 'users:manage', { type: 'notification-recipients' });
  const { tenantId: requested } = parseInput(tenantFilterSchema, query);
  if (actor.role !== 'staff' && requested !== undefined && requested !== actor.tenantId) throw new NotFoundError('tenant', requested);
  const tenantId = tenantScope(actor, requested);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Name the tenant (tenantId) or act for one.' }]);
  const tenant = db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!tenant) throw new NotFoundError('tenant', tenantId);
  const person = (p: { userId: string; name: string; email: string; role: Role }): RecipientPersonDto => ({ userId: p.userId, name: p.name, email: p.email, role: p.role });
  const events = EVENT_GROUPS.flatMap((g) => g.types)
    .filter((type) => !isLocked(type))
    .map((type) => {
      const all = recipientsOf(db, { type, tenantId, payload: {} });
      return {
        type, title: EVENT_TITLE[type], group: groupOf(type),
        recipients: all.filter((p) => p.tenantId === tenantId && p.role !== 'staff').map(person),
        staffAlsoTold: all.some((p) => p.role === 'staff'),
      };
    });
  const people = db
    .select({ userId: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.role, ['client_admin', 'user']), isNull(users.disabledAt)))
    .orderBy(users.name)
    .all();
  return {
    tenantId, tenantName: tenant.name, people, events,
    personal: { types: [...PERSONAL_EVENT_TYPES], note: 'New sign-ins, password and two-factor changes and new API tokens are e-mailed to the person concerned only, always.' },
  };
}
