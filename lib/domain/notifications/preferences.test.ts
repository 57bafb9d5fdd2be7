import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, notificationPreferences, outboxDeliveries } from '@/db/schema';
import type { DB } from '@/lib/domain/core/database';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { DEFAULT_EMAIL_PREFERENCES, PERSONAL_EVENT_TYPES, type NotificationEventType } from '@/lib/schemas/notifications';
import { OFFERED_EVENT_TYPES } from '@/lib/schemas/notification-preferences';
import { emailRecipients, recordEvent } from './outbox';
import {
  getMyNotificationPreferences, listTenantNotificationRecipients, resetMyNotificationPreferences, updateMyNotificationPreferences,
} from './preferences';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { status: number; errors?: { field: string; message: string }[] };
  }
  throw new Error('expected a failure');
};

/** The addresses an event recorded now is e-mailed to (written in the outbox). */
const deliveredTo = (db: DB, type: NotificationEventType, tenantId: string | null = 'ten_acme', payload: Record<string, unknown> = {}) => {
  const id = db.transaction((tx) => recordEvent(tx, { type, tenantId, payload, occurredAt: Date.now() }));
  return db.select({ r: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, id)).all().map((r) => r.r).sort();
};
const auditOf = (db: DB, action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('e-mail preferences: defaults per role', () => {
  it('start from the role defaults, offer the role\'s types and show the personal ones locked on', async () => {
    const db = await seededTestDb();
    for (const actor of [ACME_ADMIN, ACME_USER, STAFF]) {
      const { role, events } = getMyNotificationPreferences(db, actor);
      expect(role).toBe(actor.role);
      const offered = events.filter((e) => !e.locked);
      expect(offered.map((e) => e.type).sort()).toEqual([...OFFERED_EVENT_TYPES[actor.role]].sort());
      for (const e of offered) {
        expect(e.default).toBe(DEFAULT_EMAIL_PREFERENCES[actor.role].includes(e.type));
        expect(e.email).toBe(e.default);
        expect(e.title).toBeTruthy();
      }
      expect(events.filter((e) => e.locked).map((e) => e.type)).toEqual([...PERSONAL_EVENT_TYPES]);
      expect(events.filter((e) => e.locked).every((e) => e.email && e.default && e.group === 'security')).toBe(true);
      // Every default of the role is offered (nobody gets mail they could not turn off, personal events apart).
      for (const t of DEFAULT_EMAIL_PREFERENCES[actor.role]) expect(OFFERED_EVENT_TYPES[actor.role]).toContain(t);
    }
    // Staff are not offered a tenant's routine RPO warnings; clients are offered every tenant event.
    expect(getMyNotificationPreferences(db, STAFF).events.map((e) => e.type)).not.toContain('rpo.warning');
    expect(getMyNotificationPreferences(db, ACME_USER).events.map((e) => e.type)).toContain('rpo.warning');
  });

  it('the system actor has no preferences', async () => {
    const db = await seededTestDb();
    expect(failure(() => getMyNotificationPreferences(db, { userId: 'system', email: 'system', role: 'staff', tenantId: null, via: 'system' }))).toMatchObject({ status: 403 });
  });
});

describe('e-mail preferences: the outbox honours them in the same transaction', () => {
  it('opting out stops the delivery being written; opting in adds it; reset restores the defaults', async () => {
    const db = await seededTestDb();
    expect(deliveredTo(db, 'rpo.breach')).toContain('user@acme.test');
    expect(deliveredTo(db, 'rpo.warning')).not.toContain('user@acme.test');

    const after = updateMyNotificationPreferences(db, ACME_USER, { email: { 'rpo.breach': false, 'rpo.warning': true } });
    expect(after.events.find((e) => e.type === 'rpo.breach')).toMatchObject({ email: false, default: true });
    expect(after.events.find((e) => e.type === 'rpo.warning')).toMatchObject({ email: true, default: false });
    expect(deliveredTo(db, 'rpo.breach')).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(deliveredTo(db, 'rpo.warning')).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    // Only the admin's colleague is affected by their own choice; another tenant is untouched.
    expect(deliveredTo(db, 'rpo.breach', 'ten_globex')).toContain('user@globex.test');

    // Audited with what changed.
    const [entry] = auditOf(db, 'notification-preferences.update');
    expect(entry).toMatchObject({ actorId: 'usr_user_acme', tenantId: 'ten_acme', targetId: 'usr_user_acme' });
    expect(entry.details).toEqual({ changes: { 'rpo.breach': { from: true, to: false }, 'rpo.warning': { from: false, to: true } } });

    resetMyNotificationPreferences(db, ACME_USER);
    expect(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, 'usr_user_acme')).all()).toEqual([]);
    expect(deliveredTo(db, 'rpo.breach')).toContain('user@acme.test');
    expect(deliveredTo(db, 'rpo.warning')).not.toContain('user@acme.test');
    expect(auditOf(db, 'notification-preferences.reset')[0].details).toEqual({ changes: { 'rpo.breach': { from: false, to: true }, 'rpo.warning': { from: true, to: false } } });
  });

  it('stores only choices that differ from the role default; a no-op is not audited', async () => {
    const db = await seededTestDb();
    updateMyNotificationPreferences(db, ACME_ADMIN, { email: { 'site.up': false } });
    updateMyNotificationPreferences(db, ACME_ADMIN, { email: { 'site.down': true } });
    expect(db.select({ t: notificationPreferences.eventType, e: notificationPreferences.email }).from(notificationPreferences).all()).toEqual([{ t: 'site.up', e: false }]);
    updateMyNotificationPreferences(db, ACME_ADMIN, { email: { 'site.up': true } });
    expect(db.select().from(notificationPreferences).all()).toEqual([]);
    expect(auditOf(db, 'notification-preferences.update')).toHaveLength(2);
    resetMyNotificationPreferences(db, ACME_ADMIN);
    expect(auditOf(db, 'notification-preferences.reset')).toHaveLength(0);
  });

  it('staff choices apply to provider-wide and cross-tenant events', async () => {
    const db = await seededTestDb();
    expect(deliveredTo(db, 'site.down', null)).toEqual(['staff@calligo.test']);
    expect(deliveredTo(db, 'run.started')).not.toContain('staff@calligo.test');
    updateMyNotificationPreferences(db, STAFF, { email: { 'site.down': false, 'run.started': true } });
    expect(deliveredTo(db, 'site.down', null)).toEqual([]);
    expect(deliveredTo(db, 'run.started')).toContain('staff@calligo.test');
    expect(deliveredTo(db, 'run.started', 'ten_globex')).toContain('staff@calligo.test');
    // The tenant's copy of a provider-wide event still never goes to staff.
    updateMyNotificationPreferences(db, STAFF, { email: { 'site.down': true } });
    expect(deliveredTo(db, 'site.down')).not.toContain('staff@calligo.test');
  });

  it('is read inside the caller\'s transaction: a choice written earlier in it counts, one rolled back does not', async () => {
    const db = await seededTestDb();
    const row = { userId: 'usr_user_acme', eventType: 'rpo.breach' as const, email: false, updatedAt: new Date() };
    const inside = db.transaction((tx) => {
      tx.insert(notificationPreferences).values(row).run();
      return emailRecipients(tx, { type: 'rpo.breach', tenantId: 'ten_acme', payload: {} });
    });
    expect(inside).not.toContain('user@acme.test');
    db.delete(notificationPreferences).run();
    expect(() => db.transaction((tx) => {
      tx.insert(notificationPreferences).values(row).run();
      throw new Error('rolled back');
    })).toThrow('rolled back');
    expect(deliveredTo(db, 'rpo.breach')).toContain('user@acme.test');
  });
});

describe('e-mail preferences: personal events and refused input', () => {
  it('personal security events cannot be turned off, and are sent whatever is stored', async () => {
    const db = await seededTestDb();
    for (const type of PERSONAL_EVENT_TYPES) {
      const err = failure(() => updateMyNotificationPreferences(db, ACME_USER, { email: { [type]: false } }));
      expect(err).toMatchObject({ status: 400, errors: [{ field: `email.${type}` }] });
    }
    // Turning one "on" is accepted and changes nothing.
    updateMyNotificationPreferences(db, ACME_USER, { email: { 'account.password-changed': true } });
    expect(db.select().from(notificationPreferences).all()).toEqual([]);
    // Even a row written behind the API's back does not silence them.
    db.insert(notificationPreferences).values({ userId: 'usr_user_acme', eventType: 'account.password-changed', email: false, updatedAt: new Date() }).run();
    expect(deliveredTo(db, 'account.password-changed', 'ten_acme', { userId: 'usr_user_acme' })).toEqual(['user@acme.test']);
    expect(getMyNotificationPreferences(db, ACME_USER).events.find((e) => e.type === 'account.password-changed')).toMatchObject({ email: true, locked: true });
  });

  it('refuses unknown types, types not offered to the role and non-booleans, naming the field and changing nothing', async () => {
    const db = await seededTestDb();
    expect(failure(() => updateMyNotificationPreferences(db, ACME_USER, { email: { 'rpo.nope': false } }))).toMatchObject({ status: 400, errors: [{ field: 'email.rpo.nope' }] });
    expect(failure(() => updateMyNotificationPreferences(db, STAFF, { email: { 'rpo.warning': true } }))).toMatchObject({ status: 400, errors: [{ field: 'email.rpo.warning', message: expect.stringContaining('not offered') }] });
    expect(failure(() => updateMyNotificationPreferences(db, ACME_USER, { email: { 'rpo.breach': 'no' } }))).toMatchObject({ status: 400, errors: [{ field: 'email.rpo.breach' }] });
    expect(failure(() => updateMyNotificationPreferences(db, ACME_USER, { email: ['rpo.breach'] }))).toMatchObject({ status: 400, errors: [{ field: 'email' }] });
    expect(failure(() => updateMyNotificationPreferences(db, ACME_USER, {}))).toMatchObject({ status: 400, errors: [{ field: 'email' }] });
    // One bad key refuses the whole change.
    expect(failure(() => updateMyNotificationPreferences(db, ACME_USER, { email: { 'rpo.breach': false, 'signin.new-device': false } }))).toMatchObject({ status: 400 });
    expect(db.select().from(notificationPreferences).all()).toEqual([]);
    expect(auditOf(db, 'notification-preferences.update')).toEqual([]);
  });
});

describe('who gets what (client administrators)', () => {
  it('lists the tenant\'s people per event type, as the outbox computes them, and which types staff are told', async () => {
    const db = await seededTestDb();
    const before = listTenantNotificationRecipients(db, ACME_ADMIN);
    expect(before.tenantId).toBe('ten_acme');
    expect(before.people.map((p) => p.email).sort()).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    const row = (r: typeof before, type: string) => r.events.find((e) => e.type === type)!;
    expect(row(before, 'rpo.breach').recipients.map((p) => p.email).sort()).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    expect(row(before, 'rpo.breach').staffAlsoTold).toBe(false);
    expect(row(before, 'operation.failed').staffAlsoTold).toBe(true);
    expect(row(before, 'site.down').staffAlsoTold).toBe(false);
    expect(before.events.map((e) => e.type)).not.toContain('account.password-changed');
    for (const e of before.events) {
      expect(e.recipients.map((p) => p.email).sort()).toEqual(emailRecipients(db, { type: e.type, tenantId: 'ten_acme', payload: {} }).filter((m) => m.endsWith('@acme.test')));
    }

    updateMyNotificationPreferences(db, ACME_USER, { email: { 'rpo.breach': false } });
    expect(row(listTenantNotificationRecipients(db, ACME_ADMIN), 'rpo.breach').recipients.map((p) => p.email)).not.toContain('user@acme.test');
    // Staff name the tenant; the answer is the same.
    expect(listTenantNotificationRecipients(db, STAFF, { tenantId: 'ten_acme' })).toEqual(listTenantNotificationRecipients(db, ACME_ADMIN));
  });

  it('refuses users (403, audited), another tenant\'s admin (404), staff without a tenant (400) or an unknown one (404)', async () => {
    const db = await seededTestDb();
    expect(failure(() => listTenantNotificationRecipients(db, ACME_USER))).toMatchObject({ status: 403 });
    expect(auditOf(db, 'denied:users:manage')).toHaveLength(1);
    expect(failure(() => listTenantNotificationRecipients(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' }))).toMatchObject({ status: 404 });
    expect(listTenantNotificationRecipients(db, GLOBEX_ADMIN).people.every((p) => p.email.endsWith('@globex.test'))).toBe(true);
    expect(failure(() => listTenantNotificationRecipients(db, STAFF))).toMatchObject({ status: 400, errors: [{ field: 'tenantId' }] });
    expect(failure(() => listTenantNotificationRecipients(db, STAFF, { tenantId: 'ten_nope' }))).toMatchObject({ status: 404 });
  });
});
