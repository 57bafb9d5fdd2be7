import 'server-only';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '@/db';
import { outages, siteLinks, sites } from '@/db/schema';
import { iso } from '@/lib/domain/core/clock';
import type { RpoOutageDto } from '@/lib/domain/core/dto';

/**
 * The faults that paused a group's replication within [fromMs, toMs]: its source or target site
 * offline, or the link between them down, from the outage history staff injections record. The
 * charts shade them so a growing RPO is seen next to its cause. Uses the group's current
 * direction (both sites count either way; a reversed group replicates over the same link).
 */
export function groupOutages(db: Executor, group: { sourceSiteId: string; targetSiteId: string }, fromMs: number, toMs: number): RpoOutageDto[] {
  const pair = [group.sourceSiteId, group.targetSiteId].sort();
  const link = db.select({ id: siteLinks.id }).from(siteLinks).where(and(eq(siteLinks.siteAId, pair[0]), eq(siteLinks.siteBId, pair[1]))).get();
  const names = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  const rows = db
    .select({ siteId: outages.siteId, linkId: outages.linkId, startedAt: outages.startedAt, endedAt: outages.endedAt })
    .from(outages)
    .where(
      and(
        lt(outages.startedAt, new Date(toMs)),
        or(isNull(outages.endedAt), gt(outages.endedAt, new Date(fromMs))),
        or(eq(outages.siteId, group.sourceSiteId), eq(outages.siteId, group.targetSiteId), link ? eq(outages.linkId, link.id) : undefined),
      ),
    )
    .orderBy(outages.startedAt)
    .all();
  const name = (id: string) => names.get(id) ?? id;
  return rows.map((r) => ({
    from: iso(r.startedAt),
    to: r.endedAt ? iso(r.endedAt) : null,
    label: r.siteId ? `Site ${name(r.siteId)} offline` : `Link ${name(pair[0])}–${name(pair[1])} down`,
  }));
}
