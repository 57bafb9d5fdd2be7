/**
 * Reads the simulator's inputs from the database: sites, links and their fault state, tenants'
 * bandwidth limits, and groups with their members. Groups and members that the simulated clock
 * has not reached yet (created "later" during a backfill) are left out and reported as pending.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { groupMembers, protectionGroups, siteLinks, sites, storageVolumes, tenants, vmDisks, vms } from '@/db/schema';
import { CHECKPOINT_KIND_CODES, type GroupConfig, type LinkConfig, type SiteConfig, type StoredJournal, type TenantConfig, type VolumeConfig } from '@/lib/engine';

export type Topology = {
  sites: SiteConfig[]; links: LinkConfig[]; downSites: string[]; downLinks: string[];
  /** Sites whose storage staff degraded: the fraction of IOPS they still deliver. */
  storageFactors: [string, number][];
};

export function loadTopology(db: Executor): Topology {
  const siteRows = db.select({ id: sites.id, name: sites.name, status: sites.status, storageIopsPercent: sites.storageIopsPercent }).from(sites).all();
  const linkRows = db.select().from(siteLinks).all();
  return {
    sites: siteRows.map((s) => ({ id: s.id, name: s.name })),
    links: linkRows.map((l) => ({ id: l.id, siteAId: l.siteAId, siteBId: l.siteBId, latencyMs: l.latencyMs, capacityMbps: l.capacityMbps })),
    downSites: siteRows.filter((s) => s.status === 'offline').map((s) => s.id),
    downLinks: linkRows.filter((l) => !l.up).map((l) => l.id),
    storageFactors: siteRows.map((s) => [s.id, s.storageIopsPercent / 100]),
  };
}

/** The tenants' dedicated storage volumes: their guaranteed IOPS cap what replication applies at each site. */
export function loadVolumes(db: Executor): VolumeConfig[] {
  return db
    .select({ id: storageVolumes.id, tenantId: storageVolumes.tenantId, siteId: storageVolumes.siteId, guaranteedIops: storageVolumes.guaranteedIops })
    .from(storageVolumes)
    .orderBy(storageVolumes.id)
    .all();
}

export function loadTenants(db: Executor): TenantConfig[] {
  return db.select({ id: tenants.id, interSiteMbps: tenants.interSiteBandwidthMbps }).from(tenants).all();
}

export type LoadedGroups = {
  configs: GroupConfig[];
  /** Earliest creation/addition time after `nowMs` that was left out, or null. */
  nextActivationMs: number | null;
};

/** Groups (all, or `ids`) as the engine sees them at `nowMs`. */
export function loadGroups(db: Executor, nowMs: number, ids?: string[]): LoadedGroups {
  if (ids && ids.length === 0) return { configs: [], nextActivationMs: null };
  const groups = db.select().from(protectionGroups).where(ids ? inArray(protectionGroups.id, ids) : undefined).orderBy(protectionGroups.createdAt, protectionGroups.id).all();
  const groupIds = groups.map((g) => g.id);
  const members = groupIds.length
    ? db
        .select({
          groupId: groupMembers.groupId, addedAt: groupMembers.addedAt, syncState: groupMembers.syncState, syncProgress: groupMembers.syncProgress,
          id: vms.id, name: vms.name, writeMeanMBps: vms.writeMeanMBps, writePeakFactor: vms.writePeakFactor, writePeakHourUtc: vms.writePeakHourUtc,
          burstiness: vms.burstiness, continuousWriter: vms.continuousWriter, agentInstalled: vms.agentInstalled, writeBlockKb: vms.writeBlockKb,
        })
        .from(groupMembers)
        .innerJoin(vms, eq(vms.id, groupMembers.vmId))
        .where(inArray(groupMembers.groupId, groupIds))
        .orderBy(groupMembers.addedAt, vms.name)
        .all()
    : [];
  const vmIds = members.map((m) => m.id);
  const diskGb = new Map<string, number>();
  if (vmIds.length) {
    for (const d of db.select({ vmId: vmDisks.vmId, sizeGb: vmDisks.sizeGb }).from(vmDisks).where(inArray(vmDisks.vmId, vmIds)).all()) {
      diskGb.set(d.vmId, (diskGb.get(d.vmId) ?? 0) + d.sizeGb);
    }
  }
  let nextActivationMs: number | null = null;
  const later = (t: number) => (nextActivationMs = nextActivationMs === null ? t : Math.min(nextActivationMs, t));
  const configs: GroupConfig[] = [];
  for (const g of groups) {
    const createdAtMs = g.createdAt.getTime();
    if (createdAtMs > nowMs) {
      later(createdAtMs);
      continue;
    }
    const own = members.filter((m) => m.groupId === g.id);
    const present = own.filter((m) => m.addedAt.getTime() <= nowMs);
    for (const m of own) if (m.addedAt.getTime() > nowMs) later(m.addedAt.getTime());
    configs.push({
      id: g.id, tenantId: g.tenantId, name: g.name, sourceSiteId: g.sourceSiteId, targetSiteId: g.targetSiteId, priority: g.priority,
      rpoTargetSeconds: g.rpoTargetSeconds, journalHistoryHours: g.journalHistoryHours, journalLimitGb: g.journalLimitGb,
      appCheckpointMinutes: g.appCheckpointMinutes, lastTestedAtMs: g.lastTestedAt?.getTime() ?? null, createdAtMs,
      members: present.map((m) => ({
        id: m.id, name: m.name, diskGb: diskGb.get(m.id) ?? 0, writeMeanMBps: m.writeMeanMBps, writePeakFactor: m.writePeakFactor,
        writePeakHourUtc: m.writePeakHourUtc, burstiness: m.burstiness, continuousWriter: m.continuousWriter, agentInstalled: m.agentInstalled,
        writeBlockKb: m.writeBlockKb, synced: m.syncState === 'synced', syncProgress: m.syncProgress,
      })),
    });
  }
  return { configs, nextActivationMs };
}

/**
 * Reads one group's journal as stored (the truth after a restart: thinned, tagged by users and
 * operations). Each row comes back as one number, time × 4 + kind code, straight from the
 * covering index (group, time, kind): a large database holds ~1.6 M checkpoints and reading
 * them as row objects took most of the server's start (4.1 s; this way well under one).
 * Tags exist only on tagged checkpoints, read separately.
 */
export function storedJournalReader(db: DB): (groupId: string) => StoredJournal | undefined {
  const kindCode = `CASE kind ${CHECKPOINT_KIND_CODES.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END`;
  const packed = db.$client.prepare(`SELECT time_ms * 4 + ${kindCode} FROM checkpoints WHERE group_id = ? ORDER BY time_ms`).pluck();
  const tagged = db.$client.prepare("SELECT time_ms, tag, created_by FROM checkpoints WHERE group_id = ? AND kind = 'tagged'").raw();
  return (groupId) => {
    const rows = packed.all(groupId) as number[];
    if (rows.length === 0) return undefined;
    const times = new Float64Array(rows.length);
    const kinds = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const time = Math.floor(rows[i] / 4);
      times[i] = time;
      kinds[i] = rows[i] - time * 4;
    }
    const meta = new Map<number, { tag: string | null; createdBy: string | null }>();
    for (const [timeMs, tag, createdBy] of tagged.all(groupId) as [number, string | null, string | null][]) {
      if (tag !== null || createdBy !== null) meta.set(timeMs, { tag, createdBy });
    }
    return { times, kinds, meta };
  };
}

/** When each group last passed a test failover (operations write it directly; a failed test does not count). */
export function loadLastTested(db: Executor): [string, number | null][] {
  return db
    .select({ id: protectionGroups.id, at: protectionGroups.lastTestedAt })
    .from(protectionGroups)
    .all()
    .map((r) => [r.id, r.at?.getTime() ?? null]);
}

/** The direction the database holds for a group (operations swap it before reversing). */
export function loadDirection(db: Executor, groupId: string): { sourceSiteId: string; targetSiteId: string } | undefined {
  return db.select({ sourceSiteId: protectionGroups.sourceSiteId, targetSiteId: protectionGroups.targetSiteId }).from(protectionGroups).where(eq(protectionGroups.id, groupId)).get();
}
