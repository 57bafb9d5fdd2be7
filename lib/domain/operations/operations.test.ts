import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { alerts, auditLog, checkpoints, protectionGroups, sites, vdcs, vms } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { ACME_ADMIN as acmeAdmin, ACME_USER as acmeUser, GLOBEX_ADMIN as globexAdmin, STAFF as staff } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import {
  commitOperation, getOperation, listOperations, preflight, rollbackOperation, startFailback as startFailbackGated, startFailover as startFailoverGated, startMove as startMoveGated,
  startTestFailover, stopTest,
} from './operations';
import { startedOnly } from '@/lib/testing/started';

const startFailover = startedOnly(startFailoverGated);
const startMove = startedOnly(startMoveGated);
const startFailback = startedOnly(startFailbackGated);

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web'; // london → zurich, plan: 2 app VMs, 60 s delay, 2 web VMs

let db: DB;
let sim: FakeSimulator;
let journal: ReturnType<typeof writeJournal>;

/** Ticks the driver `seconds` later on the simulated clock. */
const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  return advanceOpenOperations(db, sim.nowMs, sim);
};
const group = (id = WEB) => db.select().from(protectionGroups).where(eq(protectionGroups.id, id)).get()!;
const groupVms = () => db.select({ siteId: vms.siteId, power: vms.powerState }).from(vms).where(eq(vms.tenantId, 'ten_acme')).all().filter((_, i) => i < 100);
const webVm = () => db.select().from(vms).where(eq(vms.id, 'vm_acme_web_01')).get()!;
const actions = () => db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).all().map((a) => `${a.action}:${a.outcome}`);

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  db.update(protectionGroups).set({ rpoSeconds: 6 }).run();
  journal = writeJournal(db, WEB, NOW);
});
afterAll(() => setSimulatorForTests(undefined));

describe('test failover', () => {
  it('runs, waits in testing, stops with a result, records the test and cleans up', async () => {
    const op = await startTestFailover(db, acmeAdmin, WEB, {});
    expect(op).toMatchObject({ type: 'test-failover', status: 'running', groupName: 'Customer web tier', startedBy: 'admin@acme.test', checkpointId: journal.latestId, dataLossSeconds: 6, rtoTargetMinutes: 30 });
    expect(op.steps.map((s) => s.name)).toEqual(['Pre-flight checks', 'Create test VMs', 'Boot group 1: Application servers', 'Boot group 2: Web servers', 'Configure network', 'Stop test and remove test VMs']);
    expect(op.steps[4].detail).toContain('dr-test-isolated');
    expect(group().status).toBe('testing');
    expect(sim.modes(WEB)).toEqual(['testing']);

    tick(600);
    const up = await getOperation(db, acmeAdmin, op.id);
    expect(up.status).toBe('testing');
    expect(up.rtoSeconds).toBeGreaterThan(60);
    expect(webVm()).toMatchObject({ siteId: 'london', powerState: 'on' }); // production untouched

    await expect(commitOperation(db, acmeAdmin, op.id)).rejects.toMatchObject({ status: 409 });
    const stopping = await stopTest(db, acmeAdmin, op.id, { result: 'passed', notes: 'App answered on the test network' });
    expect(stopping).toMatchObject({ status: 'running', result: 'passed', notes: 'App answered on the test network' });
    await expect(stopTest(db, acmeAdmin, op.id, { result: 'failed' })).rejects.toMatchObject({ status: 409 });

    tick(30);
    const done = await getOperation(db, acmeAdmin, op.id);
    expect(done).toMatchObject({ status: 'completed', progress: 1 });
    const g = group();
    expect(g.status).toBe('meeting-sla');
    expect(g.lastTestedAt?.getTime()).toBe(Date.parse(done.finishedAt!));
    const cp = db.select().from(checkpoints).where(eq(checkpoints.id, journal.latestId)).get()!;
    expect(cp).toMatchObject({ kind: 'tagged', tag: expect.stringMatching(/^Tested at 1 May 2030, 09:1\d UTC$/) });
    expect(sim.modes(WEB)).toEqual(['testing', 'replicating']);
    expect(actions()).toEqual(expect.arrayContaining(['operation.start:success', 'operation.stop-test:success', 'operation.completed:success']));
  });

  it('recovers to a chosen checkpoint or point in time, with the data loss it implies', async () => {
    const op = await startTestFailover(db, acmeAdmin, WEB, { checkpointId: journal.appId });
    expect(op.checkpointId).toBe(journal.appId);
    expect(op.dataLossSeconds).toBeCloseTo(30 * 60 - 0.001, 1);
    const pf = await preflight(db, acmeAdmin, WEB, { type: 'failover', pointInTime: new Date(NOW - 3600_000 + 30_000).toISOString() });
    expect(pf.checkpoint?.time).toBe(new Date(NOW - 3600_000).toISOString());
    expect(pf.dataLossSeconds).toBe(3600);
  });
});

describe('authorisation and validation order', () => {
  it('refuses a user (403), hides another tenant (404), then validates (400)', async () => {
    await expect(startTestFailover(db, acmeUser, WEB, {})).rejects.toMatchObject({ status: 403 });
    await expect(startFailover(db, acmeUser, WEB, { commitPolicy: 'whenever' })).rejects.toMatchObject({ status: 403 });
    await expect(startFailover(db, globexAdmin, WEB, { commitPolicy: 'whenever' })).rejects.toMatchObject({ status: 404 });
    await expect(startFailover(db, acmeAdmin, WEB, { commitPolicy: 'whenever' })).rejects.toMatchObject({ status: 400 });
    await expect(startFailover(db, acmeAdmin, WEB, { commitTimeoutMinutes: 2000 })).rejects.toMatchObject({ status: 400 });
    await expect(preflight(db, acmeUser, WEB, { type: 'failover' })).rejects.toMatchObject({ status: 403 });
    const op = await startTestFailover(db, acmeAdmin, WEB, {});
    await expect(getOperation(db, globexAdmin, op.id)).rejects.toMatchObject({ status: 404 });
    await expect(stopTest(db, globexAdmin, op.id, { result: 'passed' })).rejects.toMatchObject({ status: 404 });
    await expect(stopTest(db, acmeUser, op.id, { result: 'passed' })).rejects.toMatchObject({ status: 403 });
    expect((await getOperation(db, acmeUser, op.id)).id).toBe(op.id);
  });

  it('lets staff act for a tenant, recorded as such', async () => {
    const op = await startTestFailover(db, staff, WEB, {});
    const row = db.select().from(auditLog).all().find((a) => a.action === 'operation.start' && a.targetId === op.id)!;
    expect(row).toMatchObject({ tenantId: 'ten_acme', actorRole: 'staff' });
    expect(op.actingAsStaff).toBe(true);
  });
});

describe('pre-flight', () => {
  it('lists every failed check in a 422', async () => {
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'zurich')).run();
    db.update(vdcs).set({ vcpuGhz: 10 }).where(eq(vdcs.id, 'vdc_acme_zurich_recovery')).run();
    const err = await startFailover(db, acmeAdmin, WEB, { pointInTime: new Date(NOW - 48 * 3600_000).toISOString() }).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.checks.map((c: { check: string }) => c.check)).toEqual(['target-site', 'capacity', 'checkpoint']);
    expect(actions()).toContain('operation.start:failed');
  });

  it('refuses a group in initial sync and one without checkpoints', async () => {
    const err = await startTestFailover(db, globexAdmin, 'grp_globex_analytics', {}).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.checks.map((c: { check: string }) => c.check)).toEqual(['synced', 'checkpoint']);
  });

  it('refuses a checkpoint of another group', async () => {
    const other = writeJournal(db, 'grp_acme_sql', NOW);
    const err = await startTestFailover(db, acmeAdmin, WEB, { checkpointId: other.latestId }).catch((e) => e);
    expect(err.checks).toEqual([{ check: 'checkpoint', message: expect.stringContaining('not in this group') }]);
  });

  it('counts what other running test VMs hold in the recovery vDC', async () => {
    db.update(protectionGroups).set({ targetSiteId: 'zurich' }).where(eq(protectionGroups.id, 'grp_acme_file')).run();
    writeJournal(db, 'grp_acme_file', NOW);
    db.update(vdcs).set({ vcpuGhz: 30 }).where(eq(vdcs.id, 'vdc_acme_zurich_recovery')).run();
    expect((await preflight(db, acmeAdmin, 'grp_acme_file', { type: 'test-failover' })).ok).toBe(true);
    await startTestFailover(db, acmeAdmin, WEB, {});
    const pf = await preflight(db, acmeAdmin, 'grp_acme_file', { type: 'test-failover' });
    expect(pf.capacity).toMatchObject({ requiredGhz: 19.2, availableGhz: 10.8 });
    expect(pf.checks.find((c) => c.check === 'capacity')?.ok).toBe(false);
  });

  it('reports an open operation to the wizard; a start answers 409', async () => {
    await startTestFailover(db, acmeAdmin, WEB, {});
    const pf = await preflight(db, acmeAdmin, WEB, { type: 'failover' });
    expect(pf.checks.find((c) => c.check === 'no-open-operation')?.ok).toBe(false);
    await expect(startFailover(db, acmeAdmin, WEB, {})).rejects.toMatchObject({ status: 409 });
  });
});

describe('after a restart, while the engine catches up', () => {
  it('refuses to start or decide (503, retry after), changes nothing, then works once live', async () => {
    const op = await startFailover(db, acmeAdmin, WEB, {});
    tick(600);
    const before = { ops: (await listOperations(db, acmeAdmin)).items.length, audit: actions().length };
    sim.lag = { behindMs: 45 * 60_000, etaSeconds: null };
    await expect(startTestFailover(db, acmeAdmin, 'grp_acme_sql', {})).rejects.toMatchObject({ status: 503, extra: { behindSeconds: 2700, retryAfterSeconds: 30 } });
    await expect(commitOperation(db, acmeAdmin, op.id)).rejects.toMatchObject({ status: 503 });
    expect((await getOperation(db, acmeAdmin, op.id)).status).toBe('awaiting-commit');
    expect({ ops: (await listOperations(db, acmeAdmin)).items.length, audit: actions().length }).toEqual(before);
    // Who may not act still hears 403 first: the wait is no hint to them.
    await expect(commitOperation(db, acmeUser, op.id)).rejects.toMatchObject({ status: 403 });

    sim.lag = null;
    expect((await commitOperation(db, acmeAdmin, op.id)).status).not.toBe('awaiting-commit');
  });
});

describe('concurrency', () => {
  it('ten simultaneous starts: one operation, nine 409', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => startTestFailover(db, acmeAdmin, WEB, {})));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => r.reason.status)).toEqual(Array(9).fill(409));
    // Refused by the partial unique index (no pre-check of open operations at start).
    expect(rejected[0].reason.message).toContain('already open on this group');
  });
});

describe('live failover', () => {
  const upAndWaiting = async (input: Record<string, unknown> = {}) => {
    const op = await startFailover(db, acmeAdmin, WEB, input);
    tick(600);
    return getOperation(db, acmeAdmin, op.id);
  };

  it('shuts the source down, boots on the live network and waits for a commit', async () => {
    const op = await upAndWaiting();
    expect(op).toMatchObject({ type: 'failover', status: 'awaiting-commit', commitDeadline: null });
    expect(op.steps.find((s) => s.name === 'Configure network')?.detail).toContain('re-IP 10.10.0.0/16 → 10.110.0.0/16');
    expect(group().status).toBe('awaiting-commit');
    expect(webVm().powerState).toBe('off');
    expect(sim.modes(WEB)).toEqual(['failing-over', 'awaiting-commit']);
  });

  it('commits without reverse protection: VMs at the recovery site, group failed over', async () => {
    const op = await upAndWaiting();
    await commitOperation(db, acmeAdmin, op.id);
    tick(20);
    const done = await getOperation(db, acmeAdmin, op.id);
    expect(done.status).toBe('completed');
    expect(done.steps.at(-1)).toMatchObject({ name: 'Reverse protection', status: 'skipped' });
    expect(webVm()).toMatchObject({ siteId: 'zurich', powerState: 'on' });
    expect(group()).toMatchObject({ status: 'failed-over', sourceSiteId: 'london', targetSiteId: 'zurich' });
    const again = await startTestFailover(db, acmeAdmin, WEB, {}).catch((e) => e);
    expect(again.checks[0].check).toBe('group-state');
  });

  it('commits with reverse protection, then fails back home', async () => {
    const versionBefore = group().configVersion;
    const op = await upAndWaiting({ reverseProtection: true });
    await commitOperation(db, acmeAdmin, op.id);
    tick(20);
    expect(group()).toMatchObject({ status: 'reverse-replicating', sourceSiteId: 'zurich', targetSiteId: 'london' });
    // The direction is configuration: a settings form opened before the failover is now stale.
    expect(group().configVersion).toBe(versionBefore + 1);
    expect(sim.calls.some((c) => c.method === 'reverseProtection')).toBe(true);
    expect(webVm().siteId).toBe('zurich');

    db.update(protectionGroups).set({ status: 'meeting-sla' }).where(eq(protectionGroups.id, WEB)).run(); // the engine caught up
    writeJournal(db, WEB, sim.nowMs, { hours: 1 });
    const back = await startFailover(db, acmeAdmin, WEB, { reverseProtection: true });
    expect(back).toMatchObject({ type: 'failback', fromSiteId: 'zurich', toSiteId: 'london' });
    tick(600);
    await commitOperation(db, acmeAdmin, back.id);
    tick(20);
    expect(group()).toMatchObject({ sourceSiteId: 'london', targetSiteId: 'zurich' });
    expect(webVm().siteId).toBe('london');
    const next = await preflight(db, acmeAdmin, WEB, { type: 'failover' });
    expect(next.type).toBe('failover');
  });

  it('refuses a failback on a group that was never reversed', async () => {
    const err = await startFailback(db, acmeAdmin, WEB, {}).catch((e) => e);
    expect(err.status).toBe(422);
    expect(err.checks[0]).toMatchObject({ check: 'group-state', message: expect.stringContaining('Nothing to fail back') });
  });

  it('rolls back: everything as it was', async () => {
    const before = groupVms();
    const op = await upAndWaiting();
    await rollbackOperation(db, acmeAdmin, op.id);
    tick(30);
    const done = await getOperation(db, acmeAdmin, op.id);
    expect(done.status).toBe('rolled-back');
    expect(done.steps.at(-1)).toMatchObject({ name: 'Roll back', status: 'completed' });
    expect(groupVms()).toEqual(before);
    expect(group()).toMatchObject({ status: 'meeting-sla', sourceSiteId: 'london' });
    expect(actions()).toEqual(expect.arrayContaining(['operation.rollback:success', 'operation.rolled-back:success']));
  });

  it('auto-commits and auto-rolls back after the timeout, audited as the system', async () => {
    const op = await upAndWaiting({ commitPolicy: 'auto-commit', commitTimeoutMinutes: 5 });
    expect(op.commitDeadline).not.toBeNull();
    tick(400);
    expect((await getOperation(db, acmeAdmin, op.id)).status).toBe('completed');
    const auto = db.select().from(auditLog).all().find((a) => a.action === 'operation.auto-commit')!;
    expect(auto).toMatchObject({ actorId: 'system', tenantId: 'ten_acme', targetId: op.id });

    writeJournal(db, 'grp_acme_file', sim.nowMs);
    const rb = await startFailover(db, acmeAdmin, 'grp_acme_file', { commitPolicy: 'auto-rollback', commitTimeoutMinutes: 1 });
    tick(3600);
    expect((await getOperation(db, acmeAdmin, rb.id)).status).toBe('rolled-back');
    expect(actions()).toContain('operation.auto-rollback:success');
  });

  it('works with the source site down: the shutdown is skipped with a reason', async () => {
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    const pf = await preflight(db, acmeAdmin, WEB, { type: 'failover' });
    expect(pf.checks.find((c) => c.check === 'source-site')).toMatchObject({ ok: true, warning: true });
    const op = await upAndWaiting();
    expect(op.status).toBe('awaiting-commit');
    expect(op.steps[1]).toMatchObject({ status: 'skipped', detail: expect.stringContaining('London is offline') });
    expect(webVm().powerState).toBe('on');
    await expect(startMove(db, acmeAdmin, 'grp_acme_sql', {})).rejects.toMatchObject({ status: 422 });
  });

  it('fails cleanly when the target goes offline mid-way, with an alert', async () => {
    const op = await startFailover(db, acmeAdmin, WEB, {});
    tick(40);
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'zurich')).run();
    tick(1);
    const failed = await getOperation(db, acmeAdmin, op.id);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('Zurich went offline') });
    expect(webVm().powerState).toBe('on');
    expect(db.select().from(alerts).all().map((a) => a.code)).toContain('operation-failed');
  });
});

describe('move', () => {
  it('loses no data: shutdown, final sync, clean checkpoint, boot, auto-commit with reverse', async () => {
    const op = await startMove(db, acmeAdmin, WEB, {});
    expect(op).toMatchObject({ type: 'move', dataLossSeconds: 0, checkpointId: null });
    expect(op.steps.slice(1, 3).map((s) => s.name)).toEqual(['Shut down source VMs', 'Final sync']);
    tick(900);
    const done = await getOperation(db, acmeAdmin, op.id);
    expect(done.status).toBe('completed');
    const cp = db.select().from(checkpoints).where(eq(checkpoints.id, done.checkpointId!)).get()!;
    expect(cp.tag).toContain('Clean checkpoint');
    expect(group()).toMatchObject({ sourceSiteId: 'zurich', targetSiteId: 'london' });
  });
});

describe('reads', () => {
  it('lists newest first with paging, scoped to the tenant; staff see all', async () => {
    writeJournal(db, 'grp_globex_erp', NOW);
    const a = await startTestFailover(db, acmeAdmin, WEB, {});
    sim.nowMs += 1000;
    writeJournal(db, 'grp_acme_file', NOW);
    const b = await startTestFailover(db, acmeAdmin, 'grp_acme_file', {});
    const g = await startTestFailover(db, globexAdmin, 'grp_globex_erp', {});
    const page1 = await listOperations(db, acmeAdmin, { limit: 1 });
    expect(page1.items.map((o) => o.id)).toEqual([b.id]);
    const page2 = await listOperations(db, acmeAdmin, { limit: 1, cursor: page1.nextCursor! });
    expect(page2.items.map((o) => o.id)).toEqual([a.id]);
    // Then the demo seed's past tests, older than both.
    const web = (await listOperations(db, acmeUser, { groupId: WEB })).items;
    expect(web[0].id).toBe(a.id);
    expect(web.slice(1).map((o) => [o.groupId, o.status])).toEqual(web.slice(1).map(() => [WEB, 'completed']));
    const pinned = (await listOperations(db, acmeAdmin, { tenantId: 'ten_globex' })).items; // pinned to own tenant
    expect(pinned.map((o) => o.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(pinned.every((o) => o.tenantId === 'ten_acme')).toBe(true);
    expect((await listOperations(db, staff, {})).items.map((o) => o.id)).toContain(g.id);
    const globex = (await listOperations(db, staff, { tenantId: 'ten_globex' })).items;
    expect(globex[0].id).toBe(g.id);
    expect(globex.every((o) => o.tenantId === 'ten_globex')).toBe(true);
    await expect(listOperations(db, acmeAdmin, { cursor: 'nope' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('failover wizard context', () => {
  it('gives anchors, the journal list and the direction; refuses a user and other tenants', async () => {
    const { getFailoverContext } = await import('./failover-context');
    const ctx = await getFailoverContext(db, acmeAdmin, WEB);
    expect(ctx.anchors).toMatchObject({ latest: { id: journal.latestId }, latestApp: { id: journal.appId }, latestTagged: { id: journal.taggedId, tag: 'before release 4.2' } });
    expect(ctx).toMatchObject({ oldestTime: new Date(journal.oldestMs).toISOString(), checkpointCount: 120 + 2, marks: [{ id: journal.appId }, { id: journal.taggedId }] });
    expect(ctx).toMatchObject({ source: { id: 'london', name: 'London' }, target: { id: 'zurich' }, group: { reversed: false, openOperationId: null } });
    expect(ctx.plan.map((p) => p.name)).toEqual(['Application servers', 'Web servers']);
    await expect(getFailoverContext(db, acmeUser, WEB)).rejects.toMatchObject({ status: 403 });
    await expect(getFailoverContext(db, globexAdmin, WEB)).rejects.toMatchObject({ status: 404 });
  });
});
