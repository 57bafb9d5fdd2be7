import { count, eq, isNull } from 'drizzle-orm';
import type { DB } from '@/db';
import { alerts, protectionGroups, sites, tenants } from '@/db/schema';
import { GROUP_STATUSES } from '@/lib/schemas/groups';
import { SITE_STATUSES } from '@/lib/schemas/sites';
import { metrics } from './registry';

/**
 * Sets the replication gauges from the database at scrape time (cheap: a few aggregate reads),
 * so they are always current and deleted groups disappear instead of going stale.
 */
export function refreshReplicationGauges(db: DB): void {
  const m = metrics();
  m.groupsByStatus.reset();
  m.groupRpo.reset();
  m.groupRpoTarget.reset();
  m.alertsOpen.reset();
  m.sitesByStatus.reset();

  for (const status of GROUP_STATUSES) m.groupsByStatus.set({ status }, 0);
  const byStatus = db.select({ status: protectionGroups.status, n: count() }).from(protectionGroups).groupBy(protectionGroups.status).all();
  for (const row of byStatus) m.groupsByStatus.set({ status: row.status }, row.n);

  const groups = db
    .select({ id: protectionGroups.id, name: protectionGroups.name, tenant: tenants.slug, rpo: protectionGroups.rpoSeconds, target: protectionGroups.rpoTargetSeconds })
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .all();
  for (const g of groups) {
    const labels = { tenant: g.tenant, group: g.id, group_name: g.name };
    m.groupRpoTarget.set(labels, g.target);
    if (g.rpo !== null) m.groupRpo.set(labels, g.rpo);
  }

  const open = db.select({ level: alerts.level, code: alerts.code, n: count() }).from(alerts).where(isNull(alerts.resolvedAt)).groupBy(alerts.level, alerts.code).all();
  for (const row of open) m.alertsOpen.set({ level: row.level, code: row.code }, row.n);

  for (const site of db.select({ id: sites.id, status: sites.status }).from(sites).all()) {
    for (const status of SITE_STATUSES) m.sitesByStatus.set({ site: site.id, status }, site.status === status ? 1 : 0);
  }
}
