import type { Executor } from '@/db';
import type { Actor } from '@/lib/domain/actor';
import { listAlerts } from '@/lib/domain/alerts';
import { simNow } from '@/lib/domain/clock';
import type { GroupDto, SlaReportDto } from '@/lib/domain/dto';
import { rpoSeries } from '@/lib/domain/rpo';
import { monthlySla } from '@/lib/domain/sla';

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
 * Share of each month's RPO samples within the group's target, and its breaches. Samples are
 * the worst RPO of their interval, so the share errs on the strict side. Months older than the
 * sample retention (about 35 days) have no figure rather than a made-up one.
 */
export async function rpoCompliance(db: Executor, actor: Actor, groups: GroupDto[], months = 2): Promise<GroupCompliance[]> {
  const now = await simNow();
  const periods = recentMonths(now, months);
  const breaches = (await listAlerts(db, actor, { status: 'all', limit: 500 })).filter((a) => a.code === 'rpo-breach');
  return Promise.all(
    groups.map(async (group) => ({
      group,
      months: await Promise.all(
        periods.map(async (p) => {
          const series = await rpoSeries(db, actor, group.id, { from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() });
          const within = series.points.filter((pt) => pt.rpoSeconds <= series.targetSeconds).length;
          const n = series.points.length;
          const inMonth = breaches.filter((b) => b.groupId === group.id && Date.parse(b.raisedAt) >= p.from && Date.parse(b.raisedAt) < p.to).length;
          return { month: p.month, sharePercent: n ? (within / n) * 100 : null, samples: n, breaches: inMonth };
        }),
      ),
    })),
  );
}

/** Availability and service credit of the last `n` months. */
export async function availabilityHistory(db: Executor, actor: Actor, months = 6): Promise<SlaReportDto[]> {
  const periods = recentMonths(await simNow(), months);
  return Promise.all(periods.map((p) => monthlySla(db, actor, { month: p.month })));
}
