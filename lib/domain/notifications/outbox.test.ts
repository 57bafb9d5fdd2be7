import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxDeliveries, outboxEvents, users } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { DEFAULT_EMAIL_PREFERENCES, NOTIFICATION_EVENT_TYPES } from '@/lib/schemas/notifications';
import { recordEvent } from './outbox';

const recipientsOf = (db: Awaited<ReturnType<typeof seededTestDb>>, eventId: string) =>
  db.select({ r: outboxDeliveries.recipient, status: outboxDeliveries.status, channel: outboxDeliveries.channel })
    .from(outboxDeliveries).where(eq(outboxDeliveries.eventId, eventId)).all();

describe('recordEvent (transactional outbox)', () => {
  it('writes the event and one pending e-mail delivery per recipient inside the caller\'s transaction', async () => {
    const db = await seededTestDb();
    const id = db.transaction((tx) => recordEvent(tx, { type: 'operation.failed', tenantId: 'ten_acme', payload: { operationId: 'op_x' }, occurredAt: 1_700_000_000_000 }));
    const event = db.select().from(outboxEvents).where(eq(outboxEvents.id, id)).get();
    expect(event).toMatchObject({ type: 'operation.failed', tenantId: 'ten_acme', payload: { operationId: 'op_x' } });
    expect(event?.occurredAt.getTime()).toBe(1_700_000_000_000);
    const rows = recipientsOf(db, id);
    expect(rows.every((r) => r.status === 'pending' && r.channel === 'email')).toBe(true);
    expect(rows.map((r) => r.r).sort()).toEqual(['admin2@acme.test', 'admin@acme.test', 'staff@calligo.test', 'user@acme.test']);
  });

  it('is rolled back with the caller\'s transaction: a change that did not happen notifies nobody', async () => {
    const db = await seededTestDb();
    expect(() => db.transaction((tx) => {
      recordEvent(tx, { type: 'rpo.breach', tenantId: 'ten_acme', payload: {}, occurredAt: Date.now() });
      throw new Error('the change failed');
    })).toThrow('the change failed');
    expect(db.select().from(outboxEvents).all()).toEqual([]);
    expect(db.select().from(outboxDeliveries).all()).toEqual([]);
  });

  it('addresses people by their role\'s defaults', async () => {
    const db = await seededTestDb();
    const to = (type: (typeof NOTIFICATION_EVENT_TYPES)[number], tenantId: string | null = 'ten_acme') =>
      recipientsOf(db, recordEvent(db, { type, tenantId, payload: {}, occurredAt: Date.now() })).map((r) => r.r).sort();
    // client_admin: everything of their tenant; user: not a started operation; staff: not client RPO news.
    expect(to('operation.started')).toEqual(['admin2@acme.test', 'admin@acme.test']);
    expect(to('rpo.breach')).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    expect(to('request.created')).toEqual(['admin2@acme.test', 'admin@acme.test', 'staff@calligo.test']);
    // A tenant's copy of a site event goes to its people; staff get the provider's own (tenant-less) one.
    expect(to('site.down')).toEqual(['admin2@acme.test', 'admin@acme.test', 'user@acme.test']);
    expect(to('site.down', null)).toEqual(['staff@calligo.test']);
    expect(to('rpo.warning', null)).toEqual([]);
    for (const role of ['user', 'client_admin', 'staff'] as const) expect(DEFAULT_EMAIL_PREFERENCES[role].length).toBeGreaterThan(0);
  });

  it('never addresses another tenant\'s people, nor disabled ones', async () => {
    const db = await seededTestDb();
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'admin2@acme.test')).run();
    for (const type of NOTIFICATION_EVENT_TYPES) {
      const id = recordEvent(db, { type, tenantId: 'ten_acme', payload: { userId: 'usr_admin_acme' }, occurredAt: Date.now() });
      const to = recipientsOf(db, id).map((r) => r.r);
      expect(to.filter((e) => e.endsWith('@globex.test'))).toEqual([]);
      expect(to).not.toContain('admin2@acme.test');
    }
  });

  it('sends personal account events to that person only', async () => {
    const db = await seededTestDb();
    const id = recordEvent(db, { type: 'account.password-changed', tenantId: 'ten_acme', payload: { userId: 'usr_user_acme' }, occurredAt: Date.now() });
    expect(recipientsOf(db, id).map((r) => r.r)).toEqual(['user@acme.test']);
  });

  it('refuses an unknown event type', async () => {
    const db = await seededTestDb();
    expect(() => recordEvent(db, { type: 'nope' as never, tenantId: null, payload: {}, occurredAt: Date.now() })).toThrow();
  });
});
