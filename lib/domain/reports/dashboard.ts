import 'server-only';
import { and, count, eq, isNull, sum } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { alerts, groupMembers, vmDisks, vms } from '@/db/schema';
import type { GroupStatus } from '@/lib/schemas/groups';
import { tenantFilterSchema } from '@/lib/schemas/common';
import type { Actor } from '@/lib/core/actor';
import { listAlerts } from '@/lib/domain/replication/alerts';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, simNow } from '@/lib/domain/core/clock';
import type { AlertDto, GroupDto, SiteDto, SlaReportDto } from '@/lib/domain/core/dto';
import { listGroups } from '@/lib/domain/groups/groups';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { tenantFilter } from '@/lib/domain/core/scope';
import { listSites } from '@/lib/domain/inventory/sites';
import { monthlySla } from './sla';
import type { MaintenanceWindowDto } from '@/lib/domain/staff/dto';
import { listUpcomingMaintenance } from '@/lib/domain/staff/maintenance';
import { isTestOverdue } from './test-duty';
import { parseInput } from '@/lib/domain/core/validate';

/** How many rows each dashboard list carries: the ones needing attention first. */
export const DASHBOARD_ROWS = 8;
const ATTENTION_ROWS = 5;
const LATEST_ALERTS = 6;

/** States with no consistent copy to recover from right now (not yet synced, or already failed over). */
const NOT_RECOVERABLE: ReadonlySet<GroupStatus> = new Set(['initialising', 'failing-over', 'awaiting-commit', 'failed-over', 'reverse-replicating']);

/** Why a group cannot fail over right now; null when it can. */
export type CannotRecover = 'no-vms' | 'status' | 'recovery-site-offline';

export type TestRecord = Pick<GroupDto, 'id' | 'name' | 'lastTestedAt' | 'lastTestResult' | 'lastTestEndedAt'>;

export type AttentionDto = {
  groupId: string;
  groupName: string;
  status: GroupStatus;
  subStatus: string | null;
  cannotRecover: CannotRecover | null;
  /** The offline recovery site, when that is the reason. */
  recoverySiteName: string | null;
};

export type DashboardDto = {
  /** Simulated time the summary was taken at. */
  at: string;
  groups: {
    total: number;
    byStatus: Partial<Record<GroupStatus, number>>;
    meetingSla: number;
    recoverable: number;
    vms: number;
    protectedGb: number;
    averageRpoSeconds: number | null;
    runningOperations: number;
  };
  /** Groups not meeting their SLA or unable to recover now; those unable to recover first. */
  attention: { count: number; items: AttentionDto[] };
  /** Highest actual-RPO-to-target ratio first; groups not measured yet last. */
  rpo: { total: number; items: Pick<GroupDto, 'id' | 'name' | 'status' | 'rpoSeconds' | 'rpoTargetSeconds'>[] };
  /**
   * The annual test duty. `overdue`: no passed test within the interval (never tested included);
   * `failed`: the last test failed. Overdue first, then last test failed, then longest since a passed test.
   */
  tests: { total: number; overdue: number; failed: number; items: TestRecord[] };
  /** Sites the tenant's groups replicate from or to, with how many groups in each role. */
  sites: (SiteDto & { production: number; recovery: number })[];
  alerts: { open: number; latest: AlertDto[] };
  sla: SlaReportDto;
  maintenance: MaintenanceWindowDto[];
};

/**
 * GET /dashboard: the tenant's protection at a glance, summarised on the server. The page and
 * its 5-second poll carry a few kilobytes whatever the tenant's size (the full group list is 120
 * rows for a large tenant), and every figure is computed once for all the cards that show it.
 */
export async function getDashboard(db: DB, actor: Actor, query: { tenantId?: string } = {}): Promise<DashboardDto> {
  authorize(db, actor, 'tenant:read', { type: 'dashboard' });
  const q = parseInput(tenantFilterSchema, query);
  const scope = tenantScope(actor, q.tenantId);
  // Staff reading one tenant's dashboard read every part of it as that tenant.
  const scoped: Actor = actor.role === 'staff' ? { ...actor, tenantId: scope } : actor;
  const nowMs = await simNow();
  // SLA and maintenance depend on the clock too: a summary lives for one simulated second at most.
  return cachedRead(db, `dashboard:${scope ?? '*'}:${Math.floor(nowMs / 1000)}`, () => readDashboard(db, scoped, scope, nowMs));
}

async function readDashboard(db: DB, actor: Actor, scope: string | null, nowMs: number): Promise<DashboardDto> {
  const [groups, sites, latest, sla, maintenance] = await Promise.all([
    listGroups(db, actor),
    listSites(db, actor),
    listAlerts(db, actor, { status: 'open', limit: LATEST_ALERTS }),
    monthlySla(db, actor),
    listUpcomingMaintenance(db, actor, new Date(nowMs)),
  ]);
  const summary = summarise(groups, sites, nowMs);
  return {
    at: iso(nowMs),
    ...summary,
    groups: { ...summary.groups, protectedGb: protectedGb(db, scope) },
    alerts: { open: openAlertCount(db, scope), latest },
    sla,
    maintenance,
  };
}

/** The parts computed from the group list alone (pure, so the rules are tested directly). */
export function summarise(groups: GroupDto[], sites: SiteDto[], nowMs: number): Pick<DashboardDto, 'groups' | 'attention' | 'rpo' | 'tests' | 'sites'> {
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const byStatus: Partial<Record<GroupStatus, number>> = {};
  const attention: AttentionDto[] = [];
  let meetingSla = 0;
  let recoverable = 0;
  let rpoSum = 0;
  let measured = 0;
  for (const g of groups) {
    byStatus[g.status] = (byStatus[g.status] ?? 0) + 1;
    const target = siteById.get(g.targetSiteId);
    const cannotRecover: CannotRecover | null =
      g.vmIds.length === 0 ? 'no-vms' : NOT_RECOVERABLE.has(g.status) ? 'status' : target?.status === 'offline' ? 'recovery-site-offline' : null;
    const meeting = g.status === 'meeting-sla';
    if (meeting) meetingSla += 1;
    if (!cannotRecover) recoverable += 1;
    if (cannotRecover || !meeting) {
      attention.push({ groupId: g.id, groupName: g.name, status: g.status, subStatus: g.subStatus, cannotRecover, recoverySiteName: cannotRecover === 'recovery-site-offline' ? (target?.name ?? null) : null });
    }
    if (g.rpoSeconds != null) {
      rpoSum += g.rpoSeconds;
      measured += 1;
    }
  }
  attention.sort((a, b) => Number(b.cannotRecover !== null) - Number(a.cannotRecover !== null));

  const ratio = (g: GroupDto) => (g.rpoSeconds == null ? -1 : g.rpoSeconds / g.rpoTargetSeconds);
  const byRpo = [...groups].sort((a, b) => ratio(b) - ratio(a) || a.name.localeCompare(b.name));
  const testedMs = (g: GroupDto) => (g.lastTestedAt ? new Date(g.lastTestedAt).getTime() : -Infinity);
  const testRank = (g: GroupDto) => (isTestOverdue(g.lastTestedAt, nowMs) ? 0 : g.lastTestResult === 'failed' ? 1 : 2);
  const byTest = [...groups].sort((a, b) => testRank(a) - testRank(b) || testedMs(a) - testedMs(b) || a.name.localeCompare(b.name));

  return {
    groups: {
      total: groups.length,
      byStatus,
      meetingSla,
      recoverable,
      vms: groups.reduce((n, g) => n + g.vmIds.length, 0),
      protectedGb: 0,
      averageRpoSeconds: measured ? rpoSum / measured : null,
      runningOperations: groups.filter((g) => g.openOperationId).length,
    },
    attention: { count: attention.length, items: attention.slice(0, ATTENTION_ROWS) },
    rpo: { total: groups.length, items: byRpo.slice(0, DASHBOARD_ROWS).map(({ id, name, status, rpoSeconds, rpoTargetSeconds }) => ({ id, name, status, rpoSeconds, rpoTargetSeconds })) },
    tests: {
      total: groups.length,
      overdue: groups.filter((g) => isTestOverdue(g.lastTestedAt, nowMs)).length,
      failed: groups.filter((g) => g.lastTestResult === 'failed').length,
      items: byTest.slice(0, DASHBOARD_ROWS).map(({ id, name, lastTestedAt, lastTestResult, lastTestEndedAt }) => ({ id, name, lastTestedAt, lastTestResult, lastTestEndedAt })),
    },
    sites: sites
      .map((s) => ({ ...s, production: groups.filter((g) => g.sourceSiteId === s.id).length, recovery: groups.filter((g) => g.targetSiteId === s.id).length }))
      .filter((s) => s.production + s.recovery > 0),
  };
}

/** Disk capacity of the VMs in protection groups, summed in SQL. */
function protectedGb(db: Executor, scope: string | null): number {
  const [row] = db
    .select({ gb: sum(vmDisks.sizeGb) })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .innerJoin(vmDisks, eq(vmDisks.vmId, vms.id))
    .where(tenantFilter(vms.tenantId, scope))
    .all();
  return Number(row?.gb ?? 0);
}

function openAlertCount(db: Executor, scope: string | null): number {
  const [row] = db
    .select({ n: count() })
    .from(alerts)
    .where(and(tenantFilter(alerts.tenantId, scope), isNull(alerts.resolvedAt)))
    .all();
  return row?.n ?? 0;
}
