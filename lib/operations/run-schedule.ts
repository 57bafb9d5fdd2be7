/**
 * Scheduling of a recovery run's tiers, as pure functions of its stored state and the
 * simulated now (no database, no clock): which waiting groups are due to start, and what the
 * run has achieved. Like the operations machine, times come from the schedule, not from the
 * tick that noticed them, so a restart resumes the same timeline.
 */
import type { OperationStatus } from '@/lib/schemas/operations';
import type { RunGroupState, RunStatus } from '@/lib/schemas/recovery-runs';

export type RunGroupProgress = {
  groupId: string;
  tier: number;
  state: RunGroupState;
  /** The group's operation, once started. */
  opStatus: OperationStatus | null;
  /** When every VM of the group was up (the operation's start + its RTO), once they are. */
  upAtMs: number | null;
  /** When the operation ended (failed ones count as done for the tiers after). */
  finishedAtMs: number | null;
};

/**
 * When tier `t` was or will be done: every group of it has its VMs up, failed, or did not
 * start (one group's failure never holds the others back). Null while any is still on its way.
 */
function tierDoneAtMs(groups: RunGroupProgress[], startMs: number): number | null {
  let done = startMs;
  for (const g of groups) {
    if (g.state === 'waiting') return null;
    if (g.state !== 'started') continue;
    // Up, or ended without coming up (failed): either way the next tier need not wait for it.
    const at = g.upAtMs ?? g.finishedAtMs;
    if (at === null) return null;
    done = Math.max(done, at);
  }
  return done;
}

/**
 * The start time of each tier: the first at the run's start; each next one when the one
 * before is done plus its delay; null when not yet known.
 */
export function tierStartTimes(runStartMs: number, tierDelays: number[], groups: RunGroupProgress[]): (number | null)[] {
  const starts: (number | null)[] = [];
  let start: number | null = runStartMs;
  for (let t = 0; t < tierDelays.length; t++) {
    starts.push(start);
    if (start === null) continue;
    const done = tierDoneAtMs(groups.filter((g) => g.tier === t), start);
    start = done === null ? null : done + tierDelays[t] * 1000;
  }
  return starts;
}

/**
 * Waiting groups whose tier has come by `nowMs`, with the time it came. They are always of one
 * tier: a tier with a waiting group is not done, so the tiers after it have no start yet.
 */
export function dueGroups(runStartMs: number, tierDelays: number[], groups: RunGroupProgress[], nowMs: number): { groupId: string; atMs: number }[] {
  const starts = tierStartTimes(runStartMs, tierDelays, groups);
  return groups
    .filter((g) => g.state === 'waiting')
    .flatMap((g) => {
      const at = starts[g.tier];
      return typeof at === 'number' && at <= nowMs ? [{ groupId: g.groupId, atMs: at }] : [];
    });
}

const OPEN: readonly (OperationStatus | null)[] = ['pending', 'running', 'testing', 'awaiting-commit'];

/**
 * The run's status: in progress while a group waits or an operation is open; then completed
 * (every group recovered or tested), rolled back (every started one rolled back), failed
 * (none recovered), cancelled (stopped before anything started) or partially completed.
 */
export function runStatus(groups: RunGroupProgress[]): RunStatus {
  // Only a started group has an operation status.
  if (groups.some((g) => g.state === 'waiting' || OPEN.includes(g.opStatus))) return 'in-progress';
  const started = groups.filter((g) => g.state === 'started');
  const completed = started.filter((g) => g.opStatus === 'completed').length;
  if (completed === groups.length) return 'completed';
  if (!started.length && groups.every((g) => g.state === 'cancelled')) return 'cancelled';
  if (started.length && started.every((g) => g.opStatus === 'rolled-back')) return 'rolled-back';
  if (completed === 0) return 'failed';
  return 'partially-completed';
}

/** Share of the run done, 0–1 like an operation's: each group weighs the same; waiting counts 0, not started or cancelled 1. */
export function runProgress(groups: { state: RunGroupState; opProgress: number | null }[]): number {
  if (!groups.length) return 1;
  const sum = groups.reduce((n, g) => n + (g.state === 'started' ? (g.opProgress ?? 0) : g.state === 'waiting' ? 0 : 1), 0);
  return Math.round((sum / groups.length) * 1000) / 1000;
}
