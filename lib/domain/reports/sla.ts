import 'server-only';
import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '@/db';
import { maintenanceWindows, outages, protectionGroups, siteLinks, vdcs } from '@/db/schema';
import { slaQuerySchema } from '@/lib/schemas/reports';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, simNow } from '@/lib/domain/core/clock';
import type { SlaReportDto } from '@/lib/domain/core/dto';
import { downtimeAllowance, SLA_TABLE } from './sla-table';
import { ValidationError } from '@/lib/core/errors';
import { computeAvailability, SLA_TARGET_PERCENT, type Interval } from './sla-math';
import { parseInput } from '@/lib/domain/core/validate';

/** Sites and links whose faults count against a tenant: where it has a vDC or a group replicates. */
function tenantFootprint(db: Executor, tenantId: string): { siteIds: string[]; linkIds: string[] } {
  const groups = db
    .select({ source: protectionGroups.sourceSiteId, target: protectionGroups.targetSiteId })
    .from(protectionGroups)
    .where(eq(protectionGroups.tenantId, tenantId))
    .all();
  const sites = new Set(db.select({ siteId: vdcs.siteId }).from(vdcs).where(eq(vdcs.tenantId, tenantId)).all().map((v) => v.siteId));
  const pairs = new Set<string>();
  for (const g of groups) {
    sites.add(g.source).add(g.target);
    pairs.add([g.source, g.target].sort().join('|'));
  }
  // 28 links in all: filtering them here is simpler and as cheap as a pairwise SQL condition.
  const linkIds = db
    .select({ id: siteLinks.id, a: siteLinks.siteAId, b: siteLinks.siteBId })
    .from(siteLinks)
    .all()
    .filter((l) => pairs.has([l.a, l.b].sort().join('|')))
    .map((l) => l.id);
  return { siteIds: [...sites], linkIds };
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * GET /reports/sla: a calendar month's availability (UTC) and the service credit it earns. Client
 * roles get their tenant's figure; staff get one tenant's (`tenantId`) or the whole service's.
 */
export async function monthlySla(db: Executor, actor: Actor, query: { month?: string; tenantId?: string } = {}): Promise<SlaReportDto> {
  authorize(db, actor, actor.role === 'staff' ? 'sla:all' : 'tenant:read', { type: 'sla-report' });
  const scope = tenantScope(actor, query.tenantId);
  const q = parseInput(slaQuerySchema, query);
  const nowMs = await simNow();
  const month = q.month ?? monthOf(nowMs);
  const [year, mon] = month.split('-').map(Number);
  const start = Date.UTC(year, mon - 1, 1);
  const end = Math.min(Date.UTC(year, mon, 1), nowMs);
  if (end <= start) throw new ValidationError([{ field: 'month', message: `${month} has not started yet.` }]);
  const period: Interval = { start, end };

  const footprint = scope === null ? null : tenantFootprint(db, scope);
  const overlapsOutage = and(lt(outages.startedAt, new Date(end)), or(isNull(outages.endedAt), gt(outages.endedAt, new Date(start))));
  const outageRows = db
    .select({ startedAt: outages.startedAt, endedAt: outages.endedAt })
    .from(outages)
    .where(
      and(
        overlapsOutage,
        footprint
          ? or(
              footprint.siteIds.length ? inArray(outages.siteId, footprint.siteIds) : undefined,
              footprint.linkIds.length ? inArray(outages.linkId, footprint.linkIds) : undefined,
              // A tenant with no footprint has no outage to count.
              eq(outages.id, ''),
            )
          : undefined,
      ),
    )
    .all();
  const windowRows = db
    .select({ startsAt: maintenanceWindows.startsAt, endsAt: maintenanceWindows.endsAt })
    .from(maintenanceWindows)
    .where(
      and(
        lt(maintenanceWindows.startsAt, new Date(end)),
        gt(maintenanceWindows.endsAt, new Date(start)),
        footprint
          ? or(isNull(maintenanceWindows.siteId), footprint.siteIds.length ? inArray(maintenanceWindows.siteId, footprint.siteIds) : undefined)
          : undefined,
      ),
    )
    .all();

  const result = computeAvailability(
    period,
    outageRows.map((o) => ({ start: o.startedAt.getTime(), end: o.endedAt?.getTime() ?? end })),
    windowRows.map((w) => ({ start: w.startsAt.getTime(), end: w.endsAt.getTime() })),
  );
  const minutes = (ms: number) => Math.round(ms / 6_000) / 10;
  return {
    month,
    tenantId: scope,
    uptimePercent: result.uptimePercent,
    creditPercent: result.creditPercent,
    downtimeMinutes: minutes(result.downtimeMs),
    maintenanceMinutes: minutes(result.maintenanceMs),
    targetPercent: SLA_TARGET_PERCENT,
    periodStart: iso(start),
    periodEnd: iso(end),
    availabilityTable: SLA_TABLE,
    allowance: downtimeAllowance(minutes(result.downtimeMs)),
  };
}
