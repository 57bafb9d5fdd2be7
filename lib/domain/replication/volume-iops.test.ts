import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { protectionGroups, rpoSamples, sites, storageVolumes } from '@/db/schema';
import { ForbiddenError } from '@/lib/core/errors';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { volumeIopsSeries } from './volume-iops';

const NOW = Date.parse('2025-06-10T00:00:00Z');
let db: DB;
beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
});

describe('volumeIopsSeries', () => {
  it('sums the IOPS of the tenant’s groups recovering to each volume’s site, per 5 minutes, with the cap a degraded site leaves', () => {
    const groups = db.select().from(protectionGroups).where(eq(protectionGroups.tenantId, 'ten_acme')).all();
    const site = groups[0].targetSiteId;
    const here = groups.filter((g) => g.targetSiteId === site);
    for (const g of here) {
      for (let m = 0; m < 4; m++) db.insert(rpoSamples).values({ groupId: g.id, tier: 1, timeMs: NOW - 600_000 + m * 150_000, rpoSeconds: 5, throughputMBps: 1, wanMBps: 1, writeIops: 32, appliedIops: 30 }).run();
    }
    db.update(sites).set({ storageIopsPercent: 50 }).where(eq(sites.id, site)).run();
    const series = volumeIopsSeries(db, STAFF, 'ten_acme', NOW);
    const vol = series.find((v) => v.siteId === site)!;
    const stored = db.select().from(storageVolumes).where(eq(storageVolumes.id, vol.volumeId)).get()!;
    expect(vol).toMatchObject({ guaranteedIops: stored.guaranteedIops, effectiveIops: Math.round(stored.guaranteedIops / 2), groupCount: here.length });
    expect(vol.points).toEqual([
      { time: new Date(NOW - 600_000).toISOString(), writeIops: 32 * here.length, appliedIops: 30 * here.length },
      { time: new Date(NOW - 300_000).toISOString(), writeIops: 32 * here.length, appliedIops: 30 * here.length },
    ]);
  });

  it('is for staff only', () => {
    expect(() => volumeIopsSeries(db, ACME_ADMIN, 'ten_acme', NOW)).toThrow(ForbiddenError);
  });
});
