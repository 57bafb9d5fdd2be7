/**
 * One protection group's replication state. Groups are few next to VMs, so they are plain
 * objects; their per-tick scratch (writes accumulated by the VM loop) lives in the engine's
 * typed arrays at `slot`.
 */
import { Backlog, type BacklogSnapshot } from './backlog';
import { CheckpointLog, type CheckpointsSnapshot } from './checkpoints';
import { JournalVolume, type JournalSnapshot } from './journal';
import { SampleAggregator } from './samples';
import { DEFAULT_WRITE_BLOCK_KB, type GroupConfig, type GroupMode, type LimitReason, type Priority } from './types';

/** RPO alert level: none, warning (>= 80% of target), breach (> target). */
export const RPO_OK = 0;
export const RPO_WARNING = 1;
export const RPO_BREACH = 2;

const FIELDS = [
  'slot', 'id', 'tenantId', 'name', 'sourceSiteId', 'targetSiteId', 'priority', 'rpoTargetSeconds', 'historyMs', 'limitMB',
  'appEveryMs', 'lastTestedAtMs', 'createdAtMs', 'members', 'mode', 'writtenMB', 'shippedMB', 'discardedMB', 'syncShippedMB',
  'syncLeftMB', 'syncTotalMB', 'allAgents', 'consistentMs', 'historyFloorMs', 'cutMs', 'rpoSeconds', 'writeRate', 'wanRate', 'syncRate', 'lastCrashSlot',
  'lastAppSlot', 'pendingAppMs', 'deltaSync', 'lastStopMs', 'redirectedAtMs', 'lastSyncProgressMs', 'rpoLevel', 'historyShort',
  'faultMask', 'syncStalled', 'lastThinMinute', 'lastMinuteCheck', 'iopsPerMB', 'limitReason', 'writeIops', 'appliedIops',
] as const;
/** Fields added after the first snapshots: what a group restored from an older one starts with. */
const ADDED_DEFAULTS: Partial<Record<Field, unknown>> = { iopsPerMB: 1024 / DEFAULT_WRITE_BLOCK_KB, limitReason: null, writeIops: 0, appliedIops: 0 };
type Field = (typeof FIELDS)[number];

export type GroupSnapshot = Record<Field, unknown> & {
  backlog: BacklogSnapshot;
  journal: JournalSnapshot;
  checkpoints?: CheckpointsSnapshot;
  samples: number[];
};

export class GroupState {
  id: string;
  tenantId: string;
  name: string;
  sourceSiteId: string;
  targetSiteId: string;
  priority: Priority;
  rpoTargetSeconds: number;
  historyMs: number;
  limitMB: number;
  appEveryMs: number;
  lastTestedAtMs: number | null;
  createdAtMs: number;
  /** VM slots, in configuration order. */
  members: number[] = [];
  mode: GroupMode = 'replicating';

  backlog = new Backlog();
  journal: JournalVolume;
  checkpoints: CheckpointLog;
  samples: SampleAggregator;

  // Cumulative MB: written = shipped + backlog + discarded (the conservation the tests check).
  writtenMB = 0;
  shippedMB = 0;
  discardedMB = 0;
  syncShippedMB = 0;
  /** Initial/delta sync still to ship across members, and the size of the current sync round. */
  syncLeftMB = 0;
  syncTotalMB = 0;
  /** Every member has the guest agent: app-consistent checkpoints are possible. */
  // Stryker disable next-line BooleanLiteral: the engine sets it from the members right after constructing (setMembers)
  allAgents = false;

  // Written every tick: kept as plain numbers with NaN for "none", because a field that holds
  // null or a double makes V8 allocate a fresh heap number on every store.
  private consistent = NaN;
  private rpo = NaN;
  private cut = NaN;
  /** The target holds every write made before this time; null until a first consistent copy. */
  get consistentMs(): number | null {
    return this.consistent === this.consistent ? this.consistent : null;
  }
  set consistentMs(v: number | null) {
    this.consistent = v ?? NaN;
  }
  get rpoSeconds(): number | null {
    return this.rpo === this.rpo ? this.rpo : null;
  }
  set rpoSeconds(v: number | null) {
    this.rpo = v ?? NaN;
  }
  /** Start of the history the journal size limit allows, when it cuts. */
  get cutMs(): number | null {
    return this.cut === this.cut ? this.cut : null;
  }
  set cutMs(v: number | null) {
    this.cut = v ?? NaN;
  }
  /** The journal has collected since this time; null before the first consistent copy. */
  historyFloorMs: number | null = null;
  /** Smoothed rates (MB/s) for display. */
  writeRate = 0;
  wanRate = 0;
  syncRate = 0;
  /** Write IOPS per MB/s of the members (their block sizes weighted by their mean writes). */
  iopsPerMB = 1024 / DEFAULT_WRITE_BLOCK_KB;
  /** Smoothed IOPS for display: written at the source, applied at the recovery site. */
  writeIops = 0;
  appliedIops = 0;
  /** The limit that held replication back while a backlog remains (see LimitReason). */
  limitReason: LimitReason | null = null;

  lastCrashSlot: number;
  lastAppSlot: number;
  /** App-consistent markers inserted at the source, oldest first, waiting to reach the target. */
  pendingAppMs: number[] = [];
  deltaSync = false;
  /** When replication was last stopped by a failover, and last redirected (reverse protection). */
  lastStopMs: number | null = null;
  redirectedAtMs: number | null = null;
  lastSyncProgressMs: number;

  rpoLevel = RPO_OK;
  // Stryker disable next-line BooleanLiteral: as last alerted; starting 'short' only resolves an alert that is not open, a no-op
  historyShort = false;
  /** Bits: 1 source site down, 2 target site down, 4 link down (as last alerted). */
  faultMask = 0;
  // Stryker disable next-line BooleanLiteral: as for historyShort
  syncStalled = false;
  lastThinMinute: number;
  lastMinuteCheck: number;

  // Per-tick scratch, not persisted.
  // Stryker disable next-line BooleanLiteral: set by every step before the group tick reads it
  flowing = false;
  demand = 0;
  allocation = 0;
  tickWriteMB = 0;
  faultMaskNow = 0;
  /** Link of the current direction, cached per topology version (a string key per tick is costly). */
  linkVersion = -1;
  // Stryker disable next-line StringLiteral: resolved (linkVersion -1) before it is first read
  linkId = '';
  linkLatencyMs = 0;
  linkCapacityMBps = Infinity;
  /** Index of the current link's shared state and of the recovery volume (-1 none), per topology version. */
  linkIndex = -1;
  volumeIndex = -1;
  /** This tick's binding limit (see Engine.step), folded into limitReason by the group tick. */
  cutReason: LimitReason | null = null;

  constructor(readonly slot: number, cfg: GroupConfig, nowMs: number) {
    this.id = cfg.id;
    this.tenantId = cfg.tenantId;
    this.name = cfg.name;
    this.sourceSiteId = cfg.sourceSiteId;
    this.targetSiteId = cfg.targetSiteId;
    this.priority = cfg.priority;
    this.rpoTargetSeconds = cfg.rpoTargetSeconds;
    this.historyMs = cfg.journalHistoryHours * 3_600_000;
    this.limitMB = cfg.journalLimitGb * 1024;
    this.appEveryMs = cfg.appCheckpointMinutes * 60_000;
    this.lastTestedAtMs = cfg.lastTestedAtMs;
    this.createdAtMs = cfg.createdAtMs;
    this.journal = new JournalVolume(this.historyMs, nowMs);
    this.checkpoints = new CheckpointLog(cfg.id);
    this.samples = new SampleAggregator(nowMs);
    this.lastCrashSlot = Math.floor(nowMs / 5_000);
    this.lastAppSlot = this.appEveryMs > 0 ? Math.floor(nowMs / this.appEveryMs) : 0;
    this.lastSyncProgressMs = nowMs;
    this.lastThinMinute = Math.floor(nowMs / 60_000);
    this.lastMinuteCheck = Math.floor(nowMs / 60_000) - 1;
  }


  snapshot(withCheckpoints: boolean): GroupSnapshot {
    const s = {} as GroupSnapshot;
    // members is replaced, never changed in place, so it is shared; the marker queue changes in place.
    for (const f of FIELDS) s[f] = f === 'pendingAppMs' ? [...this.pendingAppMs] : this[f];
    s.backlog = this.backlog.snapshot();
    s.journal = this.journal.snapshot();
    s.samples = this.samples.snapshot();
    // backlog total is kept exactly rather than re-summed, so a restored run is bit-identical.
    (s as Record<string, unknown>).backlogTotalMB = this.backlog.totalMB;
    (s as Record<string, unknown>).checkpointsLastMs = Number.isFinite(this.checkpoints.lastMs) ? this.checkpoints.lastMs : null;
    if (withCheckpoints) s.checkpoints = this.checkpoints.snapshot();
    return s;
  }

  static restore(s: GroupSnapshot, checkpoints: CheckpointLog | undefined): GroupState {
    const g = Object.create(GroupState.prototype) as GroupState;
    Object.assign(g, { consistent: NaN, rpo: NaN, cut: NaN, flowing: false, demand: 0, allocation: 0, tickWriteMB: 0, faultMaskNow: 0, linkVersion: -1, linkId: '', linkLatencyMs: 0, linkCapacityMBps: Infinity, linkIndex: -1, volumeIndex: -1, cutReason: null });
    for (const f of FIELDS) (g as unknown as Record<string, unknown>)[f] = s[f] === undefined && f in ADDED_DEFAULTS ? ADDED_DEFAULTS[f] : s[f];
    // Snapshots before markers queued held one marker or null.
    const marks = s.pendingAppMs;
    g.pendingAppMs = Array.isArray(marks) ? [...(marks as number[])] : typeof marks === 'number' ? [marks] : [];
    g.backlog = Backlog.restore(s.backlog, (s as Record<string, unknown>).backlogTotalMB as number);
    g.journal = JournalVolume.restore(s.journal);
    g.samples = new SampleAggregator(0, s.samples);
    g.checkpoints = checkpoints ?? (s.checkpoints ? CheckpointLog.restore(g.id, s.checkpoints) : new CheckpointLog(g.id));
    // Times keep increasing across a restart even when the stored journal was pruned empty.
    const lastMs = (s as Record<string, unknown>).checkpointsLastMs;
    if (typeof lastMs === 'number' && lastMs > g.checkpoints.lastMs) g.checkpoints.lastMs = lastMs;
    return g;
  }
}
