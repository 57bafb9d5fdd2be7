import { and, eq, gte } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { auditLog, operations, protectionGroups, recoveryPlans, recoveryRunGroups, sites, vdcs } from '@/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, PreflightError, ValidationError } from '@/lib/core/errors';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { startTestFailover } from '@/lib/domain/operations/operations';
import { commitRun, rollbackRun, stopRunTests } from './run-decisions';
import { advanceRecoveryRuns } from './run-driver';
import { getRun, listRuns, previewRun, startRun as startRunGated } from './runs';
import { startedOnly } from '@/lib/testing/started';

const startRun = startedOnly(startRunGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const SQL = 'grp_acme_sql';
const FILE = 'grp_acme_file';
const s = (seconds: number) => NOW + seconds * 1000;

// Seed timings with London down (no shutdown). Web: create 5 + 3×4 = 17, app tier 81, delay 60,
// web tier 58 → VMs up at 216 s. SQL: create 5 + 3×3 = 14, directory 192, delay 120, database
// 155 → up at 481 s. The network step (5 s) follows, then each awaits its decision.
const WEB_UP = 216;
const SQL_UP = 481;

afterEach(() => setSimulatorForTests(undefined));

async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  for (const g of [WEB, SQL, FILE]) writeJournal(db, g, NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  return { db, sim };
}
/** Operations started in this test (the seed holds a history of earlier ones). */
const newOps = (db: DB, groupId: string) => db.select().from(operations).where(and(eq(operations.groupId, groupId), gte(operations.startedAt, new Date(NOW)))).all();
const setSite = (db: DB, id: string, status: 'online' | 'offline') => db.update(sites).set({ status }).where(eq(sites.id, id)).run();

/** Both drivers, in the order the server runs them on a tick. */
function tick(db: DB, sim: FakeSimulator, atSeconds: number) {
  sim.nowMs = s(atSeconds);
  advanceOpenOperations(db, sim.nowMs, sim);
  advanceRecoveryRuns(db, sim.nowMs, sim);
}

function savePlan(db: DB, tiers: { groupIds: string[]; delayAfterSeconds: number }[], tenantId = 'ten_acme') {
  db.insert(recoveryPlans).values({ id: 'rp_test', tenantId, name: 'Database first', tiers, createdAt: new Date(NOW), updatedAt: new Date(NOW) }).run();
  return 'rp_test';
}

async function rejection<T>(p: Promise<T>): Promise<unknown> {
  return p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e);
}

describe('starting a run from an outage', () => {
  it('fails over every group replicating from the down site in one action, and commits them all', async () => {
    const { db, sim } = await seeded();
    setSite(db, 'london', 'offline');
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'london', reason: 'London power loss' });
    expect(run).toMatchObject({ status: 'in-progress', type: 'failover', sourceSiteName: 'London', reason: 'London power loss', worstRtoTargetMinutes: 60 });
    expect(run.groups.map((g) => [g.groupId, g.tier, g.state, g.operationStatus])).toEqual([
      [WEB, 1, 'started', 'running'],
      [SQL, 1, 'started', 'running'],
    ]);
    expect(run.groups.map((g) => g.forecast.rtoSeconds)).toEqual([WEB_UP, SQL_UP]);
    expect(run.actions).toEqual({ commitAll: false, rollbackAll: false, stopAllTests: false });

    tick(db, sim, WEB_UP + 5);
    const half = await getRun(db, ACME_ADMIN, run.id);
    expect(half.counts).toMatchObject({ awaitingDecision: 1, running: 1 });
    expect(half.actions.commitAll).toBe(true);

    tick(db, sim, SQL_UP + 5);
    const up = await getRun(db, ACME_ADMIN, run.id);
    expect(up.groups.map((g) => g.rtoSeconds)).toEqual([WEB_UP, SQL_UP]);
    expect(up.groups.map((g) => g.rtoSeconds)).toEqual(up.groups.map((g) => g.forecast.rtoSeconds));

    const decided = await commitRun(db, ACME_ADMIN, run.id);
    expect(decided.results.map((r) => [r.groupName, r.ok])).toEqual([['Customer web tier', true], ['Policy database', true]]);
    tick(db, sim, SQL_UP + 60);
    const done = await getRun(db, ACME_ADMIN, run.id);
    expect(done).toMatchObject({ status: 'completed', progress: 1, counts: { recovered: 2 } });
    expect(done.finishedAt).not.toBeNull();
    const actions = db.select().from(auditLog).where(eq(auditLog.targetId, run.id)).all().map((a) => a.action);
    expect(actions).toEqual(['recovery-run.start', 'recovery-run.commit', 'recovery-run.finished']);
  });

  it('leaves out a group that does not replicate from the site, and refuses a site nothing replicates from', async () => {
    const { db } = await seeded();
    const preview = await previewRun(db, ACME_ADMIN, { type: 'test-failover', sourceSiteId: 'jersey' });
    expect(preview.groups.map((g) => g.groupId)).toEqual([FILE]);
    const e = await rejection(startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'zurich' }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).errors).toEqual([{ field: 'sourceSiteId', message: 'No protection group replicates from Zurich.' }]);
  });
});

describe('tiers of a saved plan', () => {
  it('starts tier 2 only when every VM of tier 1 is up, plus the delay, at that moment', async () => {
    const { db, sim } = await seeded();
    const planId = savePlan(db, [{ groupIds: [SQL], delayAfterSeconds: 30 }, { groupIds: [WEB], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'test-failover', planId });
    expect(run.planName).toBe('Database first');
    expect(run.groups.map((g) => [g.groupId, g.tier, g.state])).toEqual([[SQL, 1, 'started'], [WEB, 2, 'waiting']]);
    // The forecast carries the wait: web's RTO counts from the run's start.
    expect(run.groups.map((g) => g.forecast.rtoSeconds)).toEqual([SQL_UP, SQL_UP + 30 + WEB_UP]);

    tick(db, sim, SQL_UP + 29);
    expect((await getRun(db, ACME_ADMIN, run.id)).groups[1].state).toBe('waiting');
    tick(db, sim, SQL_UP + 40); // a coarse tick: the tier still starts at its scheduled time
    const later = await getRun(db, ACME_ADMIN, run.id);
    expect(later.groups[1]).toMatchObject({ state: 'started', operationStatus: 'running', startsAt: new Date(s(SQL_UP + 30)).toISOString() });
    const webOp = db.select().from(operations).where(eq(operations.id, later.groups[1].operationId!)).get()!;
    expect(webOp.startedAt.getTime()).toBe(s(SQL_UP + 30));

    tick(db, sim, SQL_UP + 30 + WEB_UP + 10);
    const up = await getRun(db, ACME_ADMIN, run.id);
    expect(up.groups.map((g) => g.operationStatus)).toEqual(['testing', 'testing']);
    expect(up.groups[1].rtoSeconds).toBe(WEB_UP);
    expect(up.actions.stopAllTests).toBe(true);
    const stopped = await stopRunTests(db, ACME_ADMIN, run.id, { result: 'passed', notes: 'Annual drill' });
    expect(stopped.results.every((r) => r.ok)).toBe(true);
    tick(db, sim, SQL_UP + 30 + WEB_UP + 60);
    expect((await getRun(db, ACME_ADMIN, run.id)).status).toBe('completed');
  });

  it('a tier-1 group that fails does not block tier 2; the result says which recovered', async () => {
    const { db, sim } = await seeded();
    const planId = savePlan(db, [{ groupIds: [FILE], delayAfterSeconds: 0 }, { groupIds: [WEB], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', planId, shutdownSource: false });
    // Guernsey (the file group's recovery site) fails before its VMs are up: that operation fails.
    setSite(db, 'guernsey', 'offline');
    tick(db, sim, 5);
    const mid = await getRun(db, ACME_ADMIN, run.id);
    expect(mid.groups[0].operationStatus).toBe('failed');
    expect(mid.groups[1]).toMatchObject({ state: 'started', operationStatus: 'running' });
    tick(db, sim, 5 + WEB_UP + 10);
    await commitRun(db, ACME_ADMIN, run.id);
    tick(db, sim, 5 + WEB_UP + 60);
    const done = await getRun(db, ACME_ADMIN, run.id);
    expect(done.status).toBe('partially-completed');
    expect(done.counts).toMatchObject({ recovered: 1, failed: 1 });
  });

  it('a later tier that can no longer start when its turn comes is recorded as not started, with why', async () => {
    const { db, sim } = await seeded();
    const planId = savePlan(db, [{ groupIds: [WEB], delayAfterSeconds: 0 }, { groupIds: [SQL], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'test-failover', planId });
    // Jersey, SQL's recovery site, goes down while the web tier boots.
    tick(db, sim, 100);
    setSite(db, 'jersey', 'offline');
    tick(db, sim, WEB_UP);
    const after = await getRun(db, ACME_ADMIN, run.id);
    expect(after.groups[0].operationStatus).toBe('running');
    expect(after.groups[1]).toMatchObject({ state: 'not-started', error: 'Target site Jersey is offline.' });
    tick(db, sim, WEB_UP + 10);
    expect((await getRun(db, ACME_ADMIN, run.id)).groups[0].operationStatus).toBe('testing');
    expect(db.select().from(auditLog).where(and(eq(auditLog.targetId, run.id), eq(auditLog.action, 'recovery-run.group-not-started'))).all()).toHaveLength(1);
  });

  it('roll back all: the groups up are rolled back, the tier not yet started is cancelled', async () => {
    const { db, sim } = await seeded();
    const planId = savePlan(db, [{ groupIds: [WEB], delayAfterSeconds: 600 }, { groupIds: [SQL], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', planId, shutdownSource: false });
    tick(db, sim, WEB_UP + 10);
    const r = await rollbackRun(db, ACME_ADMIN, run.id);
    expect(r.results.map((x) => [x.groupName, x.ok, x.message])).toEqual([
      ['Policy database', true, 'Not started: its tier had not come.'],
      ['Customer web tier', true, 'Rolling back.'],
    ]);
    tick(db, sim, WEB_UP + 700);
    const done = await getRun(db, ACME_ADMIN, run.id);
    expect(done.status).toBe('rolled-back');
    expect(done.groups.map((g) => g.state)).toEqual(['started', 'cancelled']);
    expect(newOps(db, SQL)).toHaveLength(0);
  });
});

describe('roll back all while production is offline', () => {
  it('refuses each group (their recovered VMs are the only copy) unless break-glass with a reason', async () => {
    const { db, sim } = await seeded();
    setSite(db, 'london', 'offline');
    const run = await startRun(db, ACME_ADMIN, { type: 'failover', sourceSiteId: 'london' });
    tick(db, sim, SQL_UP + 10);
    // The run page says which groups a plain rollback would refuse, and why.
    expect((await getRun(db, ACME_ADMIN, run.id)).groups.map((g) => g.blockedRollback)).toEqual([expect.stringMatching(/London is offline/), expect.stringMatching(/London is offline/)]);
    const refused = await rollbackRun(db, ACME_ADMIN, run.id);
    expect(refused.results.map((r) => r.ok)).toEqual([false, false]);
    expect(refused.results[0].message).toMatch(/London is offline/);
    await expect(rollbackRun(db, ACME_ADMIN, run.id, { breakGlass: true })).rejects.toBeInstanceOf(ValidationError);
    const forced = await rollbackRun(db, ACME_ADMIN, run.id, { breakGlass: true, reason: 'Zurich copy is corrupt, London back in 1 h' });
    expect(forced.results.map((r) => r.ok)).toEqual([true, true]);
    tick(db, sim, SQL_UP + 100);
    expect((await getRun(db, ACME_ADMIN, run.id)).status).toBe('rolled-back');
  });
});

describe('a restart in the middle of a run', () => {
  it('resumes from the stored state: the next tier starts at its scheduled time, not at the restart', async () => {
    const { db, sim } = await seeded();
    const planId = savePlan(db, [{ groupIds: [WEB], delayAfterSeconds: 60 }, { groupIds: [SQL], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'test-failover', planId });
    tick(db, sim, 100);
    const file = db.$client.name;
    db.$client.close();

    // A new process, 20 simulated minutes later, with nothing in memory.
    const db2 = openDatabase(file);
    const sim2 = new FakeSimulator(s(1200));
    setSimulatorForTests(sim2);
    advanceOpenOperations(db2, sim2.nowMs, sim2, { resuming: true });
    advanceRecoveryRuns(db2, sim2.nowMs, sim2);
    const resumed = await getRun(db2, ACME_ADMIN, run.id);
    expect(resumed.groups.map((g) => g.state)).toEqual(['started', 'started']);
    const [sqlOp] = newOps(db2, SQL);
    expect(sqlOp.startedAt.getTime()).toBe(s(WEB_UP + 60));
    advanceOpenOperations(db2, sim2.nowMs, sim2);
    expect((await getRun(db2, ACME_ADMIN, run.id)).groups.map((g) => g.operationStatus)).toEqual(['testing', 'testing']);
  });
});

describe('pre-flight of the whole run', () => {
  it('refuses with 422 when the groups fit one by one but not together at the recovery site', async () => {
    const { db } = await seeded();
    // As if both recovered to Zurich. Web needs 32 GB, SQL 136 GB: each fits in 150 GB, together (168 GB) they do not.
    db.update(protectionGroups).set({ targetSiteId: 'zurich' }).where(eq(protectionGroups.id, SQL)).run();
    db.update(vdcs).set({ memoryGb: 150 }).where(and(eq(vdcs.tenantId, 'ten_acme'), eq(vdcs.siteId, 'zurich'))).run();
    const preview = await previewRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB, SQL] });
    expect(preview.ok).toBe(false);
    expect(preview.groups.every((g) => g.ok)).toBe(true);
    expect(preview.capacity[0]).toMatchObject({ siteName: 'Zurich', requiredMemoryGb: 168, availableMemoryGb: 150, ok: false });
    const e = await rejection(startRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB, SQL] }));
    expect(e).toBeInstanceOf(PreflightError);
    expect((e as PreflightError).checks).toEqual([{ groupId: null, groupName: null, check: 'capacity', message: expect.stringContaining('2 groups (Customer web tier, Policy database) need') }]);
    expect([...newOps(db, WEB), ...newOps(db, SQL)]).toEqual([]);
  });

  it('names each group whose recovery site is down too, and starts nothing', async () => {
    const { db } = await seeded();
    setSite(db, 'guernsey', 'offline');
    const e = await rejection(startRun(db, ACME_ADMIN, { type: 'failover', groupIds: [WEB, FILE] }));
    expect((e as PreflightError).checks).toEqual([{ groupId: FILE, groupName: 'File and backup', check: 'target-site', message: 'File and backup: Target site Guernsey is offline. Recover it once its recovery site is back, or leave the group out.' }]);
    expect((await listRuns(db, ACME_ADMIN)).items).toHaveLength(0);
    expect(db.select().from(recoveryRunGroups).all()).toHaveLength(0);
  });

  it('409 names a group already in an operation', async () => {
    const { db } = await seeded();
    await startTestFailover(db, ACME_ADMIN, WEB, {});
    const e = await rejection(startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: [WEB, SQL] }));
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).message).toBe('Already in an operation: Customer web tier. A group runs one operation at a time.');
  });
});

describe('racing starts', () => {
  it('two overlapping runs started at once: exactly one wins, the other gets 409', async () => {
    const { db } = await seeded();
    const results = await Promise.allSettled([
      startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: [WEB, SQL] }),
      startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: [SQL, FILE] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect(newOps(db, SQL)).toHaveLength(1);
  });

  it('a group waiting for its tier cannot be started on its own, nor claimed by a second run', async () => {
    const { db } = await seeded();
    const planId = savePlan(db, [{ groupIds: [WEB], delayAfterSeconds: 0 }, { groupIds: [SQL], delayAfterSeconds: 0 }]);
    const run = await startRun(db, ACME_ADMIN, { type: 'test-failover', planId });
    const single = await rejection(startTestFailover(db, ACME_ADMIN, SQL, {}));
    expect(single).toBeInstanceOf(ConflictError);
    expect((single as ConflictError).extra).toEqual({ runId: run.id });
    const second = await rejection(startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: [SQL] }));
    expect(second).toBeInstanceOf(ConflictError);
  });
});

describe('who may do what', () => {
  it('a user sees runs but may not start or decide; another tenant gets 404 for everything', async () => {
    const { db, sim } = await seeded();
    const run = await startRun(db, ACME_ADMIN, { type: 'test-failover', groupIds: [WEB] });
    await expect(startRun(db, ACME_USER, { type: 'test-failover', groupIds: [SQL] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewRun(db, ACME_USER, { type: 'test-failover', groupIds: [SQL] })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getRun(db, ACME_USER, run.id)).id).toBe(run.id);
    tick(db, sim, WEB_UP + 10);
    await expect(stopRunTests(db, ACME_USER, run.id, { result: 'passed' })).rejects.toBeInstanceOf(ForbiddenError);

    await expect(getRun(db, GLOBEX_ADMIN, run.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(stopRunTests(db, GLOBEX_ADMIN, run.id, { result: 'passed' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(commitRun(db, GLOBEX_ADMIN, run.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listRuns(db, GLOBEX_ADMIN)).items).toEqual([]);
    // Naming another tenant's groups is "not found", like any unknown id.
    await expect(startRun(db, GLOBEX_ADMIN, { type: 'test-failover', groupIds: [SQL] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('staff start a run for a tenant on its behalf, audited as staff', async () => {
    const { db } = await seeded();
    setSite(db, 'london', 'offline');
    await expect(startRun(db, STAFF, { type: 'failover', sourceSiteId: 'london' })).rejects.toBeInstanceOf(ValidationError);
    const run = await startRun(db, STAFF, { type: 'failover', sourceSiteId: 'london' }, { tenantId: 'ten_acme' });
    expect(run).toMatchObject({ tenantId: 'ten_acme', startedBy: 'staff@calligo.test', actingAsStaff: true });
    expect((await listRuns(db, ACME_ADMIN)).items.map((r) => r.id)).toEqual([run.id]);
  });

  it('bad input is refused naming the field, and nothing starts', async () => {
    const { db } = await seeded();
    const bad = async (input: unknown) => ((await rejection(startRun(db, ACME_ADMIN, input))) as ValidationError).errors.map((e) => e.field);
    expect(await bad({ type: 'failover' })).toEqual(['groupIds']);
    expect(await bad({ type: 'failover', groupIds: [WEB], sourceSiteId: 'london' })).toEqual(['groupIds']);
    expect(await bad({ type: 'failback', groupIds: [WEB] })).toEqual(['type']);
    expect(await bad({ type: 'failover', groupIds: [WEB, WEB] })).toEqual(['groupIds']);
    expect(await bad({ type: 'failover', groupIds: [] })).toEqual(['groupIds']);
    expect([...newOps(db, WEB), ...newOps(db, SQL)]).toEqual([]);
    expect((await listRuns(db, ACME_ADMIN)).items).toEqual([]);
    await expect(startRun(db, ACME_ADMIN, { type: 'failover', planId: 'rp_nope' })).rejects.toBeInstanceOf(NotFoundError);
    expect(db.select().from(protectionGroups).where(eq(protectionGroups.status, 'failing-over')).all()).toEqual([]);
  });
});
