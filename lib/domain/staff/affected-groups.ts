import 'server-only';
import { and, asc, eq, or, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups, tenants } from '@/db/schema';
import type { AffectedGroupDto } from './dto';

function groupsWhere(db: Executor, where: SQL | undefined): Omit<AffectedGroupDto, 'role'>[] {
  return db
    .select({
      id: protectionGroups.id,
      tenantId: protectionGroups.tenantId,
      tenantName: tenants.name,
      name: protectionGroups.name,
      sourceSiteId: protectionGroups.sourceSiteId,
      targetSiteId: protectionGroups.targetSiteId,
      status: protectionGroups.status,
      subStatus: protectionGroups.subStatus,
      rpoSeconds: protectionGroups.rpoSeconds,
      rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
    })
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .where(where)
    .orderBy(asc(tenants.name), asc(protectionGroups.name))
    .all();
}

/** Groups that replicate from or to the site: a fault there pauses their replication. */
export function groupsAffectedBySite(db: Executor, siteId: string): AffectedGroupDto[] {
  return groupsWhere(db, or(eq(protectionGroups.sourceSiteId, siteId), eq(protectionGroups.targetSiteId, siteId))).map((g) => ({
    ...g,
    role: g.sourceSiteId === siteId ? 'source' : 'target',
  }));
}

/** Groups whose traffic crosses the link: source and target are the link's two sites. */
export function groupsAffectedByLink(db: Executor, link: { siteAId: string; siteBId: string }): AffectedGroupDto[] {
  const { siteAId: a, siteBId: b } = link;
  const pair = or(
    and(eq(protectionGroups.sourceSiteId, a), eq(protectionGroups.targetSiteId, b)),
    and(eq(protectionGroups.sourceSiteId, b), eq(protectionGroups.targetSiteId, a)),
  );
  return groupsWhere(db, pair).map((g) => ({ ...g, role: 'link' as const }));
}
