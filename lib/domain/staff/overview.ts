import 'server-only';
import { asc, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DB } from '@/db';
import { alerts, maintenanceWindows, protectionGroups, serviceRequests, tenants } from '@/db/schema';
import type { GroupStatus } from '@/lib/schemas/groups';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { simDate } from '@/lib/domain/core/clock';
import { TEST_INTERVAL_DAYS } from '@/lib/domain/reports/test-duty';
import type { SiteLoadDto } from './dto';
import { openFaults, sitesWithLoad } from './site-state';


export type Health = 'healthy' | 'warning' | 'critical';

export type TenantHealthDto = {
  id: string;
  name: string;
  slug: string;
  status: 'active' | 'suspended';
  groupCount: number;
  byStatus: Partial<Record<GroupStatus, number>>;
  /** The group furthest over (or closest to) its RPO target; null without measured groups. */
  worstRpo: { groupId: string; groupName: string; rpoSeconds: number; rpoTargetSeconds: number; ratio: number } | null;
  openAlerts: { error: number; warning: number };
  /** Groups never tested or last tested more than a year ago. */
  overdueTests: number;
  health: Health;
};

export type StaffOverviewDto = {
  now: string;
  tenants: TenantHealthDto[];
  sites: SiteLoadDto[];
  faults: { siteIds: string[]; linkIds: string[] };
  totals: { tenants: number; groups: number; meetingSla: number; openAlerts: number; overdueTests: number; activeRequests: number; overdueRequests: number; upcomingMaintenance: number };
};

const CRITICAL: GroupStatus[] = ['rpo-not-met', 'paused'];
const WARNING: GroupStatus[] = ['history-not-met', 'initialising'];

function healthOf(t: Omit<TenantHealthDto, 'health'>): Health {
  if (CRITICAL.some((s) => t.byStatus[s]) || t.openAlerts.error > 0) return 'critical';
  if (WARNING.some((s) => t.byStatus[s]) || t.openAlerts.warning > 0 || t.overdueTests > 0) return 'warning';
  return 'healthy';
}

/** Everything the provider needs at a glance, one query per table rather than per tenant. */
export async function staffOverview(db: DB, actor: Actor, at?: Date): Promise<StaffOverviewDto> {
  authorize(db, actor, 'tenants:manage', { type: 'overview' });
  const now = at ?? (await simDate());
  const testCutoff = now.getTime() - TEST_INTERVAL_DAYS * 86_400_000;
  const groups = db.select().from(protectionGroups).orderBy(asc(protectionGroups.name)).all();
  const openAlertRows = db
    .select({ tenantId: alerts.tenantId, level: alerts.level, n: count() })
    .from(alerts)
    .where(isNull(alerts.resolvedAt))
    .groupBy(alerts.tenantId, alerts.level)
    .all();

  const tenantRows = db.select().from(tenants).orderBy(asc(tenants.name)).all().map((t) => {
    const mine = groups.filter((g) => g.tenantId === t.id);
    const byStatus: TenantHealthDto['byStatus'] = {};
    for (const g of mine) byStatus[g.status] = (byStatus[g.status] ?? 0) + 1;
    let worstRpo: TenantHealthDto['worstRpo'] = null;
    for (const g of mine) {
      if (g.rpoSeconds == null) continue;
      const ratio = g.rpoSeconds / g.rpoTargetSeconds;
      if (!worstRpo || ratio > worstRpo.ratio) worstRpo = { groupId: g.id, groupName: g.name, rpoSeconds: g.rpoSeconds, rpoTargetSeconds: g.rpoTargetSeconds, ratio };
    }
    const alertsOf = (level: 'error' | 'warning') => openAlertRows.find((a) => a.tenantId === t.id && a.level === level)?.n ?? 0;
    const row = {
      id: t.id,
      name: t.name,
      slug: t.slug,
      status: t.status,
      groupCount: mine.length,
      byStatus,
      worstRpo,
      openAlerts: { error: alertsOf('error'), warning: alertsOf('warning') },
      overdueTests: mine.filter((g) => !g.lastTestedAt || g.lastTestedAt.getTime() < testCutoff).length,
    };
    return { ...row, health: healthOf(row) };
  });

  const active = db
    .select({ respondBy: serviceRequests.respondBy })
    .from(serviceRequests)
    .where(inArray(serviceRequests.status, ['open', 'in-progress']))
    .all();
  const [{ n: upcomingMaintenance }] = db.select({ n: count() }).from(maintenanceWindows).where(gt(maintenanceWindows.endsAt, now)).all();
  const openRequests = db.select({ respondBy: serviceRequests.respondBy }).from(serviceRequests).where(eq(serviceRequests.status, 'open')).all();

  return {
    now: now.toISOString(),
    tenants: tenantRows,
    sites: sitesWithLoad(db),
    faults: openFaults(db),
    totals: {
      tenants: tenantRows.length,
      groups: groups.length,
      meetingSla: groups.filter((g) => g.status === 'meeting-sla').length,
      openAlerts: openAlertRows.reduce((a, r) => a + r.n, 0),
      overdueTests: tenantRows.reduce((a, t) => a + t.overdueTests, 0),
      activeRequests: active.length,
      // Unanswered past the deadline; the queue page also counts late first responses.
      overdueRequests: openRequests.filter((r) => r.respondBy < now).length,
      upcomingMaintenance,
    },
  };
}
