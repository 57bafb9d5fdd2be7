/**
 * The tier schedule of recovery runs, on the simulated clock. After the operations driver
 * advanced every open operation on a tick, this starts the waiting groups whose tier has come
 * (at the time it came, which the operation's timeline keeps) and records the runs that ended.
 * Everything is read from the database each time, so a restarted server resumes every run
 * from where it stood.
 */
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type DB, type Executor } from '@/db';
import { operations, recoveryRunGroups, recoveryRuns } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { groupTopics, publishLive } from '@/lib/core/live-events';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { DomainError } from '@/lib/core/errors';
import { newId } from '@/lib/ids';
import { runSimCalls, type OpsSim, type SimCall } from '@/lib/operations/effects';
import { dueGroups, runStatus } from '@/lib/operations/run-schedule';
import { openOperation, type StartInput } from '@/lib/domain/operations/open-operation';
import { loadGroupForOperation } from '@/lib/domain/operations/operation-plan';
import { evaluatePreflight } from '@/lib/domain/operations/operation-preflight';
import { simulator } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { RUN_STATUS_LABEL, RUN_TYPE_LABEL } from '@/lib/schemas/recovery-runs';
import { loadRunGroups, progressOf, type RunGroupRow, type RunRow } from './run-read';
import { notifyRunAwaitingDecision } from './run-awaiting';

/** Who a later tier is started by: the person who started the run (audited as such). */
function runActor(run: RunRow): Actor {
  return {
    userId: run.startedBy, email: run.startedByEmail, role: run.actingAsStaff ? 'staff' : 'client_admin',
    tenantId: run.tenantId, actingForTenant: run.actingAsStaff, via: 'session',
  };
}

function opTimes(db: DB, groups: RunGroupRow[]) {
  const ids = groups.flatMap((g) => (g.operationId ? [g.operationId] : []));
  if (!ids.length) return new Map();
  const rows = db.select({ id: operations.id, status: operations.status, startedAt: operations.startedAt, rtoSeconds: operations.rtoSeconds, finishedAt: operations.finishedAt })
    .from(operations).where(inArray(operations.id, ids)).all();
  return new Map(rows.map((r) => [r.id, { status: r.status, startedAtMs: r.startedAt.getTime(), rtoSeconds: r.rtoSeconds, finishedAtMs: r.finishedAt?.getTime() ?? null }]));
}

/**
 * Starts one waiting group at `atMs` in its own transaction. Its pre-flight is evaluated again
 * (the world may have changed since the run started); a group that cannot start is recorded as
 * not started, with why, and the run goes on without it.
 */
function startWaitingGroup(db: DB, run: RunRow, groupId: string, atMs: number): SimCall[] {
  const actor = runActor(run);
  try {
    return tryStart(db, run, actor, groupId, atMs);
  } catch (error) {
    // Refused while opening (e.g. the database's one-open-operation rule): not started, with why.
    if (!(error instanceof DomainError)) throw error;
    return db.transaction((tx) => markNotStarted(tx, run, actor, groupId, atMs, error.message));
  }
}

function markNotStarted(tx: Executor, run: RunRow, actor: Actor, groupId: string, atMs: number, error: string): SimCall[] {
  tx.update(recoveryRunGroups).set({ state: 'not-started', error }).where(and(eq(recoveryRunGroups.runId, run.id), eq(recoveryRunGroups.groupId, groupId))).run();
  audit(tx, actor, { action: 'recovery-run.group-not-started', tenantId: run.tenantId, targetType: 'recovery-run', targetId: run.id, outcome: 'failed', simulatedTime: atMs, details: { groupId, reason: error } });
  return [];
}

function tryStart(db: DB, run: RunRow, actor: Actor, groupId: string, atMs: number): SimCall[] {
  return db.transaction((tx) => {
    const row = tx.select().from(recoveryRunGroups).where(and(eq(recoveryRunGroups.runId, run.id), eq(recoveryRunGroups.groupId, groupId))).get();
    if (!row || row.state !== 'waiting') return [];
    const notStarted = (error: string) => markNotStarted(tx, run, actor, groupId, atMs, error);
    let group;
    try {
      group = loadGroupForOperation(tx, actor, groupId);
    } catch (error) {
      if (error instanceof DomainError) return notStarted('The group no longer exists.');
      throw error;
    }
    const pf = evaluatePreflight(tx, group, run.type, {}, atMs, run.id);
    const failed = pf.checks.filter((c) => !c.ok);
    if (failed.length) return notStarted(failed.map((c) => c.message).join(' '));
    const opId = newId('op');
    // Claim the group first: the waiting row's unique index then no longer holds it.
    tx.update(recoveryRunGroups).set({ state: 'started', operationId: null }).where(and(eq(recoveryRunGroups.runId, run.id), eq(recoveryRunGroups.groupId, groupId))).run();
    const calls = openOperation(tx, actor, group, pf, run.options as unknown as StartInput, {
      opId, nowMs: atMs, runId: run.id,
      // A later tier carries the run's approval or break glass like the first tier's operations.
      approvalId: run.approvalId ?? undefined, approvedByEmail: run.approvedByEmail ?? undefined, breakGlassReason: run.breakGlassReason ?? undefined,
    });
    tx.update(recoveryRunGroups).set({ operationId: opId }).where(and(eq(recoveryRunGroups.runId, run.id), eq(recoveryRunGroups.groupId, groupId))).run();
    return calls;
  });
}

/** Records the run's outcome once every group has ended (idempotent). */
export function settleRun(db: DB, runId: string, nowMs: number): void {
  const run = db.select().from(recoveryRuns).where(eq(recoveryRuns.id, runId)).get();
  if (!run || run.status !== 'in-progress') return;
  const groups = loadRunGroups(db, [runId]).get(runId) ?? [];
  const ops = opTimes(db, groups);
  const status = runStatus(progressOf(groups, ops));
  if (status === 'in-progress') return;
  const ends = [...ops.values()].map((o) => o.finishedAtMs ?? 0);
  const finishedAt = new Date(Math.min(nowMs, Math.max(run.startedAt.getTime(), ...ends)));
  db.transaction((tx) => {
    tx.update(recoveryRuns).set({ status, finishedAt }).where(and(eq(recoveryRuns.id, runId), eq(recoveryRuns.status, 'in-progress'))).run();
    const what = `${RUN_TYPE_LABEL[run.type]} run${run.planName ? ` of the plan ${run.planName}` : ''}`;
    recordEvent(tx, {
      type: status === 'failed' ? 'run.failed' : 'run.finished', tenantId: run.tenantId, occurredAt: finishedAt,
      payload: { runId, runType: run.type, status, subject: what, summary: `The ${what.toLowerCase()} ended: ${RUN_STATUS_LABEL[status].toLowerCase()}.` },
    });
    audit(tx, runActor(run), {
      action: 'recovery-run.finished', tenantId: run.tenantId, targetType: 'recovery-run', targetId: runId, simulatedTime: finishedAt.getTime(),
      outcome: status === 'failed' ? 'failed' : 'success', details: { status },
    });
  });
}

/** Advances every run in progress to `nowMs`: starts the tiers that came, settles the runs that ended. */
export function advanceRecoveryRuns(db: DB, nowMs: number, sim: OpsSim | null = null): { open: number; started: number } {
  const runs = db.select().from(recoveryRuns).where(eq(recoveryRuns.status, 'in-progress')).all();
  if (!runs.length) return { open: 0, started: 0 };
  const groupsByRun = loadRunGroups(db, runs.map((r) => r.id));
  let started = 0;
  for (const run of runs) {
    const groups = groupsByRun.get(run.id) ?? [];
    const due = dueGroups(run.startedAt.getTime(), run.tierDelays, progressOf(groups, opTimes(db, groups)), nowMs);
    for (const d of due) {
      const calls = startWaitingGroup(db, run, d.groupId, d.atMs);
      if (calls.length) started += 1;
      publishLive(run.tenantId, ['runs', `run:${run.id}`, 'operations', ...groupTopics(d.groupId)]);
      runSimCalls(sim, calls);
    }
    notifyRunAwaitingDecision(db, run, nowMs);
    settleRun(db, run.id, nowMs);
  }
  return { open: runs.length, started };
}

type DriverSim = OpsSim & Pick<SimulatorControl, 'now' | 'onTick'>;
const globalForRuns = globalThis as unknown as { __cloudshieldRunsDriver?: () => void };

/**
 * Resumes the runs a previous process left in progress, then follows the simulator's ticks.
 * Call after startOperationsDriver() (so a tick's operations have advanced first); idempotent.
 */
export async function startRecoveryRunsDriver(deps?: { db: DB; sim: DriverSim }): Promise<() => void> {
  if (globalForRuns.__cloudshieldRunsDriver) return globalForRuns.__cloudshieldRunsDriver;
  const db = deps?.db ?? getDb();
  const sim = deps?.sim ?? (await simulator());
  if (!sim) throw new Error('startRecoveryRunsDriver: the simulator is not running');
  const resumed = advanceRecoveryRuns(db, sim.now(), sim);
  if (resumed.open) console.log(`[cloudshield] recovery runs driver: ${resumed.open} run(s) resumed`);
  const off = sim.onTick((nowMs) => {
    try {
      advanceRecoveryRuns(db, nowMs, sim);
    } catch (error) {
      // One bad tick must not stop the driver; the next tick retries from the database.
      console.error('[cloudshield] recovery runs driver tick failed', error);
    }
  });
  const stop = () => {
    off();
    if (globalForRuns.__cloudshieldRunsDriver === stop) delete globalForRuns.__cloudshieldRunsDriver;
  };
  globalForRuns.__cloudshieldRunsDriver = stop;
  return stop;
}
