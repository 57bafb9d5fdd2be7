/**
 * Inputs and outputs of the replication engine. Pure data: no Next.js, no database. Times are
 * epoch milliseconds on the simulated clock; sizes in MB (1 GB = 1024 MB); rates in MB/s.
 */

export type Priority = 'low' | 'medium' | 'high';
export type GroupMode = 'replicating' | 'testing' | 'failing-over' | 'awaiting-commit' | 'failed-over';
export type GroupStatus =
  | 'initialising'
  | 'meeting-sla'
  | 'rpo-not-met'
  | 'history-not-met'
  | 'paused'
  | 'testing'
  | 'failing-over'
  | 'awaiting-commit'
  | 'failed-over'
  | 'reverse-replicating';
export type CheckpointKind = 'crash' | 'app' | 'tagged';
export type AlertCode =
  | 'rpo-warning'
  | 'rpo-breach'
  | 'history-not-met'
  | 'site-down'
  | 'link-down'
  | 'continuous-writer'
  | 'initial-sync-stalled'
  | 'test-overdue';

export type SiteConfig = { id: string; name: string };
/** An inter-site link; `latencyMs` is the round trip. */
export type LinkConfig = { id: string; siteAId: string; siteBId: string; latencyMs: number; capacityMbps: number };
/** The tenant's inter-datacentre bandwidth limit, shared by its groups. */
export type TenantConfig = { id: string; interSiteMbps: number };
/**
 * A tenant's dedicated storage volume at a site: its guaranteed IOPS cap what the tenant's groups
 * replicating to that site can apply there (several volumes of a tenant at one site add up).
 */
export type VolumeConfig = { id: string; tenantId: string; siteId: string; guaranteedIops: number };
/**
 * Why a group's replication was held back (the binding limit while it has a backlog):
 * `iops-limited` the recovery volume's guaranteed IOPS, `bandwidth-limited` the tenant's own
 * inter-site limit, `link-congested` the shared inter-site link (other tenants use it too).
 */
export type LimitReason = 'iops-limited' | 'bandwidth-limited' | 'link-congested';
export const LIMIT_REASONS: readonly LimitReason[] = ['iops-limited', 'bandwidth-limited', 'link-congested'];
/** Default write block size: 32 KB, i.e. 32 write IOPS per MB/s. */
export const DEFAULT_WRITE_BLOCK_KB = 32;

export type VmConfig = {
  id: string;
  name: string;
  diskGb: number;
  writeMeanMBps: number;
  writePeakFactor: number;
  writePeakHourUtc: number;
  burstiness: number;
  continuousWriter: boolean;
  agentInstalled: boolean;
  /** Mean write block size (KB): write IOPS = MB/s × 1024 / block. Default 32 KB. */
  writeBlockKb?: number;
  /** Already at the target (initial sync done). */
  synced: boolean;
  /** Initial-sync progress 0..1 to resume from when not synced. */
  syncProgress?: number;
};

export type GroupConfig = {
  id: string;
  tenantId: string;
  name: string;
  sourceSiteId: string;
  targetSiteId: string;
  priority: Priority;
  rpoTargetSeconds: number;
  journalHistoryHours: number;
  journalLimitGb: number;
  appCheckpointMinutes: number;
  lastTestedAtMs: number | null;
  createdAtMs: number;
  members: VmConfig[];
};

export type UpsertOptions = {
  /**
   * For a group that was replicating before the engine knew it (first start on a seeded
   * database): assume a healthy journal since this time, so it has history from the start.
   */
  assumeHistorySinceMs?: number;
};

export type EngineOptions = {
  seed: number;
  startMs: number;
  sites: SiteConfig[];
  links: LinkConfig[];
  tenants: TenantConfig[];
  volumes?: VolumeConfig[];
};

export type CheckpointRecord = { id: string; timeMs: number; kind: CheckpointKind; tag?: string | null; createdBy?: string | null };

export type AlertInfo = {
  key: string;
  code: AlertCode;
  level: 'warning' | 'error';
  tenantId: string | null;
  groupId: string | null;
  siteId: string | null;
  vmId: string | null;
  message: string;
};

export type EngineEvent =
  /** A new checkpoint; its id is checkpointId(groupId, timeMs, kind). */
  | { type: 'checkpoint'; groupId: string; timeMs: number; kind: CheckpointKind; tag: string | null; createdBy: string | null }
  /** Crash checkpoints thinned with age (see checkpoints.ts), by time. */
  | { type: 'checkpoints-thinned'; groupId: string; timesMs: number[] }
  /** Everything older than `beforeMs` left the journal (history window or size limit). */
  | { type: 'journal-pruned'; groupId: string; beforeMs: number }
  /** Direction changed: the old journal is gone. */
  | { type: 'journal-reset'; groupId: string; atMs: number }
  | { type: 'rpo-sample'; groupId: string; tier: number; timeMs: number; rpoSeconds: number; throughputMBps: number; wanMBps: number; writeIops: number; appliedIops: number }
  | { type: 'member-synced'; groupId: string; vmId: string; atMs: number }
  | ({ type: 'alert-raised'; atMs: number } & AlertInfo)
  | { type: 'alert-resolved'; key: string; atMs: number };

/** What the portal shows of a group: the status columns of protection_groups. */
export type GroupView = {
  id: string;
  status: GroupStatus;
  subStatus: string | null;
  rpoSeconds: number | null;
  historyCoveredSeconds: number;
  journalUsedGb: number;
  throughputMBps: number;
  wanMBps: number;
  backlogMB: number;
  /** Smoothed write IOPS at the source and IOPS applied at the recovery site. */
  writeIops: number;
  appliedIops: number;
  /** What holds replication back while the group has a backlog, or null. */
  limitReason: LimitReason | null;
  sourceSiteId: string;
  targetSiteId: string;
  mode: GroupMode;
  /** Journal rows older than this are out of the history (window or size limit). */
  journalFloorMs: number;
  members: { vmId: string; syncState: 'syncing' | 'synced'; syncProgress: number }[];
};

export const PRIORITY_WEIGHT: Record<Priority, number> = { high: 4, medium: 2, low: 1 };
