/**
 * What a notification says about the time left to decide (commit or roll back) once a live
 * failover or move waits for its decision (issue 16): an auto policy acts at its deadline, a
 * manual one waits for a person without one. Pure, for the operation's and the run's events.
 */
import { formatDateTime, formatDuration } from '@/lib/format';
import type { CommitPolicy } from '@/lib/schemas/operation-limits';

const ACTS: Record<Exclude<CommitPolicy, 'manual'>, string> = { 'auto-commit': 'commits', 'auto-rollback': 'rolls back' };

/** Whole seconds left in the commit window at `nowMs` (0 once passed); null without a deadline. */
export function commitTimeLeftSeconds(deadlineMs: number | null, nowMs: number): number | null {
  return deadlineMs === null ? null : Math.max(0, Math.round((deadlineMs - nowMs) / 1000));
}

/** "The auto-commit policy commits in 30 m (at 2030-05-01 09:36 UTC)." or the manual policy's "no deadline". */
export function commitWindowText(policy: CommitPolicy, deadlineMs: number | null, nowMs: number): string {
  const left = commitTimeLeftSeconds(deadlineMs, nowMs);
  if (policy === 'manual' || left === null || deadlineMs === null) return 'No deadline: the manual policy waits for a person to decide.';
  return `Time left to decide: ${formatDuration(left)}; then the ${policy} policy ${ACTS[policy]} (at ${formatDateTime(deadlineMs)}).`;
}
