import { SHUTDOWN_GRACE_SECONDS, type CommitPolicy } from '@/lib/schemas/operation-limits';
import type { RunType } from '@/lib/schemas/recovery-runs';

/** How the run names its groups: every group replicating from a site, a hand-picked set, or a saved plan (its tiers). */
export type GroupChoice = { by: 'site'; siteId: string } | { by: 'groups'; groupIds: string[] } | { by: 'plan'; planId: string };

export type RunOptions = {
  shutdownSource: boolean;
  shutdownGraceSeconds: number;
  reverseProtection: boolean;
  commitPolicy: CommitPolicy;
  commitTimeoutMinutes: number;
  reason: string;
};

/** Manual commit by default: a person decides for the whole run once every group is up. */
export function defaultRunOptions(type: RunType, reason = ''): RunOptions {
  return {
    shutdownSource: true,
    shutdownGraceSeconds: SHUTDOWN_GRACE_SECONDS.default,
    reverseProtection: type === 'move',
    commitPolicy: 'manual',
    commitTimeoutMinutes: 60,
    reason,
  };
}

export const choiceReady = (c: GroupChoice) => (c.by === 'site' ? c.siteId !== '' : c.by === 'plan' ? c.planId !== '' : c.groupIds.length > 0);

/** The body of POST /api/v1/recovery-runs and of its pre-flight review (startRunSchema). */
export function startRunBody(type: RunType, choice: GroupChoice, o: RunOptions): Record<string, unknown> {
  const groups = choice.by === 'site' ? { sourceSiteId: choice.siteId } : choice.by === 'plan' ? { planId: choice.planId } : { groupIds: choice.groupIds };
  const reason = o.reason.trim() ? { reason: o.reason.trim() } : {};
  if (type === 'test-failover') return { type, ...groups, ...reason };
  const { shutdownSource, shutdownGraceSeconds, reverseProtection, commitPolicy, commitTimeoutMinutes } = o;
  return { type, ...groups, ...reason, shutdownSource: type === 'move' ? true : shutdownSource, shutdownGraceSeconds, reverseProtection, commitPolicy, commitTimeoutMinutes };
}

/** What to type to confirm a run that changes where production runs. */
export const CONFIRM_TEXT: Record<RunType, string | undefined> = { 'test-failover': undefined, failover: 'LIVE FAILOVER', move: 'MOVE' };
