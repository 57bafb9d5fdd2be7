/**
 * Degraded sites (staff set slower storage or hosts down) that one tenant's groups replicate
 * from or to: the dashboard's banner below an outage. Read-only.
 */
import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups, sites } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { tenantFilter } from '@/lib/domain/core/scope';

export type DegradedSiteDto = {
  siteId: string;
  siteName: string;
  storageIopsPercent: number;
  hostsDown: number;
  hostsTotal: number;
  /** The tenant's groups on it: recovering there (target) or replicating from it (source). */
  groups: { id: string; name: string; role: 'source' | 'target'; limitReason: string | null }[];
};

export function getTenantDegradedSites(db: Executor, actor: Actor, query: { tenantId?: string } = {}): DegradedSiteDto[] {
  authorize(db, actor, 'tenant:read', { type: 'tenant', id: query.tenantId });
  const tenantId = tenantScope(actor, query.tenantId);
  const degraded = db.select().from(sites).where(eq(sites.status, 'degraded')).orderBy(asc(sites.name)).all();
  if (!degraded.length) return [];
  const groups = db
    .select({ id: protectionGroups.id, name: protectionGroups.name, sourceSiteId: protectionGroups.sourceSiteId, targetSiteId: protectionGroups.targetSiteId, limitReason: protectionGroups.limitReason })
    .from(protectionGroups)
    .where(and(tenantFilter(protectionGroups.tenantId, tenantId), ne(protectionGroups.status, 'failed-over')))
    .orderBy(asc(protectionGroups.name))
    .all();
  return degraded
    .map((s) => ({
      siteId: s.id, siteName: s.name, storageIopsPercent: s.storageIopsPercent, hostsDown: s.hostsDown, hostsTotal: s.hostsTotal,
      groups: groups
        .filter((g) => g.sourceSiteId === s.id || g.targetSiteId === s.id)
        .map((g) => ({ id: g.id, name: g.name, role: g.targetSiteId === s.id ? ('target' as const) : ('source' as const), limitReason: g.limitReason })),
    }))
    .filter((s) => s.groups.length > 0);
}
