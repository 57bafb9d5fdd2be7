import type { CheckpointDto } from '@/lib/domain/core/dto';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import { SHUTDOWN_GRACE_SECONDS, type CommitPolicy } from '@/lib/schemas/operation-limits';

export type WizardMode = 'test-failover' | 'failover' | 'move';

/**
 * The recovery point: the latest checkpoint, one checkpoint (a quick pick or one chosen in the
 * journal; kept whole to show it whatever page of the journal is on screen), or any point in time (the server recovers
 * to the newest checkpoint at or before it).
 */
export type RecoveryPoint =
  | { kind: 'latest' }
  | { kind: 'checkpoint'; checkpoint: CheckpointDto; via: 'app' | 'tagged' | 'journal' }
  | { kind: 'time'; iso: string };

export type LiveOptions = {
  shutdownSource: boolean;
  /** Graceful shutdown time before the source VMs still running are forced off. */
  shutdownGraceSeconds: number;
  reverseProtection: boolean;
  commitPolicy: CommitPolicy;
  commitTimeoutMinutes: number;
};

/** Defaults of the API (lib/schemas/operations): live = graceful shutdown (forced after 300 s), no reverse, manual 60 min; move = reverse, auto-commit at once. */
export function defaultOptions(mode: WizardMode): LiveOptions {
  const shutdown = { shutdownSource: true, shutdownGraceSeconds: SHUTDOWN_GRACE_SECONDS.default };
  return mode === 'move'
    ? { ...shutdown, reverseProtection: true, commitPolicy: 'auto-commit', commitTimeoutMinutes: 0 }
    : { ...shutdown, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 60 };
}

export function pointParams(mode: WizardMode, point: RecoveryPoint): Record<string, string> {
  if (mode === 'move' || point.kind === 'latest') return {};
  return point.kind === 'checkpoint' ? { checkpointId: point.checkpoint.id } : { pointInTime: point.iso };
}

/** The request body of the start endpoint for the mode. */
export function startBody(mode: WizardMode, point: RecoveryPoint, options: LiveOptions): Record<string, unknown> {
  const p = pointParams(mode, point);
  if (mode === 'test-failover') return p;
  const { shutdownGraceSeconds, reverseProtection, commitPolicy, commitTimeoutMinutes } = options;
  if (mode === 'move') return { shutdownGraceSeconds, reverseProtection, commitPolicy, commitTimeoutMinutes };
  return { ...p, ...options };
}

export const liveLabel = (ctx: FailoverContextDto) => (ctx.group.reversed ? 'Failback' : 'Live failover');

export const startPath = (groupId: string, mode: WizardMode) => `/api/v1/groups/${groupId}/${mode}`;
