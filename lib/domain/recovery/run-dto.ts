/** What the API and the pages see of a recovery run. */
import type { OperationStatus, OperationType, TestResult } from '@/lib/schemas/operations';
import type { RunGroupState, RunStatus, RunType } from '@/lib/schemas/recovery-runs';
import type { PreflightCheckDto } from '@/lib/domain/operations/operation-preflight';
import type { SiteClaimDto } from './run-capacity';

export type RunGroupDto = {
  groupId: string;
  groupName: string;
  /** 1-based, as people count tiers. */
  tier: number;
  state: RunGroupState;
  /** API.md's one word for the group: its operation's status once started, else its state. */
  status: OperationStatus | Exclude<RunGroupState, 'started'>;
  operationId: string | null;
  /** The operation's own status once started (what a person acts on). */
  operationStatus: OperationStatus | null;
  /** A failover on a reversed group is a failback. */
  operationType: OperationType | null;
  /** 0–1, the operation's progress (0 while waiting, 1 once ended or not started). */
  progress: number;
  fromSiteName: string;
  toSiteName: string;
  dataLossSeconds: number | null;
  rtoSeconds: number | null;
  rtoTargetMinutes: number;
  rpoTargetSeconds: number;
  /** What the what-if forecast said at the start, beside what happened. */
  forecast: { dataLossSeconds: number | null; rtoSeconds: number | null };
  /** Why the group could not start when its tier came, or why its operation failed. */
  error: string | null;
  /** When its tier starts (known once the tier before is done), ISO. */
  startsAt: string | null;
  commitDeadline: string | null;
  testResult: TestResult | null;
  /** Awaiting its decision, but a rollback is refused now (production offline), with why; null otherwise. */
  blockedRollback: string | null;
};

export type RunDto = {
  id: string;
  tenantId: string;
  tenantName: string;
  type: RunType;
  status: RunStatus;
  sourceSiteId: string | null;
  sourceSiteName: string | null;
  planId: string | null;
  planName: string | null;
  reason: string | null;
  startedBy: string;
  actingAsStaff: boolean;
  /** Four-eyes approval: who approved the run, or the break-glass reason it started without approval. */
  approvedBy: string | null;
  breakGlassReason: string | null;
  startedAt: string;
  finishedAt: string | null;
  elapsedSeconds: number;
  /** The worst (largest) RTO target among the run's groups: the clock the run is measured against. */
  worstRtoTargetMinutes: number;
  /** 0–1 over all groups. */
  progress: number;
  tiers: { tier: number; delayAfterSeconds: number; startsAt: string | null }[];
  groups: RunGroupDto[];
  counts: { groups: number; waiting: number; running: number; awaitingDecision: number; recovered: number; failed: number; notStarted: number; rolledBack: number; cancelled: number };
  /** What a person may do now, for the buttons: each says why not when it cannot. */
  actions: { commitAll: boolean; rollbackAll: boolean; stopAllTests: boolean };
};

/** One group in the pre-flight review of a run. */
export type RunPreflightGroupDto = {
  groupId: string;
  groupName: string;
  tier: number;
  type: OperationType;
  fromSiteName: string;
  toSiteName: string;
  vmCount: number;
  dataLossSeconds: number | null;
  rtoTargetMinutes: number;
  predictedRtoSeconds: number | null;
  ok: boolean;
  /** Only the checks that failed or warn (the rest passed). */
  problems: PreflightCheckDto[];
  openOperationId: string | null;
  waitingInRunId: string | null;
};

export type RunPreflightDto = {
  type: RunType;
  ok: boolean;
  groups: RunPreflightGroupDto[];
  /** Capacity per recovery vDC for all of the run's groups together. */
  capacity: SiteClaimDto[];
  tiers: { tier: number; delayAfterSeconds: number; groupIds: string[] }[];
  /** Every failed check in one list, each naming its group and what to do. */
  problems: { groupId: string | null; groupName: string | null; check: string; message: string }[];
  evaluatedAt: string;
};
