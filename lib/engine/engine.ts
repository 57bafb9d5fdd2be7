/**
 * The replication engine: state + inputs + a simulated clock in, new state + events out. Pure
 * TypeScript; the same seed and the same sequence of calls give bit-identical results, and a
 * snapshot restored into a new engine continues exactly as the original would have.
 */
import { AlertBook, type OpenAlert } from './alert-book';
import { shareBandwidth } from './bandwidth';
import { checkpointId, CheckpointLog, type StoredJournal } from './checkpoints';
import { applyContinuousWriters } from './group-alerts';
import { GroupState, type GroupSnapshot } from './group';
import { replicateGroup } from './group-tick';
import { JournalVolume, rebinJournal } from './journal';
import { prefillHistory } from './prefill';
import { seedState } from './prng';
import { SampleAggregator } from './samples';
import { describeGroup, historyCoveredSeconds } from './status';
import { PRIORITY_WEIGHT } from './types';
import { DEFAULT_WRITE_BLOCK_KB } from './types';
import type {
  CheckpointRecord, EngineEvent, EngineOptions, GroupConfig, GroupMode, GroupView, LimitReason, LinkConfig, SiteConfig, TenantConfig, UpsertOptions, VmConfig,
  VolumeConfig,
} from './types';
import { FLAG_AGENT, FLAG_CONTINUOUS, FLAG_SYNCED, VmTable, type VmTableSnapshot } from './vm-table';
import { writeLoop } from './write-loop';
import { CYCLE_TABLE_SIZE, fillCycleTable } from './write-profile';

export const ENGINE_SNAPSHOT_VERSION = 1;
const STOPPED: ReadonlySet<GroupMode> = new Set(['failing-over', 'awaiting-commit', 'failed-over']);
/** Latency when two sites have no configured link (should not happen with the seeded mesh). */
const DEFAULT_LATENCY_MS = 50;
/** A reverse delta sync compares whole disks and ships what differs: a small fraction of each disk plus what ran meanwhile. */
const DELTA_SYNC_DISK_FRACTION = 0.02;
const DISPLAY_TAU_S = 10;
const SYNC_RATE_TAU_S = 60;

type TenantState = { id: string; interSiteMbps: number; groups: GroupState[] };

export type EngineSnapshot = {
  version: number;
  nowMs: number;
  rng: number;
  vms: VmTableSnapshot;
  groups: GroupSnapshot[];
  groupFree: number[];
  groupCapacity: number;
  tenants: TenantConfig[];
  sites: SiteConfig[];
  links: LinkConfig[];
  downSites: string[];
  downLinks: string[];
  alerts: OpenAlert[];
  /** Added with IOPS (absent in older snapshots): recovery volumes and degraded sites' storage factor. */
  volumes?: VolumeConfig[];
  siteStorageFactors?: [string, number][];
};

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class Engine {
  nowMs: number;
  /** xorshift32 state shared by the VM loop and the group ticks, in a fixed order. */
  rng: number;
  vms = new VmTable();
  readonly groups = new Map<string, GroupState>();
  /** Group slots handed out so far (freed ones are reused through groupFree first). */
  private slotCount = 0;
  private groupFree: number[] = [];
  private groupWrites = new Float64Array(16);
  private accept = new Uint8Array(16);
  private readonly tenants = new Map<string, TenantState>();
  private readonly sites = new Map<string, SiteConfig>();
  private readonly links = new Map<string, LinkConfig>();
  readonly downSites = new Set<string>();
  readonly downLinks = new Set<string>();
  readonly events: EngineEvent[] = [];
  readonly alerts = new AlertBook(this.events);
  private readonly cycleTable = new Float64Array(CYCLE_TABLE_SIZE);
  private demands = new Float64Array(8);
  private weights = new Float64Array(8);
  private shares = new Float64Array(8);
  /** Set by the group tick before sampling so `emitSample` needs no closure per call. */
  sampleGroupId = '';
  /** Recovery volumes (config order) and, per tenant|site, the index of their summed guarantee. */
  private volumeConfigs: VolumeConfig[] = [];
  private volumeIndex = new Map<string, number>();
  private volumeIops: number[] = [];
  private volumeSite: string[] = [];
  /** Degraded sites: the fraction of their storage IOPS left (absent = 1). */
  readonly storageFactors = new Map<string, number>();
  /** Links by index (their order in the topology), for sharing their capacity among tenants. */
  private linkList: LinkConfig[] = [];
  private linkIndexByPair = new Map<string, number>();
  /** Groups per volume and per link; rebuilt when a group's link or volume changes. */
  private volumeGroups: GroupState[][] = [];
  private linkGroups: GroupState[][] = [];
  private sharingDirty = true;

  constructor(opts: EngineOptions) {
    this.nowMs = opts.startMs;
    this.rng = seedState(opts.seed);
    this.setTopology(opts.sites, opts.links);
    for (const t of opts.tenants) this.upsertTenant(t);
    this.setVolumes(opts.volumes ?? []);
  }

  readonly emitSample = (tier: number, timeMs: number, rpoSeconds: number, throughputMBps: number, wanMBps: number, writeIops: number, appliedIops: number): void => {
    this.events.push({ type: 'rpo-sample', groupId: this.sampleGroupId, tier, timeMs, rpoSeconds, throughputMBps, wanMBps, writeIops, appliedIops });
  };

  /** Smoothing factors for the step size in use (exp() once per step, not per group). */
  displayAlpha = 0;
  syncRateAlpha = 0;
  private alphaDt = -1;

  readonly siteName = (id: string): string => this.sites.get(id)?.name ?? id;

  // ---- topology and faults -------------------------------------------------------------

  setTopology(sites: SiteConfig[], links: LinkConfig[]): void {
    this.sites.clear();
    this.links.clear();
    for (const s of sites) this.sites.set(s.id, { ...s });
    for (const l of links) this.links.set(pairKey(l.siteAId, l.siteBId), { ...l });
    this.linkList = [...this.links.values()];
    this.linkIndexByPair = new Map(this.linkList.map((l, i) => [pairKey(l.siteAId, l.siteBId), i]));
    this.topologyVersion++;
  }

  /** The tenants' recovery volumes: their guaranteed IOPS cap what groups can apply at the site. */
  setVolumes(volumes: VolumeConfig[]): void {
    this.volumeConfigs = volumes.map((v) => ({ ...v }));
    this.volumeIndex.clear();
    this.volumeIops = [];
    this.volumeSite = [];
    for (const v of this.volumeConfigs) {
      const key = `${v.tenantId}|${v.siteId}`;
      let i = this.volumeIndex.get(key);
      if (i === undefined) {
        i = this.volumeIops.length;
        this.volumeIndex.set(key, i);
        this.volumeIops.push(0);
        this.volumeSite.push(v.siteId);
      }
      this.volumeIops[i] += v.guaranteedIops;
    }
    this.topologyVersion++;
  }

  /**
   * Degrades a site's storage (1 = healthy): volumes there apply only this fraction of their
   * guaranteed IOPS. Hosts down are recovery capacity, which the operations forecast reads; the
   * engine only replicates.
   */
  setSiteStorageFactor(siteId: string, factor: number): void {
    const f = Math.min(1, Math.max(0, factor));
    if (f >= 1) this.storageFactors.delete(siteId);
    else this.storageFactors.set(siteId, f);
  }

  /** A group's recovery volume: guaranteed IOPS after any degradation, or null without one. */
  volumeOf(groupId: string): { siteId: string; guaranteedIops: number; effectiveIops: number } | null {
    const g = this.mustGroup(groupId);
    this.resolveLink(g);
    if (g.volumeIndex < 0) return null;
    const site = this.volumeSite[g.volumeIndex];
    const iops = this.volumeIops[g.volumeIndex];
    return { siteId: site, guaranteedIops: iops, effectiveIops: iops * (this.storageFactors.get(site) ?? 1) };
  }

  hasSite(id: string): boolean {
    return this.sites.has(id);
  }

  hasLink(id: string): boolean {
    for (const l of this.links.values()) if (l.id === id) return true;
    return false;
  }

  upsertTenant(t: TenantConfig): void {
    const existing = this.tenants.get(t.id);
    if (existing) existing.interSiteMbps = t.interSiteMbps;
    else this.tenants.set(t.id, { id: t.id, interSiteMbps: t.interSiteMbps, groups: [] });
  }

  /** Bumped whenever topology or a group's direction changes; groups re-resolve their link then. */
  private topologyVersion = 0;

  private resolveLink(g: GroupState): void {
    // Stryker disable next-line ConditionalExpression: a cache check; resolving again finds the same link
    if (g.linkVersion === this.topologyVersion) return;
    const link = this.links.get(pairKey(g.sourceSiteId, g.targetSiteId));
    g.linkId = link?.id ?? [g.sourceSiteId, g.targetSiteId].sort().join('--');
    g.linkLatencyMs = link?.latencyMs ?? DEFAULT_LATENCY_MS;
    g.linkCapacityMBps = link ? link.capacityMbps / 8 : Infinity;
    // Links are full duplex: each direction is shared on its own.
    const li = this.linkIndexByPair.get(pairKey(g.sourceSiteId, g.targetSiteId));
    g.linkIndex = li === undefined ? -1 : li * 2 + (g.sourceSiteId === link!.siteAId ? 0 : 1);
    g.volumeIndex = this.volumeIndex.get(`${g.tenantId}|${g.targetSiteId}`) ?? -1;
    g.linkVersion = this.topologyVersion;
    this.sharingDirty = true;
  }

  linkIdOf(g: GroupState): string {
    this.resolveLink(g);
    return g.linkId;
  }

  latencyMs(g: GroupState): number {
    this.resolveLink(g);
    return g.linkLatencyMs;
  }

  faultMask(g: GroupState): number {
    return (this.downSites.has(g.sourceSiteId) ? 1 : 0) | (this.downSites.has(g.targetSiteId) ? 2 : 0) | (this.downLinks.has(this.linkIdOf(g)) ? 4 : 0);
  }

  /** The source VMs run and replication is not abandoned: their writes count. */
  writesAccepted(g: GroupState): boolean {
    return !this.downSites.has(g.sourceSiteId) && g.mode !== 'failed-over';
  }

  setSiteDown(siteId: string, down: boolean): void {
    this.acceptDirty = true;
    if (down) this.downSites.add(siteId);
    else this.downSites.delete(siteId);
    const key = `site-down::${siteId}`;
    this.alerts.set(down, () => ({
      key, code: 'site-down', level: 'error', tenantId: null, groupId: null, siteId, vmId: null,
      message: `Site ${this.siteName(siteId)} is offline`,
    }), key, this.nowMs);
  }

  setLinkDown(linkId: string, down: boolean): void {
    if (down) this.downLinks.add(linkId);
    else this.downLinks.delete(linkId);
    const link = [...this.links.values()].find((l) => l.id === linkId);
    const name = link ? `${this.siteName(link.siteAId)}–${this.siteName(link.siteBId)}` : linkId;
    const key = `link-down::${linkId}`;
    this.alerts.set(down, () => ({
      key, code: 'link-down', level: 'error', tenantId: null, groupId: null, siteId: null, vmId: null, message: `Link ${name} is down`,
    }), key, this.nowMs);
  }

  // ---- groups ----------------------------------------------------------------------------

  upsertGroup(cfg: GroupConfig, opts: UpsertOptions = {}): void {
    this.acceptDirty = true;
    this.upsertTenant({ id: cfg.tenantId, interSiteMbps: this.tenants.get(cfg.tenantId)?.interSiteMbps ?? 100 });
    let g = this.groups.get(cfg.id);
    if (!g) {
      const slot = this.groupFree.length ? this.groupFree.pop()! : this.slotCount++;
      g = new GroupState(slot, cfg, this.nowMs);
      this.ensureGroupCapacity(slot + 1);
      this.groups.set(cfg.id, g);
      this.groupArray = null;
      this.tenants.get(cfg.tenantId)!.groups.push(g);
      this.setMembers(g, cfg.members);
      const allSynced = cfg.members.length > 0 && cfg.members.every((m) => m.synced);
      if (opts.assumeHistorySinceMs !== undefined && allSynced) {
        prefillHistory(g, cfg.members, opts.assumeHistorySinceMs, this.nowMs, this.events);
      }
      if (g.consistentMs === null && cfg.members.some((m) => m.synced)) {
        g.consistentMs = this.nowMs;
        g.historyFloorMs = this.nowMs;
      }
    } else {
      this.updateGroup(g, cfg);
    }
    this.refreshWriterAlerts(g);
  }

  private updateGroup(g: GroupState, cfg: GroupConfig): void {
    if (g.tenantId !== cfg.tenantId) {
      const old = this.tenants.get(g.tenantId)!;
      old.groups = old.groups.filter((x) => x !== g);
      this.tenants.get(cfg.tenantId)!.groups.push(g);
      g.tenantId = cfg.tenantId;
      g.linkVersion = -1;
    }
    g.name = cfg.name;
    g.priority = cfg.priority;
    g.rpoTargetSeconds = cfg.rpoTargetSeconds;
    g.limitMB = cfg.journalLimitGb * 1024;
    g.lastTestedAtMs = cfg.lastTestedAtMs;
    g.createdAtMs = cfg.createdAtMs;
    const appEveryMs = cfg.appCheckpointMinutes * 60_000;
    if (appEveryMs !== g.appEveryMs) {
      g.appEveryMs = appEveryMs;
      g.lastAppSlot = appEveryMs > 0 ? Math.floor(this.nowMs / appEveryMs) : 0;
      g.pendingAppMs = [];
    }
    const historyMs = cfg.journalHistoryHours * 3_600_000;
    if (historyMs !== g.historyMs) {
      g.journal = rebinJournal(g.journal, historyMs, this.nowMs);
      // The journal kept nothing older than the shorter of the two windows: a longer one grows
      // from there, so the history shown must not reach back to when the group started.
      if (g.historyFloorMs !== null) g.historyFloorMs = Math.max(g.historyFloorMs, this.nowMs - Math.min(g.historyMs, historyMs));
      g.historyMs = historyMs;
    }
    if (cfg.sourceSiteId !== g.sourceSiteId || cfg.targetSiteId !== g.targetSiteId) this.redirect(g, cfg.sourceSiteId, cfg.targetSiteId);
    this.setMembers(g, cfg.members);
  }

  private setMembers(g: GroupState, members: VmConfig[]): void {
    const vms = this.vms;
    const existing = new Map<string, number>();
    for (const m of g.members) existing.set(vms.ids[m]!, m);
    const wasSyncing = g.syncLeftMB > 0;
    let addedTotal = 0;
    const next: number[] = [];
    for (const vm of members) {
      let m = existing.get(vm.id);
      if (m === undefined) {
        m = vms.alloc();
        vms.configure(m, g.slot, vm);
        if (vm.synced) {
          vms.flags[m] |= FLAG_SYNCED;
        } else {
          vms.syncTotal[m] = vms.diskMB[m];
          vms.syncLeft[m] = vms.diskMB[m] * (1 - Math.min(1, Math.max(0, vm.syncProgress ?? 0)));
          addedTotal += vms.syncTotal[m];
        }
      } else {
        existing.delete(vm.id);
        vms.configure(m, g.slot, vm);
      }
      next.push(m);
    }
    for (const m of existing.values()) vms.release(m);
    g.members = next;
    g.iopsPerMB = iopsPerMB(members);
    let left = 0;
    let agents = next.length > 0;
    for (const m of next) {
      left += vms.syncLeft[m];
      if (!(vms.flags[m] & FLAG_AGENT)) agents = false;
    }
    g.allAgents = agents;
    if (!wasSyncing && left > 0) {
      g.lastSyncProgressMs = this.nowMs;
      g.syncTotalMB = 0;
    }
    g.syncTotalMB = left > 0 ? g.syncTotalMB + addedTotal : 0;
    g.syncLeftMB = left;
  }

  private refreshWriterAlerts(g: GroupState): void {
    const writers = g.members.filter((m) => this.vms.flags[m] & FLAG_CONTINUOUS).map((m) => ({ id: this.vms.ids[m]!, name: this.vms.names[m]! }));
    applyContinuousWriters(this.alerts, g, writers, this.nowMs);
  }

  removeGroup(groupId: string): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    for (const m of g.members) this.vms.release(m);
    const t = this.tenants.get(g.tenantId)!;
    t.groups = t.groups.filter((x) => x !== g);
    this.groups.delete(groupId);
    this.groupArray = null;
    this.sharingDirty = true;
    this.groupFree.push(g.slot);
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: which free slot a new group takes is not visible; slots only index per-tick scratch
    this.groupFree.sort((a, b) => b - a);
    this.alerts.resolveWhere((a) => a.groupId === groupId, this.nowMs);
  }

  private mustGroup(groupId: string): GroupState {
    const g = this.groups.get(groupId);
    if (!g) throw new Error(`The engine has no protection group ${groupId}`);
    return g;
  }

  setGroupMode(groupId: string, mode: GroupMode): void {
    const g = this.mustGroup(groupId);
    this.acceptDirty = true;
    if (STOPPED.has(mode) && !STOPPED.has(g.mode)) g.lastStopMs = this.nowMs;
    // Failed over without reverse protection: what the source still held will never ship.
    if (mode === 'failed-over') g.discardedMB += g.backlog.clear();
    g.mode = mode;
  }

  /**
   * Replicate the other way after a committed failover. With `direction` (the database's,
   * already swapped by the operation) the engine adopts it; without, it swaps its own. Calling it
   * again after the reversal already happened (e.g. a config reload picked up the swap) is a no-op.
   */
  reverseProtection(groupId: string, direction?: { sourceSiteId: string; targetSiteId: string }): void {
    const g = this.mustGroup(groupId);
    // A direction given is adopted, never contradicted: when the engine already replicates that
    // way, swapping on its own would put it against the database.
    const given = direction && (direction.sourceSiteId !== g.sourceSiteId || direction.targetSiteId !== g.targetSiteId);
    if (given) {
      this.redirect(g, direction.sourceSiteId, direction.targetSiteId);
    } else if (!direction && !(g.redirectedAtMs !== null && g.lastStopMs !== null && g.redirectedAtMs >= g.lastStopMs)) {
      this.redirect(g, g.targetSiteId, g.sourceSiteId);
    } else {
      g.mode = 'replicating';
      this.acceptDirty = true;
    }
  }

  /** New direction: the old journal is gone and a delta sync brings the new target in line. */
  private redirect(g: GroupState, sourceSiteId: string, targetSiteId: string): void {
    const vms = this.vms;
    this.acceptDirty = true;
    g.discardedMB += g.backlog.clear();
    g.sourceSiteId = sourceSiteId;
    g.targetSiteId = targetSiteId;
    g.linkVersion = -1;
    g.checkpoints.clear();
    this.events.push({ type: 'journal-reset', groupId: g.id, atMs: this.nowMs });
    g.journal = new JournalVolume(g.historyMs, this.nowMs);
    g.historyFloorMs = null;
    g.cutMs = null;
    g.pendingAppMs = [];
    const ranSeconds = g.lastStopMs !== null ? (this.nowMs - g.lastStopMs) / 1000 : 0;
    let total = 0;
    for (const m of g.members) {
      const delta = Math.min(vms.diskMB[m], vms.diskMB[m] * DELTA_SYNC_DISK_FRACTION + vms.scale[m] * ranSeconds);
      vms.syncLeft[m] = delta;
      vms.syncTotal[m] = delta;
      total += delta;
    }
    g.syncLeftMB = total;
    g.syncTotalMB = total;
    g.deltaSync = total > 0;
    g.consistentMs = this.nowMs;
    if (!g.deltaSync) g.historyFloorMs = this.nowMs;
    g.lastSyncProgressMs = this.nowMs;
    g.mode = 'replicating';
    g.redirectedAtMs = this.nowMs;
  }

  /** A tagged checkpoint at the latest consistent point the target holds. */
  tagCheckpoint(groupId: string, tag: string, createdBy: string | null = null): CheckpointRecord {
    const g = this.mustGroup(groupId);
    if (g.consistentMs === null || g.deltaSync) throw new Error('the recovery site holds no consistent copy yet');
    if (g.mode === 'failed-over') throw new Error('the group is failed over and does not replicate');
    const at = Math.max(Math.floor(g.consistentMs), Math.floor(g.checkpoints.lastMs) + 1);
    g.checkpoints.add(at, 'tagged', tag, createdBy);
    this.events.push({ type: 'checkpoint', groupId, timeMs: at, kind: 'tagged', tag, createdBy });
    return { id: checkpointId(groupId, at, 'tagged'), timeMs: at, kind: 'tagged', tag, createdBy };
  }

  /** A test failover completed (operations record it): the test-overdue rule restarts from it. */
  setLastTested(groupId: string, atMs: number | null): void {
    const g = this.groups.get(groupId);
    if (!g || g.lastTestedAtMs === atMs) return;
    g.lastTestedAtMs = atMs;
    g.lastMinuteCheck = -1; // re-evaluate on the next tick
  }

  checkpointsOf(groupId: string): CheckpointRecord[] {
    return this.mustGroup(groupId).checkpoints.list();
  }

  // ---- time ------------------------------------------------------------------------------

  /** Groups in insertion order as an array (iterating a Map three times per tick is not free). */
  private groupArray: GroupState[] | null = null;

  private acceptDirty = true;

  private groupList(): GroupState[] {
    if (this.groupArray === null) this.groupArray = [...this.groups.values()];
    return this.groupArray;
  }

  private ensureGroupCapacity(n: number): void {
    if (n <= this.groupWrites.length) return;
    let cap = this.groupWrites.length;
    while (cap < n) cap *= 2;
    const w = new Float64Array(cap);
    w.set(this.groupWrites);
    this.groupWrites = w;
    this.accept = new Uint8Array(cap);
  }

  /** Advances the clock by `dtSeconds` (rounded to whole ms); returns the events of the step. */
  step(dtSeconds: number): EngineEvent[] {
    const dtMs = Math.max(1, Math.round(dtSeconds * 1000));
    const dt = dtMs / 1000;
    const t0 = this.nowMs;
    const t1 = t0 + dtMs;
    // Stryker disable next-line ConditionalExpression: a cache of two exp() per step size; computing them again gives the same factors
    if (dt !== this.alphaDt) {
      this.alphaDt = dt;
      this.displayAlpha = 1 - Math.exp(-dt / DISPLAY_TAU_S);
      this.syncRateAlpha = 1 - Math.exp(-dt / SYNC_RATE_TAU_S);
    }
    // Without any fault (the usual case) nobody needs the per-group set lookups.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; with no fault anywhere faultMask is 0 for every group
    const faults = this.downSites.size > 0 || this.downLinks.size > 0;
    const list = this.groupList();
    // Which groups' VMs write only changes with faults, modes and membership: not every tick.
    // Stryker disable next-line ConditionalExpression: recomputing the flags when nothing changed gives the same flags
    if (this.acceptDirty) {
      for (let i = 0; i < list.length; i++) this.accept[list[i].slot] = this.writesAccepted(list[i]) ? 1 : 0;
      // Stryker disable next-line BooleanLiteral: as above, only whether the flags are recomputed next tick
      this.acceptDirty = false;
    }
    fillCycleTable(this.cycleTable, t0 + dtMs / 2);
    this.rng = writeLoop(this.vms, this.accept, this.cycleTable, this.groupWrites, dt, this.rng);

    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      // This tick's writes join the backlog in the group tick, after shipping (see replicateGroup).
      const w = this.groupWrites[g.slot];
      this.groupWrites[g.slot] = 0;
      g.tickWriteMB = w;
      g.writtenMB += w;
      // Stryker disable next-line ConditionalExpression: see `faults`
      g.faultMaskNow = faults ? this.faultMask(g) : 0;
      g.flowing = (g.mode === 'replicating' || g.mode === 'testing') && g.faultMaskNow === 0;
      this.resolveLink(g);
      const wanted = g.flowing ? (g.backlog.totalMB + w + g.syncLeftMB) / dt : 0;
      g.demand = Math.min(g.linkCapacityMBps, wanted);
      g.cutReason = g.demand < wanted ? 'link-congested' : null;
    }
    if (this.sharingDirty) this.rebuildSharing(list);
    // Recovery volumes first (what the target can apply), then each tenant's own limit, then the
    // physical links the tenants share: each stage only lowers what the one before allowed.
    for (let v = 0; v < this.volumeGroups.length; v++) this.shareVolume(v);
    for (const t of this.tenants.values()) this.shareTenant(t);
    for (let l = 0; l < this.linkGroups.length; l++) this.shareLink(l);
    for (let i = 0; i < list.length; i++) replicateGroup(this, list[i], t0, t1, dt);
    this.nowMs = t1;
    return this.takeEvents();
  }

  private shareTenant(t: TenantState): void {
    const n = t.groups.length;
    if (n === 0) return;
    const capacity = t.interSiteMbps / 8;
    let total = 0;
    for (let i = 0; i < n; i++) total += t.groups[i].demand;
    if (total <= capacity) {
      // Enough for everyone (the usual case): no sharing to compute.
      for (let i = 0; i < n; i++) t.groups[i].allocation = t.groups[i].demand;
      return;
    }
    this.scratch(n);
    for (let i = 0; i < n; i++) {
      this.demands[i] = t.groups[i].demand;
      this.weights[i] = t.groups[i].priority === 'high' ? PRIORITY_WEIGHT.high : t.groups[i].priority === 'medium' ? PRIORITY_WEIGHT.medium : PRIORITY_WEIGHT.low;
    }
    shareBandwidth(capacity, this.demands, this.weights, this.shares, n);
    for (let i = 0; i < n; i++) {
      const g = t.groups[i];
      g.allocation = this.shares[i];
      cut(g, g.demand - g.allocation, 'bandwidth-limited');
    }
  }

  private scratch(n: number): void {
    if (this.demands.length >= n) return;
    this.demands = new Float64Array(n * 2);
    this.weights = new Float64Array(n * 2);
    this.shares = new Float64Array(n * 2);
  }

  /** Groups per recovery volume and per link, in group order (deterministic). */
  private rebuildSharing(list: GroupState[]): void {
    this.volumeGroups = this.volumeIops.map(() => []);
    this.linkGroups = [];
    for (let i = 0; i < this.linkList.length * 2; i++) this.linkGroups.push([]);
    for (const g of list) {
      this.resolveLink(g);
      if (g.volumeIndex >= 0) this.volumeGroups[g.volumeIndex].push(g);
      if (g.linkIndex >= 0) this.linkGroups[g.linkIndex].push(g);
    }
    // Volumes and links nobody uses cost nothing per tick.
    this.sharingDirty = false;
  }

  /** A volume's IOPS (after degradation) shared by its groups' apply demand, by priority. */
  private shareVolume(v: number): void {
    const groups = this.volumeGroups[v];
    const n = groups.length;
    if (n === 0) return;
    const capacity = this.volumeIops[v] * (this.storageFactors.size ? (this.storageFactors.get(this.volumeSite[v]) ?? 1) : 1);
    let total = 0;
    for (let i = 0; i < n; i++) total += groups[i].demand * groups[i].iopsPerMB;
    if (total <= capacity) return;
    this.scratch(n);
    for (let i = 0; i < n; i++) {
      this.demands[i] = groups[i].demand * groups[i].iopsPerMB;
      this.weights[i] = PRIORITY_WEIGHT[groups[i].priority];
    }
    shareBandwidth(capacity, this.demands, this.weights, this.shares, n);
    for (let i = 0; i < n; i++) {
      const g = groups[i];
      const allowed = this.shares[i] / g.iopsPerMB;
      if (allowed < g.demand) {
        cut(g, g.demand - allowed, 'iops-limited');
        g.demand = allowed;
      }
    }
  }

  /** One direction of a physical link, shared by every tenant replicating over it: weighted max-min by priority. */
  private shareLink(l: number): void {
    const groups = this.linkGroups[l];
    const n = groups.length;
    if (n < 2) return; // one group was already capped by the link in its demand
    const capacity = this.linkList[l >> 1].capacityMbps / 8;
    let total = 0;
    for (let i = 0; i < n; i++) total += groups[i].allocation;
    if (total <= capacity) return;
    this.scratch(n);
    for (let i = 0; i < n; i++) {
      this.demands[i] = groups[i].allocation;
      this.weights[i] = PRIORITY_WEIGHT[groups[i].priority];
    }
    shareBandwidth(capacity, this.demands, this.weights, this.shares, n);
    for (let i = 0; i < n; i++) {
      const g = groups[i];
      cut(g, g.allocation - this.shares[i], 'link-congested');
      g.allocation = this.shares[i];
    }
  }

  /** Words for a group's limit reason, for its status and alerts. */
  limitText(g: GroupState): string | null {
    switch (g.limitReason) {
      case 'iops-limited': {
        const site = this.volumeSite[g.volumeIndex];
        const f = site === undefined ? 1 : (this.storageFactors.get(site) ?? 1);
        const iops = g.volumeIndex >= 0 ? this.volumeIops[g.volumeIndex] : 0;
        const degraded = f < 1 ? ` (site ${this.siteName(site)} degraded to ${Math.round(f * 100)}%)` : '';
        return `iops-limited: the recovery volume's ${Math.round(iops * f).toLocaleString('en-GB')} guaranteed IOPS${degraded} cannot apply ${Math.round(g.writeIops).toLocaleString('en-GB')} write IOPS`;
      }
      case 'bandwidth-limited':
        return `bandwidth-limited: the ${this.tenants.get(g.tenantId)?.interSiteMbps ?? 0} Mbit/s inter-site limit is saturated`;
      case 'link-congested':
        return `link-congested: the link ${this.siteName(g.sourceSiteId)}–${this.siteName(g.targetSiteId)} is shared and full`;
      default:
        return null;
    }
  }

  /**
   * Jumps the clock without simulating (a restart after a gap longer than the catch-up bound):
   * replication is assumed to have run healthily meanwhile, so backlogs are gone, consistent
   * groups are current and their journals start afresh.
   */
  skipTo(timeMs: number): void {
    if (timeMs <= this.nowMs) return;
    for (const g of this.groups.values()) {
      g.discardedMB += g.backlog.clear();
      if (g.consistentMs !== null && !g.deltaSync) {
        g.consistentMs = timeMs;
        g.historyFloorMs = timeMs;
      }
      g.journal = new JournalVolume(g.historyMs, timeMs);
      g.cutMs = null;
      g.samples = new SampleAggregator(timeMs);
      g.lastCrashSlot = Math.floor(timeMs / 5_000);
      g.lastAppSlot = g.appEveryMs > 0 ? Math.floor(timeMs / g.appEveryMs) : 0;
      g.lastThinMinute = Math.floor(timeMs / 60_000);
      g.lastSyncProgressMs = timeMs;
    }
    this.nowMs = timeMs;
  }

  takeEvents(): EngineEvent[] {
    return this.events.splice(0, this.events.length);
  }

  // ---- views -----------------------------------------------------------------------------

  view(groupId: string): GroupView {
    const g = this.mustGroup(groupId);
    const vms = this.vms;
    const mask = this.faultMask(g);
    let syncing = 0;
    const members = g.members.map((m) => {
      const left = vms.syncLeft[m];
      if (left > 0) syncing++;
      const total = vms.syncTotal[m];
      return { vmId: vms.ids[m]!, syncState: left > 0 ? ('syncing' as const) : ('synced' as const), syncProgress: left > 0 && total > 0 ? 1 - left / total : 1 };
    });
    const { status, subStatus } = describeGroup(g, {
      siteName: this.siteName,
      sourceDown: (mask & 1) !== 0,
      targetDown: (mask & 2) !== 0,
      linkDown: (mask & 4) !== 0,
      membersTotal: g.members.length,
      membersSyncing: syncing,
      continuousWriters: g.members.filter((m) => vms.flags[m] & FLAG_CONTINUOUS).map((m) => vms.names[m]!),
      limitText: this.limitText(g),
    }, this.nowMs);
    return {
      id: g.id,
      status,
      subStatus,
      rpoSeconds: g.rpoSeconds,
      historyCoveredSeconds: historyCoveredSeconds(g, this.nowMs),
      journalUsedGb: Math.min(g.journal.totalMB, g.limitMB) / 1024,
      throughputMBps: g.writeRate,
      wanMBps: g.wanRate,
      // Everything not yet at the recovery site: unshipped writes and what an initial or delta
      // sync still has to send (a sync's writes ship first, so the write backlog alone reads 0).
      backlogMB: g.backlog.totalMB + g.syncLeftMB,
      writeIops: g.writeIops,
      appliedIops: g.appliedIops,
      limitReason: g.limitReason,
      sourceSiteId: g.sourceSiteId,
      targetSiteId: g.targetSiteId,
      mode: g.mode,
      members,
      journalFloorMs: Math.max(this.nowMs - g.historyMs, g.cutMs ?? -Infinity),
    };
  }

  /** Counters behind the conservation law written = shipped + backlog + discarded. */
  ledger(groupId: string) {
    const g = this.mustGroup(groupId);
    return { writtenMB: g.writtenMB, shippedMB: g.shippedMB, backlogMB: g.backlog.totalMB, discardedMB: g.discardedMB, syncShippedMB: g.syncShippedMB };
  }

  openAlerts(): OpenAlert[] {
    return [...this.alerts.open.values()];
  }

  // ---- snapshots -------------------------------------------------------------------------

  snapshot({ checkpoints = true }: { checkpoints?: boolean } = {}): EngineSnapshot {
    return {
      version: ENGINE_SNAPSHOT_VERSION,
      nowMs: this.nowMs,
      rng: this.rng,
      vms: this.vms.snapshot(),
      groups: [...this.groups.values()].map((g) => g.snapshot(checkpoints)),
      groupFree: [...this.groupFree],
      groupCapacity: this.slotCount,
      tenants: [...this.tenants.values()].map((t) => ({ id: t.id, interSiteMbps: t.interSiteMbps })),
      sites: [...this.sites.values()],
      links: [...this.links.values()],
      downSites: [...this.downSites],
      downLinks: [...this.downLinks],
      alerts: this.openAlerts(),
      volumes: this.volumeConfigs.map((v) => ({ ...v })),
      siteStorageFactors: [...this.storageFactors],
    };
  }

  /**
   * A new engine from a snapshot. `checkpoints` reads a group's stored journal when the snapshot
   * was taken without them (the runtime keeps them in their own table); one group at a time, so
   * a million checkpoints never sit in memory twice.
   */
  static restore(s: EngineSnapshot, { checkpoints }: { checkpoints?: (groupId: string) => StoredJournal | undefined } = {}): Engine {
    if (s.version !== ENGINE_SNAPSHOT_VERSION) throw new Error(`Unsupported engine snapshot version ${s.version}`);
    const e = new Engine({ seed: 0, startMs: s.nowMs, sites: s.sites, links: s.links, tenants: s.tenants });
    e.rng = s.rng;
    e.vms = VmTable.restore(s.vms);
    e.ensureGroupCapacity(s.groupCapacity);
    e.slotCount = s.groupCapacity;
    for (const gs of s.groups) {
      const stored = checkpoints?.(gs.id as string);
      const log = stored ? CheckpointLog.fromStored(gs.id as string, stored, s.nowMs) : undefined;
      const g = GroupState.restore(gs, log);
      e.groups.set(g.id, g);
      if (!e.tenants.has(g.tenantId)) e.upsertTenant({ id: g.tenantId, interSiteMbps: 100 });
      e.tenants.get(g.tenantId)!.groups.push(g);
    }
    e.groupFree = [...s.groupFree];
    for (const id of s.downSites) e.downSites.add(id);
    for (const id of s.downLinks) e.downLinks.add(id);
    for (const a of s.alerts) e.alerts.open.set(a.key, { ...a });
    e.setVolumes(s.volumes ?? []);
    for (const [id, f] of s.siteStorageFactors ?? []) e.setSiteStorageFactor(id, f);
    return e;
  }
}


/**
 * Records a stage that lowered what a group may ship this tick. Stages only lower (volume, then
 * tenant, then link), so the last one that cut set the final rate: it is the reason.
 */
function cut(g: GroupState, amount: number, reason: LimitReason): void {
  if (amount > 1e-9) g.cutReason = reason;
}

/** Write IOPS per MB/s of a group: its members' block sizes weighted by their mean writes. */
function iopsPerMB(members: VmConfig[]): number {
  let weighted = 0;
  let mean = 0;
  for (const m of members) {
    const perMB = 1024 / (m.writeBlockKb && m.writeBlockKb > 0 ? m.writeBlockKb : DEFAULT_WRITE_BLOCK_KB);
    weighted += perMB * m.writeMeanMBps;
    mean += m.writeMeanMBps;
  }
  return mean > 0 ? weighted / mean : 1024 / DEFAULT_WRITE_BLOCK_KB;
}
