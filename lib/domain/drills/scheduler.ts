/**
 * The drill scheduler (issue 17), on the simulated clock. Each pass (every simulator tick, after
 * the operations and the recovery runs advanced) it
 * - stops the drills whose duration is up, recording each group's result from its application
 *   checks, and settles the drills whose operations have all ended;
 * - fires the schedules that fell due: at most one drill per schedule per pass, however many
 *   slots passed (a restarted server runs what fell due while it was down once, if still within
 *   the drill's duration, and otherwise records it as missed); a drill that cannot run is
 *   recorded as skipped with its reason (a site down, a maintenance window, a group busy).
 * Everything is read from the database each pass, so a restarted server resumes where it stood.
 */
import 'server-only';
import { and, desc, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import { getDb, type DB, type Executor } from '@/db';
import {
  checkpoints, maintenanceWindows, operations, operationSteps, sites, testDrillOperations, testDrills, testSchedules,
  type DrillCheckRecord, type DrillGroupRecord,
} from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { SYSTEM_ACTOR } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/core/outbox';
import { DomainError } from '@/lib/core/errors';
import { formatDateTime } from '@/lib/format';
import { newId } from '@/lib/ids';
import { applyTransition, runSimCalls, type OpsSim, type SimCall } from '@/lib/operations/effects';
import { advance, requestStop, UnresumableError } from '@/lib/operations/machine';
import { stateFromRows } from '@/lib/operations/store';
import { cronRunsBetween, type DrillSkipCode } from '@/lib/schemas/test-schedules';
import { OPEN_OPERATION_STATUSES } from '@/lib/schemas/operations';
import { simulator } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { openOperation, type StartInput } from '@/lib/domain/operations/open-operation';
import { loadGroupForOperation, type GroupForOperation } from '@/lib/domain/operations/operation-plan';
import { evaluatePreflight, type PreflightResult } from '@/lib/domain/operations/operation-preflight';
import { operationCheckResults } from './checks';
import { scheduleGroupIds } from './dto';

type Schedule = typeof testSchedules.$inferSelect;
type Drill = typeof testDrills.$inferSelect;

/** The system, acting for the schedule's tenant (audited as the system, not as a person). */
const systemFor = (tenantId: string): Actor => ({ ...SYSTEM_ACTOR, tenantId });

/** Most slots counted at once (a schedule every minute over a long outage). */
const MAX_SLOTS = 100_000;

// ---------------------------------------------------------------------------------------------
// Firing

type Skip = { code: DrillSkipCode; reason: string };
type Ready = { group: GroupForOperation; pf: PreflightResult; start: StartInput };

function latestAppCheckpoint(db: Executor, groupId: string, nowMs: number) {
  return db.select({ id: checkpoints.id }).from(checkpoints)
    .where(and(eq(checkpoints.groupId, groupId), eq(checkpoints.kind, 'app'), lt(checkpoints.timeMs, nowMs + 1)))
    .orderBy(desc(checkpoints.timeMs)).limit(1).get();
}

/** A maintenance window over the drill's time at one of the sites (or service-wide). */
function maintenanceOver(db: Executor, siteIds: string[], fromMs: number, toMs: number) {
  return db.select({ id: maintenanceWindows.id, description: maintenanceWindows.description, siteId: maintenanceWindows.siteId, startsAt: maintenanceWindows.startsAt, endsAt: maintenanceWindows.endsAt })
    .from(maintenanceWindows)
    .where(and(lt(maintenanceWindows.startsAt, new Date(toMs)), gt(maintenanceWindows.endsAt, new Date(fromMs)), or(isNull(maintenanceWindows.siteId), inArray(maintenanceWindows.siteId, siteIds))))
    .get();
}

/** Why this group cannot be drilled now, or what to start it with. */
function evaluateGroup(db: Executor, schedule: Schedule, groupId: string, nowMs: number): Ready | Skip {
  let group: GroupForOperation;
  try {
    group = loadGroupForOperation(db, systemFor(schedule.tenantId), groupId);
  } catch (error) {
    if (error instanceof DomainError) return { code: 'no-groups', reason: `The group ${groupId} no longer exists.` };
    throw error;
  }
  const siteRows = db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).where(inArray(sites.id, [group.sourceSiteId, group.targetSiteId])).all();
  const down = siteRows.find((s) => s.status === 'offline');
  if (down) return { code: 'site-down', reason: `${group.name}: the site ${down.name} is down.` };
  const mw = maintenanceOver(db, [group.sourceSiteId, group.targetSiteId], nowMs, nowMs + schedule.durationMinutes * 60_000);
  if (mw) return { code: 'maintenance', reason: `${group.name}: maintenance "${mw.description}" (${formatDateTime(mw.startsAt.getTime())} to ${formatDateTime(mw.endsAt.getTime())}) covers the drill's time.` };
  let point: { checkpointId?: string } = {};
  if (schedule.checkpoint === 'latest-app') {
    const cp = latestAppCheckpoint(db, group.id, nowMs);
    if (!cp) return { code: 'preflight', reason: `${group.name}: the journal holds no app-consistent checkpoint.` };
    point = { checkpointId: cp.id };
  }
  const pf = evaluatePreflight(db, group, 'test-failover', point, nowMs);
  if (pf.openOperationId || pf.waitingInRunId) return { code: 'busy', reason: `${group.name} is already in an operation${pf.waitingInRunId ? ' (waiting in a recovery run)' : ''}.` };
  const failed = pf.checks.filter((c) => !c.ok);
  if (failed.length) {
    const siteDown = failed.find((c) => c.check === 'target-site' || c.check === 'source-site');
    return { code: siteDown ? 'site-down' : 'preflight', reason: `${group.name}: ${failed.map((c) => c.message).join(' ')}` };
  }
  return { group, pf, start: { ...point, shutdownSource: false, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 0 } };
}

function recordSkipped(tx: Executor, schedule: Schedule, slotMs: number, nowMs: number, skip: Skip, missedSlots: number, groups: DrillGroupRecord[]): string {
  const id = newId('drl');
  tx.insert(testDrills).values({
    id, tenantId: schedule.tenantId, scheduleId: schedule.id, scheduleName: schedule.name, scheduledFor: new Date(slotMs), startedAt: new Date(nowMs),
    endsAt: new Date(nowMs), finishedAt: new Date(nowMs), status: 'finished', result: 'skipped', skipCode: skip.code, reason: skip.reason, missedSlots, groups, checks: [],
  }).run();
  recordEvent(tx, {
    type: 'drill.skipped', tenantId: schedule.tenantId, occurredAt: nowMs,
    payload: { drillId: id, scheduleId: schedule.id, scheduleName: schedule.name, skipCode: skip.code, reason: skip.reason, subject: `Scheduled test failover "${schedule.name}" skipped`, summary: `The drill due at ${formatDateTime(slotMs)} was ${skip.code === 'missed' ? 'missed' : 'skipped'}: ${skip.reason}` },
  });
  audit(tx, systemFor(schedule.tenantId), {
    action: skip.code === 'missed' ? 'test-drill.missed' : 'test-drill.skip', tenantId: schedule.tenantId, targetType: 'test-drill', targetId: id, outcome: 'failed', simulatedTime: nowMs,
    details: { scheduleId: schedule.id, scheduledFor: new Date(slotMs).toISOString(), code: skip.code, reason: skip.reason, missedSlots },
  });
  return id;
}

/** Fires one schedule's due slot: starts its groups' test failovers together, or records why not. */
function fireSlot(db: DB, schedule: Schedule, slotMs: number, nowMs: number, missedSlots: number): SimCall[] {
  const bump = (tx: Executor) => tx.update(testSchedules).set({ lastSlotAt: new Date(slotMs) }).where(eq(testSchedules.id, schedule.id)).run();
  const skipNow = (skip: Skip, groups: DrillGroupRecord[] = []) => db.transaction((tx) => {
    bump(tx);
    recordSkipped(tx, schedule, slotMs, nowMs, skip, missedSlots, groups);
    return [] as SimCall[];
  });
  try {
    return db.transaction((tx) => {
      const groupIds = scheduleGroupIds(tx, schedule);
      if (!groupIds.length) throw new SkipSignal({ code: 'no-groups', reason: 'The schedule has no groups left (deleted groups, or an empty plan).' });
      const evaluated = groupIds.map((g) => evaluateGroup(tx, schedule, g, nowMs));
      const skips = evaluated.filter((e): e is Skip => 'code' in e);
      // All or nothing: a drill that left a group out would not show the set can recover.
      if (skips.length) {
        const order: DrillSkipCode[] = ['site-down', 'maintenance', 'busy', 'no-groups', 'preflight'];
        const first = [...skips].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))[0];
        throw new SkipSignal({ code: first.code, reason: skips.map((s) => s.reason).join(' ') });
      }
      const ready = evaluated as Ready[];
      const id = newId('drl');
      const groups: DrillGroupRecord[] = ready.map((r) => ({ groupId: r.group.id, groupName: r.group.name, operationId: newId('op'), result: null, error: null }));
      tx.insert(testDrills).values({
        id, tenantId: schedule.tenantId, scheduleId: schedule.id, scheduleName: schedule.name, scheduledFor: new Date(slotMs), startedAt: new Date(nowMs),
        endsAt: new Date(nowMs + schedule.durationMinutes * 60_000), status: 'running', missedSlots, groups, checks: [],
      }).run();
      const calls: SimCall[] = [];
      ready.forEach((r, i) => {
        const opId = groups[i].operationId!;
        calls.push(...openOperation(tx, systemFor(schedule.tenantId), r.group, r.pf, r.start, { opId, nowMs }));
        // Started by the system, not by staff acting for the tenant.
        tx.update(operations).set({ actingAsStaff: false }).where(eq(operations.id, opId)).run();
        tx.insert(testDrillOperations).values({ drillId: id, operationId: opId }).run();
      });
      bump(tx);
      audit(tx, systemFor(schedule.tenantId), {
        action: 'test-drill.start', tenantId: schedule.tenantId, targetType: 'test-drill', targetId: id, simulatedTime: nowMs,
        details: { scheduleId: schedule.id, scheduledFor: new Date(slotMs).toISOString(), groupIds: groups.map((g) => g.groupId), operationIds: groups.map((g) => g.operationId), durationMinutes: schedule.durationMinutes, checkpoint: schedule.checkpoint, missedSlots },
      });
      return calls;
    });
  } catch (error) {
    if (error instanceof SkipSignal) return skipNow(error.skip);
    // Another operation got to a group between the check and the insert: busy.
    if (error instanceof DomainError) return skipNow({ code: 'busy', reason: error.message });
    throw error;
  }
}

class SkipSignal extends Error {
  constructor(readonly skip: Skip) {
    super(skip.reason);
  }
}

/** Fires what fell due for every active schedule; returns the drills started or recorded. */
export function fireDueSchedules(db: DB, nowMs: number, sim: OpsSim | null): number {
  const schedules = db.select().from(testSchedules).where(eq(testSchedules.paused, false)).all();
  let fired = 0;
  for (const s of schedules) {
    const slots = cronRunsBetween(s.cron, s.lastSlotAt.getTime(), nowMs, MAX_SLOTS);
    if (!slots.length) continue;
    const latest = slots[slots.length - 1];
    const graceMs = s.durationMinutes * 60_000;
    fired += 1;
    if (nowMs - latest <= graceMs) {
      runSimCalls(sim, fireSlot(db, s, latest, nowMs, slots.length - 1));
    } else {
      db.transaction((tx) => {
        tx.update(testSchedules).set({ lastSlotAt: new Date(latest) }).where(eq(testSchedules.id, s.id)).run();
        const n = slots.length;
        recordSkipped(tx, s, latest, nowMs, {
          code: 'missed',
          reason: `The server was not running when ${n === 1 ? 'the drill' : `${n}${n >= MAX_SLOTS ? '+' : ''} drills`} fell due (last at ${formatDateTime(latest)}); too late to run now (more than the drill's ${s.durationMinutes} minutes ago).`,
        }, n - 1, []);
      });
    }
  }
  return fired;
}

// ---------------------------------------------------------------------------------------------
// Stopping and settling

function siteReach(db: Executor, row: { fromSiteId: string; toSiteId: string }) {
  const rows = db.select({ id: sites.id, status: sites.status }).from(sites).where(inArray(sites.id, [row.fromSiteId, row.toSiteId])).all();
  const online = (id: string) => rows.find((r) => r.id === id)?.status !== 'offline';
  return { sourceSiteOnline: online(row.fromSiteId), targetSiteOnline: online(row.toSiteId) };
}

function checksSummary(checks: DrillCheckRecord[]): string {
  const failing = checks.filter((c) => !c.ok);
  const head = `${checks.length - failing.length} of ${checks.length} application checks passed`;
  return failing.length ? `${head}; failing: ${failing.map((c) => `${c.vmName} ${c.name} (${c.detail.replace(/\.$/, '')})`).join('; ')}.` : `${head}.`;
}

/** Stops a drill's test whose VMs are up, with the result its checks give (the stop-test a person would do). */
function stopGroup(db: DB, drill: Drill, operationId: string, nowMs: number): SimCall[] {
  return db.transaction((tx) => {
    const row = tx.select().from(operations).where(eq(operations.id, operationId)).get();
    if (!row || row.status !== 'testing') return [];
    let prev;
    try {
      prev = stateFromRows(row, tx.select().from(operationSteps).where(eq(operationSteps.operationId, operationId)).all());
    } catch (error) {
      if (error instanceof UnresumableError) return [];
      throw error;
    }
    const checks = operationCheckResults(tx, operationId, nowMs);
    const result = checks.every((c) => c.ok) ? 'passed' : 'failed';
    const notes = `Scheduled drill "${drill.scheduleName}": ${checksSummary(checks)}`.slice(0, 2000);
    const actor = systemFor(drill.tenantId);
    const next = advance(requestStop(prev, nowMs), nowMs, siteReach(tx, row));
    tx.update(operations).set({ result, notes }).where(eq(operations.id, operationId)).run();
    recordGroup(tx, drill.id, operationId, result, checks);
    audit(tx, actor, {
      action: 'operation.stop-test', tenantId: row.tenantId, targetType: 'operation', targetId: operationId, simulatedTime: nowMs,
      details: { groupId: row.groupId, type: row.type, result, notes, drillId: drill.id },
    });
    return applyTransition(tx, row, prev, { ...next, changed: true }, actor);
  });
}

/** Writes a group's result and checks into the drill (read again: several groups may record in one pass). */
function recordGroup(tx: Executor, drillId: string, operationId: string, result: 'passed' | 'failed', checks: DrillCheckRecord[], error: string | null = null) {
  const d = tx.select({ groups: testDrills.groups, checks: testDrills.checks }).from(testDrills).where(eq(testDrills.id, drillId)).get();
  if (!d) return;
  const groups = d.groups.map((g) => (g.operationId === operationId ? { ...g, result, error } : g));
  const kept = d.checks.filter((c) => c.operationId !== operationId);
  tx.update(testDrills).set({ groups, checks: [...kept, ...checks] }).where(eq(testDrills.id, drillId)).run();
}

const OPEN = new Set<string>(OPEN_OPERATION_STATUSES);

/** Stops the drills whose time is up and settles those whose operations have all ended. */
export function settleDrills(db: DB, nowMs: number, sim: OpsSim | null): number {
  const running = db.select().from(testDrills).where(eq(testDrills.status, 'running')).all();
  let settled = 0;
  for (const drill of running) {
    const opIds = drill.groups.flatMap((g) => (g.operationId ? [g.operationId] : []));
    const ops = opIds.length ? db.select({ id: operations.id, status: operations.status, result: operations.result, error: operations.error, finishedAt: operations.finishedAt }).from(operations).where(inArray(operations.id, opIds)).all() : [];
    if (nowMs >= drill.endsAt.getTime()) {
      for (const op of ops) if (op.status === 'testing') runSimCalls(sim, stopGroup(db, drill, op.id, nowMs));
    }
    const fresh = db.select().from(testDrills).where(eq(testDrills.id, drill.id)).get()!;
    const now = opIds.length ? db.select({ id: operations.id, status: operations.status, result: operations.result, error: operations.error, finishedAt: operations.finishedAt }).from(operations).where(inArray(operations.id, opIds)).all() : [];
    if (now.some((o) => OPEN.has(o.status))) continue;
    settled += 1;
    db.transaction((tx) => {
      // Groups ended some other way (a person stopped the test, or it failed): their result and checks now.
      for (const o of now) {
        const g = fresh.groups.find((x) => x.operationId === o.id);
        if (g?.result) continue;
        const result = o.status === 'completed' && o.result === 'passed' ? 'passed' : 'failed';
        recordGroup(tx, drill.id, o.id, result, operationCheckResults(tx, o.id, nowMs), o.status === 'failed' ? (o.error ?? 'The operation failed.') : null);
      }
      const d = tx.select().from(testDrills).where(eq(testDrills.id, drill.id)).get()!;
      const failedOps = now.filter((o) => o.status !== 'completed' || o.result !== 'passed');
      const result = failedOps.length || d.groups.some((g) => g.result !== 'passed') ? 'failed' : 'passed';
      const ends = now.map((o) => o.finishedAt?.getTime() ?? nowMs);
      const finishedAt = new Date(Math.min(nowMs, Math.max(d.startedAt.getTime(), ...ends)));
      const reason = result === 'failed'
        ? [...d.groups.filter((g) => g.error).map((g) => `${g.groupName}: ${g.error}`), d.checks.some((c) => !c.ok) ? checksSummary(d.checks) : ''].filter(Boolean).join(' ') || 'A test failover of the drill did not pass.'
        : null;
      tx.update(testDrills).set({ status: 'finished', result, reason, finishedAt }).where(and(eq(testDrills.id, drill.id), eq(testDrills.status, 'running'))).run();
      if (result === 'failed') {
        recordEvent(tx, {
          type: 'drill.failed', tenantId: d.tenantId, occurredAt: finishedAt,
          payload: {
            drillId: d.id, scheduleId: d.scheduleId, scheduleName: d.scheduleName, operationIds: opIds,
            failingChecks: d.checks.filter((c) => !c.ok).map((c) => ({ vmName: c.vmName, name: c.name, detail: c.detail })),
            subject: `Scheduled test failover "${d.scheduleName}" failed`, summary: `The drill failed: ${reason}`,
          },
        });
      }
      audit(tx, systemFor(d.tenantId), {
        action: 'test-drill.finish', tenantId: d.tenantId, targetType: 'test-drill', targetId: d.id, simulatedTime: finishedAt.getTime(),
        outcome: result === 'failed' ? 'failed' : 'success', details: { result, failingChecks: d.checks.filter((c) => !c.ok).length, checks: d.checks.length },
      });
    });
  }
  return settled;
}

/** One pass of the scheduler: settle first (a drill ending frees its groups), then fire. */
export function advanceDrills(db: DB, nowMs: number, sim: OpsSim | null = null): { settled: number; fired: number } {
  const settled = settleDrills(db, nowMs, sim);
  const fired = fireDueSchedules(db, nowMs, sim);
  return { settled, fired };
}

type DriverSim = OpsSim & Pick<SimulatorControl, 'now' | 'onTick'>;
const globalForDrills = globalThis as unknown as { __cloudshieldDrillScheduler?: () => void };

/**
 * Catches up once (what fell due while the server was down: run once or recorded as missed),
 * then follows the simulator's ticks. Call after the recovery runs driver; idempotent.
 */
export async function startDrillScheduler(deps?: { db: DB; sim: DriverSim }): Promise<() => void> {
  if (globalForDrills.__cloudshieldDrillScheduler) return globalForDrills.__cloudshieldDrillScheduler;
  const db = deps?.db ?? getDb();
  const sim = deps?.sim ?? (await simulator());
  if (!sim) throw new Error('startDrillScheduler: the simulator is not running');
  const first = advanceDrills(db, sim.now(), sim);
  if (first.fired || first.settled) console.log(`[cloudshield] drill scheduler: ${first.fired} schedule(s) caught up, ${first.settled} drill(s) settled`);
  const off = sim.onTick((nowMs) => {
    try {
      advanceDrills(db, nowMs, sim);
    } catch (error) {
      // One bad tick must not stop the scheduler; the next tick retries from the database.
      console.error('[cloudshield] drill scheduler tick failed', error);
    }
  });
  const stop = () => {
    off();
    if (globalForDrills.__cloudshieldDrillScheduler === stop) delete globalForDrills.__cloudshieldDrillScheduler;
  };
  globalForDrills.__cloudshieldDrillScheduler = stop;
  return stop;
}
