import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, maintenanceWindows, operations, outboxEvents, protectionGroups, recoveryPlans, sites, testDrills, testSchedules, vmAppChecks } from '@/db/schema';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { startTestFailover, stopTest } from '@/lib/domain/operations/operations';
import { getGroup } from '@/lib/domain/groups/groups';
import { recoveryReport } from '@/lib/domain/reports/recovery-report';
import { appCheckOutcome } from '@/lib/engine/app-checks';
import { cronNextRuns, describeCron, testScheduleCreateSchema } from '@/lib/schemas/test-schedules';
import { clearCheckFaults, forceCheckFailure, getOperationChecks, getVmChecks } from './checks';
import { advanceDrills, startDrillScheduler } from './scheduler';
import { createTestSchedule, deleteTestSchedule, getTestSchedule, listTestSchedules, updateTestSchedule } from './schedules';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0); // a Wednesday, 09:00 UTC
const AT_10 = Date.UTC(2030, 4, 1, 10, 0, 0);
const WEB = 'grp_acme_web';
const FILE = 'grp_acme_file';

afterEach(() => setSimulatorForTests(undefined));

async function seeded() {
  const db = await seededTestDb(new Date(NOW));
  writeJournal(db, WEB, NOW);
  writeJournal(db, FILE, NOW);
  const sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  return { db, sim };
}

/** Moves the simulated clock to `toMs` in `stepS` steps, advancing operations then drills, like the server's tick. */
function runUntil(db: DB, sim: FakeSimulator, toMs: number, stepS = 10) {
  while (sim.nowMs < toMs) {
    sim.nowMs = Math.min(toMs, sim.nowMs + stepS * 1000);
    advanceOpenOperations(db, sim.nowMs, sim);
    advanceDrills(db, sim.nowMs, sim);
  }
}
const drillsOf = (db: DB) => db.select().from(testDrills).all();
const daily10 = { groupIds: [WEB], cron: '0 10 * * *', durationMinutes: 30 };

describe('cron', () => {
  it('parses five fields in UTC and gives the next runs', () => {
    expect(cronNextRuns('0 2 * * 0', NOW, 3).map((t) => new Date(t).toISOString())).toEqual(['2030-05-05T02:00:00.000Z', '2030-05-12T02:00:00.000Z', '2030-05-19T02:00:00.000Z']);
    expect(describeCron('0 2 * * 0')).toBe('At 02:00 UTC on Sunday');
    expect(describeCron('*/15 * * * *')).toBe('Every 15 minutes');
    expect(describeCron('30 3 1 1,4,7,10 *')).toBe('At 03:30 UTC on day 1 of the month in January, April, July, October');
  });
  it('refuses an invalid cron naming the field', () => {
    for (const cron of ['61 * * * *', 'every sunday', '* * * * * *', '']) {
      const r = testScheduleCreateSchema.safeParse({ groupIds: [WEB], cron, durationMinutes: 30 });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual(['cron']);
    }
  });
  it('refuses a schedule that fires more often than the drill lasts', () => {
    const r = testScheduleCreateSchema.safeParse({ groupIds: [WEB], cron: '*/10 * * * *', durationMinutes: 30 });
    expect(r.error!.issues[0]).toMatchObject({ path: ['cron'] });
  });
});

describe('application checks', () => {
  it('are a pure function of the operation, the check and the time', () => {
    const c = { operationId: 'op_1', checkId: 'chk_1', kind: 'tcp-port' as const, params: { port: 443 }, atMs: NOW, forced: false };
    expect(appCheckOutcome(c)).toEqual(appCheckOutcome({ ...c }));
    expect(appCheckOutcome({ ...c, forced: true })).toMatchObject({ ok: false, detail: expect.stringContaining('fault injection') });
    expect(appCheckOutcome({ ...c, atMs: null }).ok).toBe(false);
    // Mostly pass: a few in a hundred fail on their own.
    const passed = Array.from({ length: 1000 }, (_, i) => appCheckOutcome({ ...c, checkId: `chk_${i}` }).ok).filter(Boolean).length;
    expect(passed).toBeGreaterThan(975);
    expect(passed).toBeLessThan(1000);
  });
});

describe('test schedules: rules', () => {
  it('client admins create, list, read, pause and delete; audited', async () => {
    const { db } = await seeded();
    const s = await createTestSchedule(db, ACME_ADMIN, daily10);
    expect(s).toMatchObject({ name: 'Drill of Customer web tier', cron: '0 10 * * *', cronText: 'At 10:00 UTC', paused: false, checkpoint: 'latest', groups: [{ id: WEB, name: 'Customer web tier' }] });
    expect(s.nextRuns[0]).toBe('2030-05-01T10:00:00.000Z');
    expect((await listTestSchedules(db, ACME_ADMIN)).items.map((x) => x.id)).toEqual([s.id]);
    expect((await listTestSchedules(db, ACME_USER)).items).toHaveLength(1);
    expect((await listTestSchedules(db, GLOBEX_ADMIN)).items).toHaveLength(0);
    const paused = await updateTestSchedule(db, ACME_ADMIN, s.id, { paused: true });
    expect(paused).toMatchObject({ paused: true, nextRuns: [] });
    await deleteTestSchedule(db, ACME_ADMIN, s.id);
    expect(db.select().from(testSchedules).all()).toHaveLength(0);
    const actions = db.select({ a: auditLog.action }).from(auditLog).all().map((r) => r.a).filter((a) => a.startsWith('test-schedule.'));
    expect(actions).toEqual(['test-schedule.create', 'test-schedule.pause', 'test-schedule.delete']);
  });

  it('a user gets 403, another tenant 404, bad input 400 naming the field; nothing changes', async () => {
    const { db } = await seeded();
    await expect(createTestSchedule(db, ACME_USER, daily10)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createTestSchedule(db, GLOBEX_ADMIN, daily10)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createTestSchedule(db, ACME_ADMIN, { ...daily10, cron: '0 25 * * *' })).rejects.toMatchObject({ errors: [{ field: 'cron' }] });
    await expect(createTestSchedule(db, ACME_ADMIN, { ...daily10, durationMinutes: 1 })).rejects.toMatchObject({ errors: [{ field: 'durationMinutes' }] });
    await expect(createTestSchedule(db, STAFF, daily10)).rejects.toMatchObject({ errors: [{ field: 'tenantId' }] });
    expect(db.select().from(testSchedules).all()).toHaveLength(0);
    const s = await createTestSchedule(db, STAFF, daily10, { tenantId: 'ten_acme' });
    await expect(getTestSchedule(db, GLOBEX_ADMIN, s.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTestSchedule(db, GLOBEX_ADMIN, s.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteTestSchedule(db, ACME_USER, s.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateTestSchedule(db, ACME_ADMIN, s.id, { paused: 'yes' })).rejects.toBeInstanceOf(ValidationError);
    expect((await getTestSchedule(db, ACME_USER, s.id)).id).toBe(s.id);
  });
});

describe('drills', () => {
  it('fire when due as a system test failover, stop themselves after the duration, pass, and count as the annual test', async () => {
    const { db, sim } = await seeded();
    const s = await createTestSchedule(db, ACME_ADMIN, daily10);
    runUntil(db, sim, AT_10 - 10_000);
    expect(drillsOf(db)).toHaveLength(0);
    runUntil(db, sim, AT_10 + 60_000);
    const [running] = drillsOf(db);
    expect(running).toMatchObject({ status: 'running', result: null, endsAt: new Date(AT_10 + 30 * 60_000) });
    const op = db.select().from(operations).where(eq(operations.id, running.groups[0].operationId!)).get()!;
    expect(op).toMatchObject({ type: 'test-failover', startedBy: 'system', actingAsStaff: false });
    runUntil(db, sim, AT_10 + 29 * 60_000);
    expect(db.select().from(operations).where(eq(operations.id, op.id)).get()!.status).toBe('testing');
    runUntil(db, sim, AT_10 + 35 * 60_000);
    const [done] = drillsOf(db);
    expect(done.status).toBe('finished');
    // Four VMs: heartbeat and health page on the web servers, heartbeat and port on the app servers.
    expect(done.checks.map((c) => c.kind).sort()).toEqual(['heartbeat', 'heartbeat', 'heartbeat', 'heartbeat', 'http-status', 'http-status', 'tcp-port', 'tcp-port']);
    expect(done.result).toBe(done.checks.every((c) => c.ok) ? 'passed' : 'failed');
    const ended = db.select().from(operations).where(eq(operations.id, op.id)).get()!;
    expect(ended).toMatchObject({ status: 'completed', result: done.result });
    expect(ended.notes).toContain('application checks passed');
    const g = await getGroup(db, ACME_ADMIN, WEB);
    expect(g.lastTestResult).toBe(done.result);
    if (done.result === 'passed') {
      expect(Date.parse(g.lastTestedAt!)).toBeGreaterThanOrEqual(AT_10 + 30 * 60_000);
      expect(Date.parse(g.lastTestedAt!)).toBeLessThan(AT_10 + 35 * 60_000);
    }
    expect((await getTestSchedule(db, ACME_ADMIN, s.id)).lastDrill?.id).toBe(done.id);
    // The evidence report lists the drill's test with its checks.
    const report = await recoveryReport(db, ACME_ADMIN, {});
    const item = report.items.find((i) => i.id === op.id)!;
    expect(item.drill).toMatchObject({ id: done.id, scheduleName: s.name });
    expect(item.drill!.checks).toHaveLength(8);
    // The operation page's checks are the recorded ones.
    expect((await getOperationChecks(db, ACME_USER, op.id))).toMatchObject({ recorded: true, drill: { id: done.id } });
  });

  it('a check forced to fail by staff makes the drill fail, with the failing check, a notification and audit', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, daily10);
    await expect(forceCheckFailure(db, ACME_ADMIN, 'vm_acme_web_01', {})).rejects.toBeInstanceOf(ForbiddenError);
    expect(db.select().from(vmAppChecks).all().length).toBeGreaterThan(10);
    const checks = await getVmChecks(db, STAFF, vmId(db, 'acme-web-01'));
    const forced = await forceCheckFailure(db, STAFF, checks.vmId, { checkId: checks.checks[0].id, reason: 'show a failed drill' });
    expect(forced.checks[0].forced).toBe(true);
    runUntil(db, sim, AT_10 + 35 * 60_000, 15);
    const [done] = drillsOf(db);
    expect(done.result).toBe('failed');
    const failing = done.checks.filter((c) => !c.ok);
    expect(failing.some((c) => c.vmName === 'acme-web-01' && c.forced)).toBe(true);
    expect(done.reason).toContain('acme-web-01');
    const events = db.select().from(outboxEvents).where(eq(outboxEvents.type, 'drill.failed')).all();
    expect(events).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'app-check.fault-inject')).all()).toHaveLength(1);
    // A failed drill does not fulfil the annual test.
    expect((await getGroup(db, ACME_ADMIN, WEB)).lastTestResult).toBe('failed');
    const cleared = await clearCheckFaults(db, STAFF, checks.vmId);
    expect(cleared.faults).toHaveLength(0);
  });

  it('skips with the reason when the site is down, maintenance covers the time, or the group is in an operation', async () => {
    for (const reason of ['site-down', 'maintenance', 'busy'] as const) {
      const { db, sim } = await seeded();
      await createTestSchedule(db, ACME_ADMIN, daily10);
      const target = db.select().from(protectionGroups).where(eq(protectionGroups.id, WEB)).get()!.targetSiteId;
      if (reason === 'site-down') db.update(sites).set({ status: 'offline' }).where(eq(sites.id, target)).run();
      if (reason === 'maintenance') db.insert(maintenanceWindows).values({ id: 'mw_1', siteId: target, startsAt: new Date(AT_10 + 10 * 60_000), endsAt: new Date(AT_10 + 90 * 60_000), description: 'Storage upgrade', createdAt: new Date(NOW) }).run();
      if (reason === 'busy') {
        sim.nowMs = AT_10 - 60_000;
        await startTestFailover(db, ACME_ADMIN, WEB, {});
      }
      runUntil(db, sim, AT_10 + 60_000);
      const drills = drillsOf(db);
      expect(drills, reason).toHaveLength(1);
      expect(drills[0]).toMatchObject({ status: 'finished', result: 'skipped', skipCode: reason });
      expect(drills[0].reason).toMatch(reason === 'busy' ? /already in an operation/ : reason === 'maintenance' ? /Storage upgrade/ : /is down/);
      expect(db.select().from(outboxEvents).where(eq(outboxEvents.type, 'drill.skipped')).all()).toHaveLength(1);
      // Next slot is tomorrow: nothing more today.
      runUntil(db, sim, AT_10 + 3 * 60_000);
      expect(drillsOf(db)).toHaveLength(1);
    }
  });

  it('after a restart runs what fell due while down once, if within the duration', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, { groupIds: [WEB], cron: '0 * * * *', durationMinutes: 60 });
    // Server down from 09:00 until 11:20: 10:00 and 11:00 fell due; 11:00 is 20 min ago (< 60).
    sim.nowMs = Date.UTC(2030, 4, 1, 11, 20);
    advanceDrills(db, sim.nowMs, sim);
    const drills = drillsOf(db);
    expect(drills).toHaveLength(1);
    expect(drills[0]).toMatchObject({ status: 'running', scheduledFor: new Date(Date.UTC(2030, 4, 1, 11)), missedSlots: 1 });
    advanceDrills(db, sim.nowMs + 1000, sim);
    expect(drillsOf(db)).toHaveLength(1);
  });

  it('after a restart records what fell due as missed (once) when too late to run', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, { groupIds: [WEB], cron: '0 * * * *', durationMinutes: 30 });
    sim.nowMs = Date.UTC(2030, 4, 1, 13, 45); // 10:00..13:00 fell due, the last 45 min ago (> 30)
    advanceDrills(db, sim.nowMs, sim);
    const drills = drillsOf(db);
    expect(drills).toHaveLength(1);
    expect(drills[0]).toMatchObject({ result: 'skipped', skipCode: 'missed', missedSlots: 3, scheduledFor: new Date(Date.UTC(2030, 4, 1, 13)) });
    expect(db.select().from(operations).all().filter((o) => o.startedBy === 'system')).toHaveLength(0);
    // The next slot (14:00) runs normally.
    runUntil(db, sim, Date.UTC(2030, 4, 1, 14, 1));
    expect(drillsOf(db).map((d) => d.status).sort()).toEqual(['finished', 'running']);
  });

  it('drills a plan: every group of it at once', async () => {
    const { db, sim } = await seeded();
    db.insert(recoveryPlans).values({ id: 'pln_1', tenantId: 'ten_acme', name: 'Front office', tiers: [{ groupIds: [WEB], delayAfterSeconds: 0 }, { groupIds: [FILE], delayAfterSeconds: 60 }], createdAt: new Date(NOW), updatedAt: new Date(NOW) }).run();
    const s = await createTestSchedule(db, ACME_ADMIN, { planId: 'pln_1', cron: '0 10 * * *', durationMinutes: 30, checkpoint: 'latest-app' });
    expect(s).toMatchObject({ planName: 'Front office', name: 'Drill of the plan Front office' });
    expect(s.groups.map((g) => g.id)).toEqual([WEB, FILE]);
    await expect(createTestSchedule(db, GLOBEX_ADMIN, { planId: 'pln_1', cron: '0 10 * * *', durationMinutes: 30 })).rejects.toBeInstanceOf(NotFoundError);
    runUntil(db, sim, AT_10 + 60_000);
    const [d] = drillsOf(db);
    expect(d.groups.map((g) => g.groupId)).toEqual([WEB, FILE]);
    const ops = db.select().from(operations).all().filter((o) => o.startedBy === 'system');
    expect(ops).toHaveLength(2);
    // latest-app: the app-consistent checkpoint of the journal.
    expect(ops.every((o) => o.checkpointId !== null)).toBe(true);
  });
});

describe('drills: more rules', () => {
  it('a resumed schedule counts from now: the slots it was paused over are neither run nor recorded', async () => {
    const { db, sim } = await seeded();
    const s = await createTestSchedule(db, ACME_ADMIN, { groupIds: [WEB], cron: '0 * * * *', durationMinutes: 30 });
    await updateTestSchedule(db, ACME_ADMIN, s.id, { paused: true });
    sim.nowMs = Date.UTC(2030, 4, 1, 12, 10);
    advanceDrills(db, sim.nowMs, sim);
    expect(drillsOf(db)).toHaveLength(0);
    const resumed = await updateTestSchedule(db, ACME_ADMIN, s.id, { paused: false });
    expect(resumed.nextRuns[0]).toBe('2030-05-01T13:00:00.000Z');
    advanceDrills(db, sim.nowMs + 1000, sim);
    expect(drillsOf(db)).toHaveLength(0);
  });

  it('a test a person stops before the drill\'s end gives the drill that result, with the checks at that time', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, daily10);
    runUntil(db, sim, AT_10 + 10 * 60_000);
    const [running] = drillsOf(db);
    await stopTest(db, ACME_ADMIN, running.groups[0].operationId!, { result: 'failed', notes: 'The quote page showed an error.' });
    runUntil(db, sim, AT_10 + 12 * 60_000);
    const [done] = drillsOf(db);
    expect(done).toMatchObject({ status: 'finished', result: 'failed' });
    expect(done.groups[0].result).toBe('failed');
    expect(done.checks.length).toBe(8);
  });

  it('service-wide maintenance skips every drill', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, daily10);
    db.insert(maintenanceWindows).values({ id: 'mw_all', siteId: null, startsAt: new Date(AT_10 - 60_000), endsAt: new Date(AT_10 + 60_000), description: 'Portal upgrade', createdAt: new Date(NOW) }).run();
    runUntil(db, sim, AT_10 + 30_000);
    expect(drillsOf(db)[0]).toMatchObject({ result: 'skipped', skipCode: 'maintenance' });
  });

  it('the scheduler catches up once at start, then follows the ticks; starting twice is one scheduler', async () => {
    const { db, sim } = await seeded();
    await createTestSchedule(db, ACME_ADMIN, { groupIds: [WEB], cron: '0 * * * *', durationMinutes: 30 });
    sim.nowMs = Date.UTC(2030, 4, 1, 11, 5);
    const stop = await startDrillScheduler({ db, sim });
    try {
      expect(await startDrillScheduler({ db, sim })).toBe(stop);
      expect(drillsOf(db)).toHaveLength(1);
      expect(drillsOf(db)[0]).toMatchObject({ status: 'running', missedSlots: 1 });
      sim.advance(60 * 60); // to 12:05: the 11:00 drill is due to stop, the 12:00 one to start
      expect(drillsOf(db).length).toBe(2);
    } finally {
      stop();
    }
  });
});

function vmId(db: DB, name: string): string {
  return (db.$client.prepare('select id from vms where name = ?').get(name) as { id: string }).id;
}
