import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db';
import { MIGRATIONS_DIR } from '@/db/client';
import * as schema from '@/db/schema';
import { auditLog } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb, testTempDir } from '@/lib/testing/db';
import { audit } from '@/lib/core/audit';
import { listAudit } from './audit-log';
import { deleteGroup, updateGroup } from '@/lib/domain/groups/group-commands';
import { startFailover as startFailoverGated, startTestFailover, stopTest } from '@/lib/domain/operations/operations';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);

/**
 * The audit trail as an auditor reads it: one clock, in the order things happened, the system
 * labelled as the system, every target named. The simulated clock here is years ahead of the
 * real one, as it drifts ahead at SIM_SPEED > 1.
 */
const SIM_T0 = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const SQL = 'grp_acme_sql';

let db: DB;
let sim: FakeSimulator;
const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  advanceOpenOperations(db, sim.nowMs, sim);
};
/** The tenant's trail written since `sinceId`, newest first, every page. */
async function trailSince(sinceId: string, actor = ACME_ADMIN) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(db, actor, { limit: 2, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && Number(out[out.length - 1].id) > Number(sinceId));
  return out.filter((e) => Number(e.id) > Number(sinceId));
}
const lastId = () => String(db.select({ id: auditLog.id }).from(auditLog).all().at(-1)!.id);

beforeEach(async () => {
  db = await seededTestDb(new Date(SIM_T0));
  sim = new FakeSimulator(SIM_T0);
  setSimulatorForTests(sim);
  writeJournal(db, WEB, SIM_T0);
});
afterEach(() => vi.useRealTimers());
afterAll(() => setSimulatorForTests(undefined));

describe('the audit trail', () => {
  it('interleaves an operation and a group edit in the order they happened, on the real clock', async () => {
    const since = lastId();
    const before = Date.now();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    tick(600);
    await updateGroup(db, ACME_ADMIN, SQL, { rpoTargetSeconds: 240 });
    await stopTest(db, ACME_ADMIN, op.id, { result: 'passed' });
    tick(60);
    const after = Date.now();

    const trail = await trailSince(since);
    expect(trail.map((e) => [e.action, e.actorRole])).toEqual([
      ['operation.completed', 'system'], // the engine finished the clean-up
      ['operation.stop-test', 'client_admin'],
      ['group.update', 'client_admin'],
      ['operation.start', 'client_admin'],
    ]);
    // Newest first by id, and the times agree: real time, never jumping back and forth.
    const ids = trail.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const times = trail.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(after);
    }
    expect(trail.every((e) => e.timeClock === 'real')).toBe(true);
    // The simulated clock is kept beside it where the portal shows it.
    expect(trail.slice(1).map((e) => e.simulatedTime)).toEqual([SIM_T0 + 600_000, SIM_T0 + 600_000, SIM_T0].map((t) => new Date(t).toISOString()));
    expect(Date.parse(trail[0].simulatedTime!)).toBeGreaterThan(SIM_T0 + 600_000);
  });

  it('labels what the system did as the system, not as staff', async () => {
    const op = await startFailover(db, ACME_ADMIN, WEB, { commitPolicy: 'auto-commit', commitTimeoutMinutes: 5 });
    const since = lastId();
    tick(900);
    const auto = (await trailSince(since)).find((e) => e.action === 'operation.auto-commit')!;
    expect(auto).toMatchObject({ actorId: 'system', actorRole: 'system', actorEmail: null, targetId: op.id, targetName: 'Customer web tier — Live failover' });
  });

  it('names every target, keeps the name after a deletion, and never names another tenant\'s', async () => {
    const since = lastId();
    const op = await startTestFailover(db, ACME_ADMIN, WEB, {});
    await updateGroup(db, ACME_ADMIN, SQL, { rpoTargetSeconds: 240 });
    await deleteGroup(db, ACME_ADMIN, 'grp_acme_file');
    await updateGroup(db, ACME_USER, 'grp_globex_erp', { rpoTargetSeconds: 60 }).catch(() => null); // refused: a user may not edit
    const trail = await trailSince(since);
    const named = Object.fromEntries(trail.map((e) => [e.action, [e.targetId, e.targetName]]));
    expect(named).toEqual({
      'operation.start': [op.id, 'Customer web tier — Test failover'],
      'group.update': [SQL, 'Policy database'],
      'group.delete': ['grp_acme_file', 'File and backup'],
      'denied:group:write': ['grp_globex_erp', null],
    });
    expect((await trailSince(since, GLOBEX_ADMIN)).map((e) => e.action)).toEqual([]);
  });

  it('keeps entries of the same millisecond in the order written, across pages', async () => {
    const since = lastId();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    for (const n of [1, 2, 3, 4, 5]) audit(db, ACME_ADMIN, { action: `test.same-ms-${n}` });
    const trail = await trailSince(since);
    expect(trail.map((e) => e.action)).toEqual([5, 4, 3, 2, 1].map((n) => `test.same-ms-${n}`));
    expect(new Set(trail.map((e) => e.time)).size).toBe(1);
  });
});

describe('entries written before the trail had one clock (migration 0006)', () => {
  /** A database migrated up to 0005, as deployed before this change. */
  function databaseAt0005() {
    const dir = testTempDir();
    const folder = path.join(dir, 'migrations');
    fs.cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 5);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = new Database(path.join(dir, 'old.db'));
    const old = drizzle(sqlite, { schema }) as unknown as DB;
    migrate(old, { migrationsFolder: folder });
    return { sqlite, old };
  }

  it('leaves them as recorded, marks the change in the trail and says which clock their time is on', async () => {
    const { sqlite, old } = databaseAt0005();
    const insert = sqlite.prepare('insert into audit_log (time, actor_id, actor_email, actor_role, tenant_id, action, target_type, target_id, outcome, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const simulated = Date.UTC(2030, 0, 1, 12);
    const real = Date.UTC(2026, 0, 1, 9);
    insert.run(simulated, 'usr_admin_acme', 'admin@acme.test', 'client_admin', 'ten_acme', 'operation.start', 'operation', 'op_gone', 'success', '{"groupId":"grp_x","type":"test-failover"}');
    insert.run(real, 'usr_admin_acme', 'admin@acme.test', 'client_admin', 'ten_acme', 'group.delete', 'protection-group', 'grp_x', 'success', '{"name":"Old group"}');
    insert.run(simulated + 1, 'system', 'system', 'staff', 'ten_acme', 'operation.completed', 'operation', 'op_gone', 'success', null);
    const before = sqlite.prepare('select * from audit_log order by id').all();

    migrate(old, { migrationsFolder: MIGRATIONS_DIR });
    db = old;
    const after = sqlite.prepare('select id, time, actor_id, actor_email, actor_role, tenant_id, action, target_type, target_id, outcome, source_ip, details from audit_log order by id').all();
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]).toMatchObject({ action: 'audit.one-clock', actor_id: 'system', tenant_id: null });

    const trail = (await listAudit(db, ACME_ADMIN)).items;
    expect(trail.map((e) => [e.action, e.timeClock, e.time, e.simulatedTime, e.actorRole, e.targetName])).toEqual([
      ['operation.completed', 'simulated', new Date(simulated + 1).toISOString(), new Date(simulated + 1).toISOString(), 'system', null],
      ['group.delete', 'real', new Date(real).toISOString(), null, 'client_admin', 'Old group'],
      ['operation.start', 'simulated', new Date(simulated).toISOString(), new Date(simulated).toISOString(), 'client_admin', null],
    ]);
    // New entries after it are on one clock.
    audit(db, ACME_ADMIN, { action: 'operation.start', targetType: 'operation', targetId: 'op_new', simulatedTime: simulated + 2 });
    expect((await listAudit(db, ACME_ADMIN, { limit: 1 })).items[0]).toMatchObject({ timeClock: 'real', simulatedTime: new Date(simulated + 2).toISOString() });
    sqlite.close();
  });

  it('adds no marker to a trail that begins with one clock', async () => {
    expect((await listAudit(db, ACME_ADMIN, { action: 'audit' })).items).toEqual([]);
    expect(db.select().from(auditLog).all().some((e) => e.action === 'audit.one-clock')).toBe(false);
  });
});
