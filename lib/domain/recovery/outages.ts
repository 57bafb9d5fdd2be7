/**
 * "Start from the outage": the sites that are down and the links that are cut which a
 * tenant's protection groups replicate from or over, with those groups. The dashboard shows it
 * at the top with a Recover action; the staff site page shows it per tenant.
 */
import 'server-only';
import { and, asc, count, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Executor } from '@/db';
import { groupMembers, outages, protectionGroups, siteLinks, sites, tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso } from '@/lib/domain/core/clock';
import { tenantFilter } from '@/lib/domain/core/scope';

export type OutageGroupDto = {
  id: string;
  name: string;
  vmCount: number;
  /** The data a failover now would lose: the group's current RPO (null before the first figure). */
  rpoSeconds: number | null;
  rpoTargetSeconds: number;
  rtoTargetMinutes: number;
  targetSiteId: string;
  targetSiteName: string;
  /** The recovery site is down too: recovering there cannot start. */
  targetSiteDown: boolean;
};

export type OutageDto = {
  kind: 'site' | 'link';
  siteId?: string;
  siteName?: string;
  linkId?: string;
  /** "London–Zurich". */
  linkLabel?: string;
  /** Start of the open outage (simulated clock); null when the status says down without a record. */
  since: string | null;
  groups: OutageGroupDto[];
};

export type TenantOutagesDto = { tenantId: string; tenantName: string; outages: OutageDto[] };

type GroupRow = {
  id: string;
  tenantId: string;
  name: string;
  sourceSiteId: string;
  targetSiteId: string;
  rpoSeconds: number | null;
  rpoTargetSeconds: number;
  rtoTargetMinutes: number;
};

/**
 * The outages that hit the actor's tenant (or, for staff service-wide, every tenant), one entry
 * per tenant that has any. A group counts under a site when it replicates from it: its source
 * is the database's current direction, so a group failed over with reverse protection counts
 * under the site it landed on, not under its old home. A group failed over without reverse
 * protection no longer replicates and is left out. A group already counted under its downed
 * source is not repeated under a cut link.
 */
export function getOutageImpact(db: Executor, actor: Actor, query: { tenantId?: string } = {}): TenantOutagesDto[] {
  authorize(db, actor, 'tenant:read', { type: 'tenant', id: query.tenantId });
  const tenantId = tenantScope(actor, query.tenantId);

  const downSites = db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.status, 'offline')).orderBy(asc(sites.name)).all();
  const downLinks = db.select().from(siteLinks).where(eq(siteLinks.up, false)).all();
  if (!downSites.length && !downLinks.length) return [];

  const siteNames = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  const down = new Set(downSites.map((s) => s.id));
  const groups: GroupRow[] = db
    .select({
      id: protectionGroups.id, tenantId: protectionGroups.tenantId, name: protectionGroups.name,
      sourceSiteId: protectionGroups.sourceSiteId, targetSiteId: protectionGroups.targetSiteId,
      rpoSeconds: protectionGroups.rpoSeconds, rpoTargetSeconds: protectionGroups.rpoTargetSeconds, rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
    })
    .from(protectionGroups)
    .where(and(tenantFilter(protectionGroups.tenantId, tenantId), ne(protectionGroups.status, 'failed-over')))
    .orderBy(asc(protectionGroups.name))
    .all();
  if (!groups.length) return [];
  const vmCounts = new Map(
    db.select({ groupId: groupMembers.groupId, n: count() }).from(groupMembers).where(inArray(groupMembers.groupId, groups.map((g) => g.id))).groupBy(groupMembers.groupId).all().map((r) => [r.groupId, r.n]),
  );
  const open = db.select({ siteId: outages.siteId, linkId: outages.linkId, startedAt: outages.startedAt }).from(outages).where(isNull(outages.endedAt)).orderBy(asc(outages.startedAt)).all();
  const sinceOf = (match: (o: (typeof open)[number]) => boolean) => {
    const row = open.find(match);
    return row ? iso(row.startedAt) : null;
  };
  const dto = (g: GroupRow): OutageGroupDto => ({
    id: g.id, name: g.name, vmCount: vmCounts.get(g.id) ?? 0, rpoSeconds: g.rpoSeconds, rpoTargetSeconds: g.rpoTargetSeconds, rtoTargetMinutes: g.rtoTargetMinutes,
    targetSiteId: g.targetSiteId, targetSiteName: siteNames.get(g.targetSiteId) ?? g.targetSiteId, targetSiteDown: down.has(g.targetSiteId),
  });

  const byTenant = new Map<string, OutageDto[]>();
  const add = (tenant: string, outage: OutageDto) => byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), outage]);
  const tenantIds = [...new Set(groups.map((g) => g.tenantId))];
  for (const t of tenantIds) {
    const mine = groups.filter((g) => g.tenantId === t);
    for (const s of downSites) {
      const hit = mine.filter((g) => g.sourceSiteId === s.id);
      if (hit.length) add(t, { kind: 'site', siteId: s.id, siteName: s.name, since: sinceOf((o) => o.siteId === s.id), groups: hit.map(dto) });
    }
    for (const l of downLinks) {
      const hit = mine.filter(
        (g) => !down.has(g.sourceSiteId) && ((g.sourceSiteId === l.siteAId && g.targetSiteId === l.siteBId) || (g.sourceSiteId === l.siteBId && g.targetSiteId === l.siteAId)),
      );
      if (!hit.length) continue;
      // Named from the groups' side: "London–Zurich" when they replicate London → Zurich.
      const from = hit[0].sourceSiteId;
      const to = from === l.siteAId ? l.siteBId : l.siteAId;
      add(t, { kind: 'link', linkId: l.id, linkLabel: `${siteNames.get(from) ?? from}–${siteNames.get(to) ?? to}`, since: sinceOf((o) => o.linkId === l.id), groups: hit.map(dto) });
    }
  }
  if (!byTenant.size) return [];
  const names = new Map(
    db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(or(...[...byTenant.keys()].map((id) => eq(tenants.id, id)))).all().map((t) => [t.id, t.name]),
  );
  return [...byTenant.entries()]
    .map(([id, list]) => ({ tenantId: id, tenantName: names.get(id) ?? id, outages: list }))
    .sort((a, b) => a.tenantName.localeCompare(b.tenantName));
}

/** The outages of one tenant (the dashboard's view): the actor's own, or the tenant staff act for. */
export function getTenantOutages(db: Executor, actor: Actor, query: { tenantId?: string } = {}): OutageDto[] {
  return getOutageImpact(db, actor, query)[0]?.outages ?? [];
}
