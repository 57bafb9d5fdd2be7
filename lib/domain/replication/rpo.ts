import 'server-only';
import { and, asc, between, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { RPO_TIERS, protectionGroups, rpoSamples, sites, storageVolumes } from '@/db/schema';
import { rpoQuerySchema } from '@/lib/schemas/rpo';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { iso, simNow } from '@/lib/domain/core/clock';
import type { RecoveryVolumeDto, RpoPointDto, RpoSeriesDto } from '@/lib/domain/core/dto';
import { ValidationError } from '@/lib/core/errors';
import { groupOutages } from './group-outages';
import { findGroupInScope } from '@/lib/domain/groups/group-in-scope';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { parseInput } from '@/lib/domain/core/validate';

/** Most points a series returns (a chart is ~1,000 px wide). */
export const MAX_POINTS = 1000;
/** Most rows one series may read; beyond it the next, coarser tier is read. */
export const MAX_ROWS_READ = 2_000;
const DAY_MS = 24 * 3600_000;

type Tier = (typeof RPO_TIERS)[number];

/**
 * Which tier to read and how to bucket it: the finest tier that still holds the whole range
 * (retention) and whose rows for the range stay within the read budget, estimated from the
 * tier's step (the runtime writes one row per step, so no count query is needed). When that tier
 * has more than MAX_POINTS rows they are bucketed (worst RPO, mean traffic). 1 h → 5 s rows,
 * 24 h → 2.5 min (576 rows, read as they are), 7 d → 15 min (672), 30 d → 1 h (720). Pure, for unit tests.
 */
export function planSeries(fromMs: number, toMs: number, nowMs: number): { tier: Tier; bucketMs: number | null; estimatedRows: number } {
  const rowsIn = (t: Tier) => Math.ceil((Math.min(toMs, nowMs) - Math.max(fromMs, nowMs - t.keepMs)) / t.stepMs);
  const covering = RPO_TIERS.filter((t) => fromMs >= nowMs - t.keepMs - t.stepMs);
  const candidates = covering.length ? covering : [RPO_TIERS[RPO_TIERS.length - 1]];
  const tier = candidates.find((t) => rowsIn(t) <= MAX_ROWS_READ) ?? candidates[candidates.length - 1];
  const estimatedRows = Math.max(0, rowsIn(tier));
  if (estimatedRows <= MAX_POINTS) return { tier, bucketMs: null, estimatedRows };
  const bucketMs = Math.ceil((toMs - fromMs) / MAX_POINTS / tier.stepMs) * tier.stepMs;
  return { tier, bucketMs, estimatedRows };
}

/** GET /groups/{id}/rpo: actual RPO and traffic over a range (default: the last 24 h, simulated clock). */
export async function rpoSeries(db: Executor, actor: Actor, groupId: string, query: { from?: string; to?: string } = {}): Promise<RpoSeriesDto> {
  authorize(db, actor, 'tenant:read', { type: 'protection-group', id: groupId });
  const group = findGroupInScope(db, actor, groupId);
  const q = parseInput(rpoQuerySchema, query);
  const nowMs = await simNow();
  const toMs = q.to?.getTime() ?? (q.from ? Math.max(nowMs, q.from.getTime() + 1) : nowMs);
  const fromMs = q.from?.getTime() ?? toMs - DAY_MS;
  if (fromMs >= toMs) throw new ValidationError([{ field: 'from', message: 'from must be before to.' }]);

  const inRange = and(eq(rpoSamples.groupId, groupId), between(rpoSamples.timeMs, fromMs, toMs));
  const { tier, bucketMs } = planSeries(fromMs, toMs, nowMs);
  const where = and(inRange, eq(rpoSamples.tier, tier.tier));

  // Samples sit on multiples of their tier's step, so every range with the same first and last
  // step reads the same rows: those requests (a chart polled by many browsers, scripts) share
  // one read until the database changes.
  const key = `rpo:${groupId}:${tier.tier}:${Math.ceil(fromMs / tier.stepMs)}:${Math.floor(toMs / tier.stepMs)}:${bucketMs ?? 0}`;
  const points = cachedRead(db, key, () => readPoints(db, where, bucketMs));
  return { points, tier: tier.tier, targetSeconds: group.rpoTargetSeconds, from: iso(fromMs), to: iso(toMs), outages: groupOutages(db, group, fromMs, toMs), volume: recoveryVolume(db, group.tenantId, group.targetSiteId), limitReason: limitReasonOf(db, groupId) };
}

function readPoints(db: Executor, where: SQL | undefined, bucketMs: number | null): RpoPointDto[] {
  const rows = bucketMs
    ? db
        .select({
          timeMs: sql<number>`min(${rpoSamples.timeMs})`,
          rpoSeconds: sql<number>`max(${rpoSamples.rpoSeconds})`,
          throughputMBps: sql<number>`avg(${rpoSamples.throughputMBps})`,
          wanMBps: sql<number>`avg(${rpoSamples.wanMBps})`,
          writeIops: sql<number>`avg(${rpoSamples.writeIops})`,
          appliedIops: sql<number>`avg(${rpoSamples.appliedIops})`,
        })
        .from(rpoSamples)
        .where(where)
        // bucketMs is an integer computed here, never user text; inlined so the division stays integral.
        .groupBy(sql`${rpoSamples.timeMs} / ${sql.raw(String(Math.floor(bucketMs)))}`)
        .orderBy(sql`1`)
        .all()
    : db
        .select({ timeMs: rpoSamples.timeMs, rpoSeconds: rpoSamples.rpoSeconds, throughputMBps: rpoSamples.throughputMBps, wanMBps: rpoSamples.wanMBps, writeIops: rpoSamples.writeIops, appliedIops: rpoSamples.appliedIops })
        .from(rpoSamples)
        .where(where)
        .orderBy(asc(rpoSamples.timeMs))
        .all();

  const round = (n: number, digits: number) => Math.round(Number(n) * 10 ** digits) / 10 ** digits;
  return rows.map((r) => ({ time: iso(Number(r.timeMs)), rpoSeconds: round(r.rpoSeconds, 1), throughputMBps: round(r.throughputMBps, 3), wanMBps: round(r.wanMBps, 3), writeIops: round(r.writeIops, 1), appliedIops: round(r.appliedIops, 1) }));
}

/** The group's current limit reason as the runtime last wrote it (iops-limited, bandwidth-limited, link-congested). */
function limitReasonOf(db: Executor, groupId: string) {
  return db.select({ r: protectionGroups.limitReason }).from(protectionGroups).where(eq(protectionGroups.id, groupId)).get()?.r ?? null;
}

/**
 * The tenant's storage volume(s) at a site, as the engine caps replication with them: guaranteed
 * IOPS summed, and what a degraded site's storage still delivers of them.
 */
export function recoveryVolume(db: Executor, tenantId: string, siteId: string): RecoveryVolumeDto | null {
  const rows = db.select({ name: storageVolumes.name, iops: storageVolumes.guaranteedIops }).from(storageVolumes)
    .where(and(eq(storageVolumes.tenantId, tenantId), eq(storageVolumes.siteId, siteId))).orderBy(asc(storageVolumes.name)).all();
  if (rows.length === 0) return null;
  const percent = db.select({ p: sites.storageIopsPercent }).from(sites).where(eq(sites.id, siteId)).get()?.p ?? 100;
  const guaranteedIops = rows.reduce((a, r) => a + r.iops, 0);
  return { name: rows.map((r) => r.name).join(', '), siteId, guaranteedIops, effectiveIops: Math.round((guaranteedIops * percent) / 100), storageIopsPercent: percent };
}
