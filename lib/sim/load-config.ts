/**
 * Reads the simulator's inputs from the database: sites, links and their fault state, tenants'
 * bandwidth limits, and groups with their members. Groups and members that the simulated clock
 * has not reached yet (created "later" during a backfill) are left out and reported as pending.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { groupMembers, protectionGroups, siteLinks, sites, tenants, vmDisks, vms } from '@/db/schema';
import type { CheckpointKind, CheckpointRecord, GroupConfig, LinkConfig, SiteConfig, TenantConfig } from '@/lib/engine';

export type Topology = { sites: SiteConfig[]; links: LinkConfig[]; downSites: string[]; downLinks: string[] };

export function loadTopology(db: Executor): Topology {
  const siteRows = db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).all();
  const linkRows = db.select().from(siteLinks).all();
  return {
    sites: siteRows.map((s) => ({ id: s.id, name: s.name })),
    links: linkRows.map((l) => ({ id: l.id, siteAId: l.siteAId, siteBId: l.siteBId, latencyMs: l.latencyMs, capacityMbps: l.capacityMbps })),
    downSites: siteRows.filter((s) => s.status === 'offline').map((s) => s.id),
    downLinks: linkRows.filter((l) => !l.up).map((l) => l.id),
  };
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
          burstiness: vms.burstiness, continuousWriter: vms.continuousWriter, agentInstalled: vms.agentInstalled,
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
        synced: m.syncState === 'synced', syncProgress: m.syncProgress,
      })),
    });
  }
  return { configs, nextActivationMs };
}

/** Every group's journal as stored (the truth after a restart: thinned, tagged by users and operations). */
export function loadCheckpoints(db: DB): Map<string, CheckpointRecord[]> {
  const out = new Map<string, CheckpointRecord[]>();
  // Raw rows: a large journal table holds ~10^6 checkpoints and the query builder's per-row
  // mapping would dominate the server's start.
  const rows = db.$client
    .prepare('SELECT group_id, id, time_ms, kind, tag, created_by FROM checkpoints ORDER BY group_id, time_ms')
    .raw()
    .iterate() as IterableIterator<[string, string, number, CheckpointKind, string | null, string | null]>;
  let groupId = '';
  let list: CheckpointRecord[] = [];
  for (const [g, id, timeMs, kind, tag, createdBy] of rows) {
    if (g !== groupId) {
      groupId = g;
      list = out.get(g) ?? [];
      out.set(g, list);
    }
    list.push({ id, timeMs, kind, tag, createdBy });
  }
  return out;
}

/** When each group last had a test failover (operations write it directly). */
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
