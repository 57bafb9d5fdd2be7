import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { auditLog, checkpoints, protectionGroups } from '@/db/schema';
import type { SimulatorControl } from '@/lib/sim/contract';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { listCheckpoints, tagCheckpoint } from './checkpoints';
import { setSimulatorForTests } from '@/lib/sim/bridge';

let db: DB;
const T0 = Date.parse('2025-06-01T00:00:00Z');
beforeAll(async () => {
  db = await seededTestDb();
  const rows = Array.from({ length: 25 }, (_, i) => ({
    id: `cp_${String(i).padStart(3, '0')}`, groupId: 'grp_acme_web', timeMs: T0 + Math.floor(i / 2) * 10_000, // pairs share a time: ties paged by id
    kind: i % 10 === 0 ? ('app' as const) : ('crash' as const), tag: null,
  }));
  db.insert(checkpoints).values(rows).run();
});
beforeEach(() => setSimulatorForTests(null));

describe('listCheckpoints', () => {
  it('pages newest first without gaps or repeats, ties broken by id', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCheckpoints(db, ACME_USER, 'grp_acme_web', { limit: '7', cursor });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `cp_${String(24 - i).padStart(3, '0')}`));
  });

  it('filters by kind and returns API fields with ISO times', async () => {
    const page = await listCheckpoints(db, ACME_USER, 'grp_acme_web', { kind: 'app' });
    expect(page.items).toEqual([
      { id: 'cp_020', time: new Date(T0 + 100_000).toISOString(), kind: 'app', tag: null },
      { id: 'cp_010', time: new Date(T0 + 50_000).toISOString(), kind: 'app', tag: null },
      { id: 'cp_000', time: new Date(T0).toISOString(), kind: 'app', tag: null },
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('keeps to a from..to range (inclusive), and its cursor pages only inside it', async () => {
    const iso = (i: number) => new Date(T0 + i * 10_000).toISOString();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCheckpoints(db, ACME_USER, 'grp_acme_web', { from: iso(3), to: iso(8), limit: '3', cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // times 3..8 hold cp_006..cp_017 (two a time), newest first
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `cp_${String(17 - i).padStart(3, '0')}`));
  });

  it('answers which checkpoint a point in time recovers to: the newest at or before it', async () => {
    const page = await listCheckpoints(db, ACME_USER, 'grp_acme_web', { to: new Date(T0 + 45_000).toISOString(), limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual(['cp_009']);
    await expect(listCheckpoints(db, ACME_USER, 'grp_acme_web', { from: new Date(T0 + 9_000).toISOString(), to: new Date(T0).toISOString() })).rejects.toMatchObject({
      status: 400, extra: { errors: [{ field: 'from' }] },
    });
    await expect(listCheckpoints(db, ACME_USER, 'grp_acme_web', { from: 'yesterday' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'from' }] } });
  });

  it('is 404 across tenants and 400 on a bad cursor or limit', async () => {
    await expect(listCheckpoints(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
    await expect(listCheckpoints(db, ACME_USER, 'grp_acme_web', { cursor: 'garbage' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'cursor' }] } });
    await expect(listCheckpoints(db, ACME_USER, 'grp_acme_web', { limit: 501 })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'limit' }] } });
  });
});

describe('tagCheckpoint', () => {
  it('asks the simulator to write the tag, then audits', async () => {
    const calls: unknown[][] = [];
    setSimulatorForTests({
      now: () => T0,
      catchingUp: () => null,
      tagCheckpoint: (...args: unknown[]) => {
        calls.push(args);
        return { id: 'cp_sim', timeMs: T0 + 5 };
      },
    } as unknown as SimulatorControl);
    const cp = await tagCheckpoint(db, ACME_ADMIN, 'grp_acme_sql', { tag: '  before patch  ' });
    expect(cp).toEqual({ id: 'cp_sim', time: new Date(T0 + 5).toISOString(), kind: 'tagged', tag: 'before patch' });
    expect(calls).toEqual([['grp_acme_sql', 'before patch', 'usr_admin_acme']]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'checkpoint.tag')).all()).toEqual([
      expect.objectContaining({ tenantId: 'ten_acme', targetId: 'grp_acme_sql', details: { checkpointId: 'cp_sim', tag: 'before patch' } }),
    ]);
  });

  it('waits (503) while the engine catches up after a restart: no checkpoint, no audit', async () => {
    const calls: unknown[][] = [];
    const audited = () => db.select().from(auditLog).where(eq(auditLog.action, 'checkpoint.tag')).all().length;
    const before = audited();
    setSimulatorForTests({
      now: () => T0,
      catchingUp: () => ({ behindMs: 20 * 60_000, etaSeconds: 12 }),
      tagCheckpoint: (...args: unknown[]) => calls.push(args),
    } as unknown as SimulatorControl);
    await expect(tagCheckpoint(db, ACME_ADMIN, 'grp_acme_sql', { tag: 'x' })).rejects.toMatchObject({
      status: 503,
      extra: { behindSeconds: 1200, retryAfterSeconds: 12 },
    });
    expect(calls).toEqual([]);
    expect(audited()).toBe(before);
  });

  it('writes the journal row itself when no simulator runs', async () => {
    const cp = await tagCheckpoint(db, STAFF, 'grp_acme_sql', { tag: 'release 4.2' });
    expect(db.select().from(checkpoints).where(eq(checkpoints.id, cp.id)).get()).toMatchObject({ kind: 'tagged', tag: 'release 4.2', groupId: 'grp_acme_sql' });
  });

  it('refuses while the group does not replicate (409), with the state in the answer', async () => {
    db.update(protectionGroups).set({ status: 'failed-over' }).where(eq(protectionGroups.id, 'grp_acme_file')).run();
    await expect(tagCheckpoint(db, ACME_ADMIN, 'grp_acme_file', { tag: 'x' })).rejects.toMatchObject({ status: 409, extra: { status: 'failed-over' } });
  });

  it('checks role, then tenant, then the body', async () => {
    const before = db.select({ n: count() }).from(checkpoints).get()!.n;
    await expect(tagCheckpoint(db, ACME_USER, 'grp_acme_sql', { tag: '' })).rejects.toMatchObject({ status: 403 });
    await expect(tagCheckpoint(db, GLOBEX_ADMIN, 'grp_acme_sql', { tag: '' })).rejects.toMatchObject({ status: 404 });
    await expect(tagCheckpoint(db, ACME_ADMIN, 'grp_acme_sql', { tag: 'x'.repeat(65) })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'tag' }] } });
    await expect(tagCheckpoint(db, ACME_ADMIN, 'grp_acme_sql', { tag: 'a\u0007b' })).rejects.toMatchObject({ status: 400 });
    expect(db.select({ n: count() }).from(checkpoints).get()!.n).toBe(before);
  });
});
