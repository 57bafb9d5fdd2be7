/**
 * Server-side driver of open operations. On every simulator tick it reads the open operations
 * (a handful of rows, found through the partial unique index), advances each on the simulated
 * clock and persists what changed in one transaction. Nothing is kept in memory between ticks,
 * so a restarted server simply continues from the database: that is the resume.
 */
import { inArray } from 'drizzle-orm';
import { getDb, type DB } from '@/db';
import { sites } from '@/db/schema';
import { groupTopics, publishLive } from '@/lib/core/live-events';
import { simulator } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { applyTransition, runSimCalls, type OpsSim, type SimCall } from './effects';
import { advance, failOperation, UnresumableError } from './machine';
import { loadOpenOperations, loadSteps, rawState, stateFromRows, type OperationRow } from './store';
import type { AdvanceResult, OperationState } from './types';

/** What a step of an operation changes for the live stream: the operation, its group, and the runs (an operation may belong to one). */
const operationTopics = (row: OperationRow) => ['operations', `operation:${row.id}`, 'runs', ...groupTopics(row.groupId)];

export type AdvanceSummary = { open: number; changed: number; failed: string[] };

/** Called with the sites of at least one open operation (never an empty list). */
function offlineSites(db: DB, siteIds: string[]): Set<string> {
  const rows = db.select({ id: sites.id, status: sites.status }).from(sites).where(inArray(sites.id, siteIds)).all();
  return new Set(rows.filter((r) => r.status === 'offline').map((r) => r.id));
}

/**
 * Advances every open operation to `nowMs`. An operation that cannot be computed any more
 * (options or steps this version does not understand) is failed with the reason instead of
 * being left open forever.
 */
export function advanceOpenOperations(db: DB, nowMs: number, sim: OpsSim | null = null, { resuming = false } = {}): AdvanceSummary {
  const rows = loadOpenOperations(db);
  // Stryker disable next-line ConditionalExpression: a shortcut; with nothing open the rest reads nothing and returns the same summary
  if (!rows.length) return { open: 0, changed: 0, failed: [] };
  const steps = loadSteps(db, rows.map((r) => r.id));
  const offline = offlineSites(db, [...new Set(rows.flatMap((r) => [r.fromSiteId, r.toSiteId]))]);
  const transitions: { row: OperationRow; prev: OperationState; result: AdvanceResult }[] = [];
  for (const row of rows) {
    const rowSteps = steps.get(row.id) ?? [];
    try {
      const prev = stateFromRows(row, rowSteps);
      const result = advance(prev, nowMs, { sourceSiteOnline: !offline.has(row.fromSiteId), targetSiteOnline: !offline.has(row.toSiteId) });
      if (result.changed) transitions.push({ row, prev, result });
    } catch (error) {
      if (!(error instanceof UnresumableError)) throw error;
      const prev = rawState(row, rowSteps);
      const why = resuming ? 'Could not resume after a restart' : 'Could not continue';
      transitions.push({ row, prev, result: failOperation(prev, nowMs, `${why}: ${error.message}`, { sourceSiteOnline: !offline.has(row.fromSiteId) }) });
    }
  }
  // Stryker disable next-line ConditionalExpression: a shortcut; an empty transaction writes nothing and the summary is the same
  if (!transitions.length) return { open: rows.length, changed: 0, failed: [] };
  const calls: SimCall[] = db.transaction((tx) => transitions.flatMap((t) => applyTransition(tx, t.row, t.prev, t.result)));
  runSimCalls(sim, calls);
  for (const { row } of transitions) publishLive(row.tenantId, operationTopics(row));
  return {
    open: rows.length,
    changed: transitions.length,
    failed: transitions.filter((t) => t.result.state.status === 'failed').map((t) => t.row.id),
  };
}

type DriverSim = OpsSim & Pick<SimulatorControl, 'now' | 'onTick'>;

const globalForDriver = globalThis as unknown as { __cloudshieldOpsDriver?: () => void };

/**
 * Resumes the operations a previous process left open (fast-forwarding them to the simulated
 * now), then follows the simulator's ticks. Call once after startSimulator(); idempotent.
 * Returns a function that stops the driver.
 */
export async function startOperationsDriver(deps?: { db: DB; sim: DriverSim }): Promise<() => void> {
  if (globalForDriver.__cloudshieldOpsDriver) return globalForDriver.__cloudshieldOpsDriver;
  const db = deps?.db ?? getDb();
  const sim = deps?.sim ?? (await simulator());
  if (!sim) throw new Error('startOperationsDriver: the simulator is not running; call startSimulator() first');
  const resumed = advanceOpenOperations(db, sim.now(), sim, { resuming: true });
  if (resumed.open) console.log(`[cloudshield] operations driver: ${resumed.open} open operation(s) resumed, ${resumed.failed.length} failed`);
  const off = sim.onTick((nowMs) => {
    try {
      advanceOpenOperations(db, nowMs, sim);
    } catch (error) {
      // One bad tick must not stop the driver; the next tick retries from the database.
      console.error('[cloudshield] operations driver tick failed', error);
    }
  });
  const stop = () => {
    off();
    if (globalForDriver.__cloudshieldOpsDriver === stop) delete globalForDriver.__cloudshieldOpsDriver;
  };
  globalForDriver.__cloudshieldOpsDriver = stop;
  return stop;
}
