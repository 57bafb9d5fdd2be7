/**
 * IOPS over time per recovery volume: the sum of the write and applied IOPS of the tenant's
 * groups replicating to the volume's site (the groups the volume's guarantee caps), from the
 * 2.5-minute samples (tier 1) bucketed to 5 minutes (the last 24 h: 288 points a volume). Staff only.
 */
import 'server-only';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups, RPO_TIERS, rpoSamples, sites, storageVolumes } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { iso } from '@/lib/domain/core/clock';

export type VolumeIopsDto = {
  volumeId: string;
  name: string;
  siteId: string;
  guaranteedIops: number;
  /** What the site's storage delivers now of the guarantee (a degraded site less). */
  effectiveIops: number;
  groupCount: number;
  points: { time: string; writeIops: number; appliedIops: number }[];
};

const BUCKET_MS = 5 * 60_000;
const TIER = 1;
/** Samples of the tier in one bucket (2): the per-group mean is their sum over this. */
const PER_BUCKET = BUCKET_MS / RPO_TIERS[TIER].stepMs;

export function volumeIopsSeries(db: Executor, actor: Actor, tenantId: string, nowMs: number, rangeMs = 24 * 3600_000): VolumeIopsDto[] {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  const volumes = db.select().from(storageVolumes).where(eq(storageVolumes.tenantId, tenantId)).orderBy(asc(storageVolumes.name)).all();
  const percent = new Map(db.select({ id: sites.id, p: sites.storageIopsPercent }).from(sites).all().map((s) => [s.id, s.p]));
  const groups = db.select({ id: protectionGroups.id, target: protectionGroups.targetSiteId }).from(protectionGroups).where(eq(protectionGroups.tenantId, tenantId)).all();
  return volumes.map((v) => {
    const ids = groups.filter((g) => g.target === v.siteId).map((g) => g.id);
    const rows = ids.length
      ? db
          .select({
            bucket: sql<number>`(${rpoSamples.timeMs} / ${sql.raw(String(BUCKET_MS))}) * ${sql.raw(String(BUCKET_MS))}`,
            // Per group the mean over the bucket, then summed over the groups.
            writeIops: sql<number>`sum(${rpoSamples.writeIops}) * 1.0 / (${sql.raw(String(PER_BUCKET))})`,
            appliedIops: sql<number>`sum(${rpoSamples.appliedIops}) * 1.0 / (${sql.raw(String(PER_BUCKET))})`,
          })
          .from(rpoSamples)
          .where(and(inArray(rpoSamples.groupId, ids), eq(rpoSamples.tier, TIER), gte(rpoSamples.timeMs, nowMs - rangeMs)))
          .groupBy(sql`1`)
          .orderBy(sql`1`)
          .all()
      : [];
    const round = (n: number) => Math.round(Number(n) * 10) / 10;
    return {
      volumeId: v.id, name: v.name, siteId: v.siteId, guaranteedIops: v.guaranteedIops,
      effectiveIops: Math.round((v.guaranteedIops * (percent.get(v.siteId) ?? 100)) / 100), groupCount: ids.length,
      points: rows.map((r) => ({ time: iso(Number(r.bucket)), writeIops: round(r.writeIops), appliedIops: round(r.appliedIops) })),
    };
  });
}
