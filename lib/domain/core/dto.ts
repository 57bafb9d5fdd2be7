/**
 * Output shapes of the tenant-scoped domain layer: plain JSON-ready objects with the field
 * names of shared/API.md. Times are ISO 8601 UTC strings. Route handlers return these as-is
 * and server components render them, so a field means the same thing everywhere.
 */
import 'server-only';
import type { AlertCode } from '@/lib/schemas/alerts';
import type { CheckpointKind } from '@/lib/schemas/checkpoints';
import type { GroupStatus, LimitReasonCode, Priority } from '@/lib/schemas/groups';
import type { NetworkSettings } from '@/lib/schemas/network';
import type { SiteStatus } from '@/lib/schemas/sites';
import type { TestResult } from '@/lib/schemas/operations';
import type { DowntimeAllowance, SlaBand } from '@/lib/domain/reports/sla-table';

export type SiteDto = { id: string; name: string; country: string; status: SiteStatus };

export type SyncState = 'syncing' | 'synced';

export type VmDto = {
  id: string;
  tenantId: string;
  name: string;
  /** Where the VM runs now (after a committed failover, the old target). */
  siteId: string;
  groupId: string | null;
  groupName: string | null;
  powerState: 'on' | 'off';
  agentInstalled: boolean;
  continuousWriter: boolean;
  os: 'linux' | 'windows';
  vcpus: number;
  memoryGb: number;
  /** Sum of the VM's disks. */
  diskGb: number;
  /** Null when the VM is in no group. */
  syncState: SyncState | null;
  /** Initial-sync progress 0..1; null when the VM is in no group. */
  syncProgress: number | null;
  /** Network interfaces in NIC order (index 0 first). */
  nics: { network: string; ip: string; mac: string }[];
};

export type GroupDto = {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  sourceSiteId: string;
  targetSiteId: string;
  status: GroupStatus;
  subStatus: string | null;
  /** Actual RPO in seconds; null before the first measurement. */
  rpoSeconds: number | null;
  rpoTargetSeconds: number;
  rtoTargetMinutes: number;
  journalHistoryHours: number;
  priority: Priority;
  /** When the last *passed* test failover ended: the annual test duty runs from it. Null when none passed. */
  lastTestedAt: string | null;
  /**
   * Outcome of the last test failover that ended, passed or not (a test whose operation failed
   * counts as failed); null when the group was never tested.
   */
  lastTestResult: TestResult | null;
  /** When that last test ended (equal to lastTestedAt when it passed). */
  lastTestEndedAt: string | null;
  createdAt: string;
  vmIds: string[];
  /** The test/failover/move currently open on the group (pending..awaiting-commit), if any. */
  openOperationId: string | null;
  /** Configuration version (the ETag): send it back (If-Match) so a change made on a stale copy is refused. */
  version: number;
};

export type NetworkSettingsDto = NetworkSettings;

export type GroupMemberDto = {
  vmId: string;
  name: string;
  os: 'linux' | 'windows';
  diskGb: number;
  syncState: SyncState;
  syncProgress: number;
  agentInstalled: boolean;
  continuousWriter: boolean;
  bootGroupId: string | null;
};

export type BootGroupDto = { id: string; name: string; position: number; delayAfterSeconds: number; vmIds: string[] };

export type GroupDetailDto = GroupDto & {
  /** Failed over with reverse protection: its next live failover is a failback to `targetSiteId`. */
  reversed: boolean;
  members: GroupMemberDto[];
  recoveryPlan: { bootGroups: BootGroupDto[] };
  testNetwork: NetworkSettingsDto;
  liveNetwork: NetworkSettingsDto;
  journal: { historyCoveredSeconds: number; journalUsedGb: number; journalLimitGb: number };
  /** Members' write rate, WAN traffic (MB/s) and data not yet at the target (MB). */
  throughputMBps: number;
  wanMBps: number;
  backlogMB: number;
};

export type CheckpointDto = { id: string; time: string; kind: CheckpointKind; tag: string | null };

/** A page of a growing list; pass `nextCursor` back as `cursor` for the next page. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** writeIops / appliedIops: mean write IOPS at the source and IOPS applied at the recovery volume. */
export type RpoPointDto = { time: string; rpoSeconds: number; throughputMBps: number; wanMBps: number; writeIops: number; appliedIops: number };

/** The recovery volume a group applies to: its guaranteed IOPS and what a degraded site leaves of them. */
export type RecoveryVolumeDto = { name: string; siteId: string; guaranteedIops: number; effectiveIops: number; storageIopsPercent: number };

export type RpoSeriesDto = {
  points: RpoPointDto[];
  /** Resolution tier read (0 = 5 s, 1 = 2.5 min, 2 = 15 min, 3 = 1 h; see RPO_TIERS). */
  tier: number;
  targetSeconds: number;
  from: string;
  to: string;
  /** Site and link faults that paused the group within the range, oldest first; `to` null while ongoing. */
  outages: RpoOutageDto[];
  /** The tenant's storage volume(s) at the recovery site (summed), or null when it has none. */
  volume: RecoveryVolumeDto | null;
  /** What holds the group's replication back now (the engine's limit reason), or null. */
  limitReason: LimitReasonCode | null;
};

export type RpoOutageDto = { from: string; to: string | null; label: string };

export type AlertDto = {
  id: string;
  tenantId: string | null;
  groupId: string | null;
  groupName: string | null;
  siteId: string | null;
  vmId: string | null;
  code: AlertCode;
  level: 'warning' | 'error';
  message: string;
  status: 'open' | 'resolved';
  raisedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /**
   * The figure an open RPO or journal-history alert is about, as it is now: its message keeps
   * the figure at the moment it was raised, which a long breach leaves far behind. Null for
   * other alerts and once resolved.
   */
  current: AlertCurrentFigure | null;
};

export type AlertCurrentFigure = { figure: 'rpo' | 'history'; seconds: number | null };

export type { AuditEntryDto } from '@/lib/schemas/audit';

export type SlaReportDto = {
  month: string;
  /** Tenant reported on; null = the whole service (staff without a tenant filter). */
  tenantId: string | null;
  uptimePercent: number;
  creditPercent: number;
  downtimeMinutes: number;
  maintenanceMinutes: number;
  targetPercent: 99.9;
  /** Time measured: the month, up to now for the current month. */
  periodStart: string;
  periodEnd: string;
  /** Seed 2.7, appendix A: the availability table (bands, downtime of an average month, credits). */
  availabilityTable?: SlaBand[];
  /** The 43.8 minutes of downtime a month at 99.9 %: used, left, and where the credits start. */
  allowance?: DowntimeAllowance;
};
