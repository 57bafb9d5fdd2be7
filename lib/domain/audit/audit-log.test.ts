import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { audit } from '@/lib/core/audit';
import { listAudit } from './audit-log';
import { setSimulatorForTests } from '@/lib/sim/bridge';

let db: DB;
const T0 = Date.parse('2025-06-01T00:00:00Z');
const FROM = { from: '2025-06-01T00:00:00Z' };
beforeAll(async () => {
  setSimulatorForTests(null);
  // The demo seed's own history (past tests) lies before T0; the assertions read from T0 on.
  db = await seededTestDb(new Date(T0));
  // Entries are stamped with the real clock: pretend it reads T0, a minute apart.
  vi.useFakeTimers({ toFake: ['Date'] });
  const at = (ms: number) => vi.setSystemTime(ms);
  const actions = ['group.create', 'group.update', 'groupie.thing', 'checkpoint.tag', 'group.delete'];
  actions.forEach((action, i) => {
    at(T0 + i * 60_000);
    audit(db, ACME_ADMIN, { action, targetType: 'protection-group', targetId: `g${i}` });
  });
  at(T0);
  audit(db, GLOBEX_ADMIN, { action: 'group.create' });
  audit(db, STAFF, { action: 'tenant.create', tenantId: null });
  vi.useRealTimers();
});
afterAll(() => vi.useRealTimers());

describe('listAudit', () => {
  it('gives a client admin their tenant trail, newest first, paged', async () => {
    const first = await listAudit(db, ACME_ADMIN, { ...FROM, limit: 3 });
    expect(first.items.map((e) => e.action)).toEqual(['group.delete', 'checkpoint.tag', 'groupie.thing']);
    expect(first.items.every((e) => e.tenantId === 'ten_acme')).toBe(true);
    expect(first.items[0]).toMatchObject({ id: expect.any(String), time: '2025-06-01T00:04:00.000Z', actorEmail: 'admin@acme.test', outcome: 'success' });
    const second = await listAudit(db, ACME_ADMIN, { ...FROM, limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.action)).toEqual(['group.update', 'group.create']);
    expect(second.nextCursor).toBeNull();
  });

  it('matches an action exactly or as a dotted prefix, and filters by time', async () => {
    expect((await listAudit(db, ACME_ADMIN, { ...FROM, action: 'group' })).items.map((e) => e.action)).toEqual(['group.delete', 'group.update', 'group.create']);
    expect((await listAudit(db, ACME_ADMIN, { action: 'group.update' })).items).toHaveLength(1);
    expect((await listAudit(db, ACME_ADMIN, { action: 'gr%' })).items).toHaveLength(0);
    const ranged = await listAudit(db, ACME_ADMIN, { from: '2025-06-01T00:01:00Z', to: '2025-06-01T00:03:00Z' });
    expect(ranged.items.map((e) => e.action)).toEqual(['checkpoint.tag', 'groupie.thing', 'group.update']);
  });

  it('narrows to the entries about one target, within the tenant', async () => {
    expect((await listAudit(db, ACME_ADMIN, { targetId: 'g1' })).items.map((e) => e.action)).toEqual(['group.update']);
    expect((await listAudit(db, GLOBEX_ADMIN, { targetId: 'g1' })).items).toEqual([]);
    await expect(listAudit(db, ACME_ADMIN, { targetId: 'x'.repeat(101) })).rejects.toMatchObject({ status: 400 });
  });

  it('lets staff read everything or one tenant', async () => {
    expect((await listAudit(db, STAFF)).items.map((e) => e.action)).toContain('tenant.create');
    expect((await listAudit(db, STAFF, { ...FROM, tenantId: 'ten_globex' })).items.map((e) => e.tenantId)).toEqual(['ten_globex']);
  });

  it('refuses users (403) and records the refusal', async () => {
    await expect(listAudit(db, ACME_USER)).rejects.toMatchObject({ status: 403 });
    const denied = (await listAudit(db, ACME_ADMIN, { action: 'denied:audit:read' })).items;
    expect(denied).toEqual([expect.objectContaining({ actorEmail: 'user@acme.test', outcome: 'denied' })]);
  });

  it('rejects a forged cursor', async () => {
    await expect(listAudit(db, ACME_ADMIN, { cursor: Buffer.from('"x"').toString('base64url') })).rejects.toMatchObject({ status: 400 });
  });
});
