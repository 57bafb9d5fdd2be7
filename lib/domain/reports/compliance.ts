import 'server-only';
import { and, count, eq, gte, lt, between, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { alerts, protectionGroups, rpoSamples } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simNow } from '@/lib/domain/core/clock';
import type { GroupDto, SlaReportDto } from '@/lib/domain/core/dto';
import { listGroups } from '@/lib/domain/groups/groups';
import { planSeries } from '@/lib/domain/replication/rpo';
import { tenantFilter } from '@/lib/domain/core/scope';
import { monthlySla } from './sla';

export type MonthCompliance = { month: string; sharePercent: number | null; samples: number; breaches: number };
export type GroupCompliance = { group: GroupDto; months: MonthCompliance[] };

const monthStart = (y: number, m: number) => Date.UTC(y, m, 1);
const label = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/** The last `n` calendar months (UTC) of the simulated clock, newest first. */
export function recentMonths(nowMs: number, n: number): { month: string; from: number; to: number }[] {
  const d = new Date(nowMs);
  return Array.from({ length: n }, (_, i) => {
    const from = monthStart(d.getUTCFullYear(), d.getUTCMonth() - i);
    const to = Math.min(monthStart(d.getUTCFullYear(), d.getUTCMonth() - i + 1), nowMs);
    return { month: label(from), from, to };
  });
}

/**
 * Share of each month's RPO samples within the group's target, and the RPO breaches raised in
 * it, per group. Each month reads the tier a chart of that month would (hourly for a whole
 * month); samples are the worst RPO of their interval, so the share errs on the strict side.
 * Months older than the samples kept have no figure rather than a made-up one, and a month with
 * no figure for any group is left out.
 *
 * One aggregate query per month for all the tenant's groups (not a series per group: a
 * 120-group tenant took a second).
 */
export async function rpoCompliance(db: Executor, actor: Actor, months = 6): Promise<GroupCompliance[]> {
  authorize(
    db,
    actor,
    'tenant:read',
    // Stryker disable next-line ObjectLiteral,StringLiteral: the target is audited only on a denial, and every role holds tenant:read (lib/auth/policy.ts)
    { type: 'rpo-compliance' },
  );
  const scope = tenantScope(actor);
  const nowMs = await simNow();
  const groups = await listGroups(db, actor);
  const periods = recentMonths(nowMs, months).map((p) => {
    const tier = planSeries(p.from, p.to, nowMs).tier.tier;
    const samples = new Map(
      db
        .select({ groupId: rpoSamples.groupId, n: count(), within: sql<number>`sum(${rpoSamples.rpoSeconds} <= ${protectionGroups.rpoTargetSeconds})` })
        .from(rpoSamples)
        .innerJoin(protectionGroups, eq(protectionGroups.id, rpoSamples.groupId))
        .where(and(tenantFilter(protectionGroups.tenantId, scope), eq(rpoSamples.tier, tier), between(rpoSamples.timeMs, p.from, p.to)))
        .groupBy(rpoSamples.groupId)
        .all()
        .map((r) => [r.groupId, r]),
    );
    const breaches = new Map(
      db
        .select({ groupId: alerts.groupId, n: count() })
        .from(alerts)
        .where(and(tenantFilter(alerts.tenantId, scope), eq(alerts.code, 'rpo-breach'), gte(alerts.raisedAt, new Date(p.from)), lt(alerts.raisedAt, new Date(p.to))))
        .groupBy(alerts.groupId)
        .all()
        .map((r) => [r.groupId, r.n]),
    );
    return { month: p.month, samples, breaches };
  });
  // A month no group has a figure for (before the samples kept, or before the first group) says nothing: leave it out.
  const reported = periods.filter((p) => p.samples.size > 0 || p.breaches.size > 0);
  return groups.map((group) => ({
    group,
    months: reported.map((p) => {
      const s = p.samples.get(group.id);
      const n = s?.n ?? 0;
      return { month: p.month, sharePercent: n ? (Number(s!.within) / n) * 100 : null, samples: n, breaches: p.breaches.get(group.id) ?? 0 };
    }),
  }));
}

/** Availability and service credit of the last `n` months. */
export async function availabilityHistory(db: Executor, actor: Actor, months = 6): Promise<SlaReportDto[]> {
  const periods = recentMonths(await simNow(), months);
  return Promise.all(periods.map((p) => monthlySla(db, actor, { month: p.month })));
}
