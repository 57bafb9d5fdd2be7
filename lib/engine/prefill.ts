/**
 * History for a group that replicated before the engine knew it (first start on a seeded
 * database): the journal holds what the members' daily cycles would have written since
 * `sinceMs`, with checkpoints at the density thinning would have left (one crash checkpoint per
 * quarter-hour, app-consistent ones on their schedule when every member has the agent).
 */
import type { GroupState } from './group';
import type { EngineEvent, VmConfig } from './types';
import { CYCLE_TABLE_SIZE, cycleShape, cycleSlot, fillCycleTable } from './write-profile';

const QUARTER_MS = 15 * 60_000;
/** Journal buckets sit on an absolute time grid, so groups share the cycle table of each instant. */
const tables = new Map<number, Float64Array>();

function cycleTableAt(timeMs: number): Float64Array {
  let t = tables.get(timeMs);
  // Stryker disable next-line ConditionalExpression: a cache; recomputing on a hit fills the same table.
  if (!t) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only bounds the cache's memory; any table is recomputed on a miss.
    if (tables.size > 4096) tables.clear();
    t = new Float64Array(CYCLE_TABLE_SIZE);
    fillCycleTable(t, timeMs);
    tables.set(timeMs, t);
  }
  return t;
}

export function prefillHistory(g: GroupState, members: VmConfig[], sinceMs: number, nowMs: number, events: EngineEvent[]): void {
  const floor = Math.max(sinceMs, nowMs - g.historyMs);
  if (!(floor < nowMs)) return;
  g.historyFloorMs = floor;
  g.consistentMs = nowMs;
  const shapes = members.map((vm) => {
    const s = cycleShape(vm.writePeakFactor);
    return { mean: vm.writeMeanMBps, base: s.base, amp: s.amp, slot: cycleSlot(vm.writePeakHourUtc, s.shapeIndex) };
  });
  const step = g.journal.bucketMs;
  for (let t = floor; t < nowMs; ) {
    const end = Math.min(nowMs, (Math.floor(t / step) + 1) * step);
    const table = cycleTableAt(Math.floor(t / step) * step + step / 2);
    let rate = 0;
    for (const s of shapes) rate += s.mean * (s.base + s.amp * table[s.slot]);
    g.journal.add(t, (rate * (end - t)) / 1000);
    t = end;
  }
  const app = g.appEveryMs > 0 && g.allAgents ? g.appEveryMs : 0;
  const times = new Map<number, 'crash' | 'app'>();
  for (let t = Math.ceil(floor / QUARTER_MS) * QUARTER_MS; t < nowMs; t += QUARTER_MS) times.set(t, 'crash');
  if (app) for (let t = Math.ceil(floor / app) * app; t < nowMs; t += app) times.set(t, 'app');
  for (const t of [...times.keys()].sort((a, b) => a - b)) {
    if (t <= g.checkpoints.lastMs) continue;
    const kind = times.get(t)!;
    g.checkpoints.add(t, kind);
    events.push({ type: 'checkpoint', groupId: g.id, timeMs: t, kind, tag: null, createdBy: null });
  }
  // The synthesised past is as sparse as thinning would leave it: mark it done.
  g.checkpoints.thin(nowMs);
}
