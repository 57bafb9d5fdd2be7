/**
 * One tick of one group after bandwidth has been shared: ship the backlog, then initial/delta
 * sync with what is left; move the consistent point; measure RPO; write checkpoints; keep the
 * journal inside its window and size; sample; raise or resolve alerts.
 */
import { applyFaultAlerts, applyHistoryAlert, applyRpoLevel, applyStallAlert, applyTestOverdue, nextRpoLevel, SYNC_STALLED_AFTER_MS } from './group-alerts';
import type { Engine } from './engine';
import type { GroupState } from './group';
import { nextState, toUnit } from './prng';
import { FLAG_SYNCED } from './vm-table';

export const CRASH_EVERY_MS = 5_000;
/** Replication pipeline (VRA buffering and acknowledgement) on top of link latency: seconds. */
const PIPELINE_BASE_S = 2;
const PIPELINE_LOAD_S = 3;

export function replicateGroup(e: Engine, g: GroupState, t0: number, t1: number, dt: number): void {
  const budget = g.allocation * dt;
  const written = g.tickWriteMB;
  let deltaMB = 0;
  let syncMB = 0;
  let fromTick = 0;
  g.journal.advance(t1);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a shortcut; without a budget nothing below ships (0 MB journalled, no sync)
  if (g.flowing && budget > 0) {
    // Oldest first: the backlog, then this tick's writes, then initial/delta sync.
    deltaMB = g.backlog.length ? g.backlog.ship(budget) : 0;
    fromTick = Math.min(written, budget - deltaMB);
    deltaMB += fromTick;
    g.shippedMB += deltaMB;
    if (g.historyFloorMs !== null && !g.deltaSync) g.journal.add(t1 - 1, deltaMB);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: a shortcut; with no budget left or nothing to sync, shipSync ships nothing
    if (budget - deltaMB > 1e-12 && g.syncLeftMB > 0) syncMB = shipSync(e, g, budget - deltaMB, t1);
  }
  // Only what this tick could not ship joins the backlog (the healthy case never touches it).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the backlog ignores an empty push
  if (written > fromTick) g.backlog.push(t0 + ((t1 - t0) * fromTick) / written, t1, written - fromTick);
  const stopped = g.mode === 'failing-over' || g.mode === 'awaiting-commit' || g.mode === 'failed-over';

  // The consistent point only moves while the target hears from the source.
  if (g.flowing && g.consistentMs !== null && !g.deltaSync) {
    const c = g.backlog.oldestMs() ?? t1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the backlog never holds a write older than the consistent point (it is set from the backlog or with it empty), so this only guards
    if (c > g.consistentMs) g.consistentMs = c;
  }
  e.rng = nextState(e.rng);
  const load = budget > 0 ? Math.min(1, deltaMB / budget) : 0;
  const pipelineS = PIPELINE_BASE_S + PIPELINE_LOAD_S * load + toUnit(e.rng);
  g.rpoSeconds = g.consistentMs === null || stopped ? null : Math.max(0, (t1 - g.consistentMs) / 1000) + g.linkLatencyMs / 1000 + pipelineS;

  writeCheckpoints(e, g, t1);
  keepJournal(e, g, t1);

  // The limit that held the group back this tick explains its backlog until the backlog is gone.
  if (g.cutReason !== null) g.limitReason = g.cutReason;
  else if (g.flowing && g.backlog.totalMB === 0 && g.syncLeftMB === 0) g.limitReason = null;

  const a = e.displayAlpha;
  const writeIo = written * g.iopsPerMB;
  const appliedIo = (deltaMB + syncMB) * g.iopsPerMB;
  g.writeRate += (g.tickWriteMB / dt - g.writeRate) * a;
  g.wanRate += ((deltaMB + syncMB) / dt - g.wanRate) * a;
  g.writeIops += (writeIo / dt - g.writeIops) * a;
  g.appliedIops += (appliedIo / dt - g.appliedIops) * a;
  g.syncRate += (syncMB / dt - g.syncRate) * e.syncRateAlpha;
  e.sampleGroupId = g.id;
  // A stopped group has no RPO (null above): its intervals are left out of the charts.
  g.samples.add(t0, dt, g.rpoSeconds, written, deltaMB + syncMB, e.emitSample, writeIo, appliedIo);

  evaluateAlerts(e, g, t1);
}

/** Shares `budgetMB` equally among syncing members (water-filling); returns MB shipped. */
function shipSync(e: Engine, g: GroupState, budgetMB: number, t1: number): number {
  const { syncLeft, flags, ids } = e.vms;
  let remaining = budgetMB;
  let shipped = 0;
  let active = 0;
  for (const m of g.members) if (syncLeft[m] > 0) active++;
  while (remaining > 1e-9 && active > 0) {
    const share = remaining / active;
    let still = 0;
    for (const m of g.members) {
      if (syncLeft[m] <= 0) continue;
      const take = Math.min(syncLeft[m], share);
      syncLeft[m] -= take;
      remaining -= take;
      shipped += take;
      if (syncLeft[m] <= 1e-9) {
        syncLeft[m] = 0;
        if (!(flags[m] & FLAG_SYNCED)) {
          flags[m] |= FLAG_SYNCED;
          e.events.push({ type: 'member-synced', groupId: g.id, vmId: ids[m]!, atMs: t1 });
        }
      } else still++;
    }
    active = still;
  }
  let left = 0;
  let consistentMembers = 0;
  for (const m of g.members) {
    left += syncLeft[m];
    if (syncLeft[m] === 0) consistentMembers++;
  }
  g.syncLeftMB = left;
  g.syncShippedMB += shipped;
  if (shipped > 0) g.lastSyncProgressMs = t1;
  if (left === 0 && g.deltaSync) {
    // Delta sync done: the target is consistent again and a new journal starts.
    g.deltaSync = false;
    g.consistentMs = g.backlog.oldestMs() ?? t1;
    g.historyFloorMs = t1;
  } else if (g.consistentMs === null && consistentMembers > 0) {
    g.consistentMs = g.backlog.oldestMs() ?? t1;
    g.historyFloorMs = t1;
  }
  return shipped;
}

function writeCheckpoints(e: Engine, g: GroupState, t1: number): void {
  if (g.appEveryMs > 0 && g.allAgents) {
    const slot = Math.floor(t1 / g.appEveryMs);
    if (slot > g.lastAppSlot) {
      g.lastAppSlot = slot;
      // The agent quiesces the applications at the source; the marker reaches the target later.
      if (e.writesAccepted(g)) {
        g.pendingAppMs.push(slot * g.appEveryMs);
        // A marker older than the history window would be pruned the moment it lands: during a
        // long outage the queue (kept in every snapshot) stays within one window's markers.
        while (g.pendingAppMs[0] < t1 - g.historyMs) g.pendingAppMs.shift();
      }
    }
  }
  // Slot boundaries are compared, not divided for, on every tick.
  const crashDue = t1 >= (g.lastCrashSlot + 1) * CRASH_EVERY_MS;
  if (!g.flowing || g.consistentMs === null || g.deltaSync) {
    g.lastCrashSlot = Math.floor(t1 / CRASH_EVERY_MS);
    return;
  }
  const log = g.checkpoints;
  // Every marker the target has caught up with becomes a checkpoint, however far it lags.
  const marks = g.pendingAppMs;
  let reached = 0;
  while (reached < marks.length && g.consistentMs >= marks[reached]) {
    const at = marks[reached++];
    if (at > log.lastMs) {
      log.add(at, 'app');
      e.events.push({ type: 'checkpoint', groupId: g.id, timeMs: at, kind: 'app', tag: null, createdBy: null });
    }
  }
  marks.splice(0, reached);
  if (crashDue) {
    const crashSlot = Math.floor(t1 / CRASH_EVERY_MS);
    g.lastCrashSlot = crashSlot;
    const at = Math.min(Math.floor(g.consistentMs), crashSlot * CRASH_EVERY_MS);
    if (at > log.lastMs) {
      log.add(at, 'crash');
      e.events.push({ type: 'checkpoint', groupId: g.id, timeMs: at, kind: 'crash', tag: null, createdBy: null });
    }
  }
}

function keepJournal(e: Engine, g: GroupState, t1: number): void {
  const windowStart = t1 - g.historyMs;
  g.cutMs = g.journal.limitCutMs(g.limitMB);
  const floor = g.cutMs !== null && g.cutMs > windowStart ? g.cutMs : windowStart;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a shortcut for the usual tick; pruning drops nothing when nothing is older than the floor
  if (g.checkpoints.length > 0 && g.checkpoints.oldestMs()! < floor) g.checkpoints.pruneBefore(floor);
  if (t1 >= (g.lastThinMinute + 1) * 60_000) {
    g.lastThinMinute = Math.floor(t1 / 60_000);
    const timesMs = g.checkpoints.thin(t1);
    if (timesMs.length) e.events.push({ type: 'checkpoints-thinned', groupId: g.id, timesMs });
  }
}

function evaluateAlerts(e: Engine, g: GroupState, t1: number): void {
  const book = e.alerts;
  const replicating = g.mode === 'replicating' || g.mode === 'testing';
  // A reverse delta sync is replication too: while it runs the new target holds nothing newer
  // than the reversal, so its RPO grows and is alerted on like any other.
  const evaluable = replicating && g.rpoSeconds !== null;
  const level = evaluable ? nextRpoLevel(g.rpoLevel, g.rpoSeconds! / g.rpoTargetSeconds) : 0;
  if (level !== g.rpoLevel) applyRpoLevel(book, g, level, t1);

  const short = replicating && g.cutMs !== null && g.cutMs - Math.max(t1 - g.historyMs, g.historyFloorMs ?? t1) > 60_000;
  if (short !== g.historyShort) {
    g.historyShort = short;
    applyHistoryAlert(book, g, short, t1);
  }
  const stalled = replicating && g.syncLeftMB > 0 && !g.deltaSync && t1 - g.lastSyncProgressMs >= SYNC_STALLED_AFTER_MS;
  if (stalled !== g.syncStalled) {
    g.syncStalled = stalled;
    applyStallAlert(book, g, stalled, t1);
  }

  const mask = g.mode === 'failed-over' ? 0 : g.faultMaskNow;
  if (mask !== g.faultMask) applyFaultAlerts(book, g, mask, e.siteName, e.linkIdOf(g), t1);

  if (t1 >= (g.lastMinuteCheck + 1) * 60_000) {
    g.lastMinuteCheck = Math.floor(t1 / 60_000);
    applyTestOverdue(book, g, t1);
  }
}
