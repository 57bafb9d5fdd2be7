/**
 * A degraded site on the dashboard (the tenant's groups on it, nobody else's) and in the
 * forecast (hosts down and slower storage lengthen the planned RTO).
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { sites } from '@/db/schema';
import { loadGroupForOperation } from '@/lib/domain/operations/operation-plan';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { getTenantDegradedSites } from './degraded-sites';
import { forecastGroup, siteDegradationSlowdown } from './forecast';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
let db: DB;
beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
});
const degrade = (id: string, storageIopsPercent: number, hostsDown: number) =>
  db.update(sites).set({ status: 'degraded', storageIopsPercent, hostsDown }).where(eq(sites.id, id)).run();

describe('degraded sites', () => {
  it('the dashboard lists a degraded site with the tenant’s own groups on it only', () => {
    expect(getTenantDegradedSites(db, ACME_USER)).toEqual([]);
    const web = loadGroupForOperation(db, ACME_ADMIN, 'grp_acme_web');
    degrade(web.targetSiteId, 50, 2);
    const mine = getTenantDegradedSites(db, ACME_USER);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ siteId: web.targetSiteId, storageIopsPercent: 50, hostsDown: 2, hostsTotal: 8 });
    expect(mine[0].groups.find((g) => g.id === 'grp_acme_web')).toMatchObject({ role: 'target' });
    for (const s of getTenantDegradedSites(db, GLOBEX_ADMIN)) for (const g of s.groups) expect(g.id.startsWith('grp_globex')).toBe(true);
  });

  it('the forecast adds the degraded site’s time: hosts down and slower storage', () => {
    const group = loadGroupForOperation(db, ACME_ADMIN, 'grp_acme_web');
    const healthy = forecastGroup(db, group, NOW);
    expect(healthy).toMatchObject({ degradedSeconds: 0, toSiteDegraded: false });
    degrade(group.targetSiteId, 50, 4); // 8/4 = 2× hosts, 1.25× storage: 2.5× the plan
    const slow = forecastGroup(db, group, NOW);
    expect(slow.toSiteDegraded).toBe(true);
    expect(slow.degradedSeconds).toBe(Math.round(healthy.plannedRtoSeconds * 1.5));
    expect(slow.predictedRtoSeconds).toBe(healthy.predictedRtoSeconds + slow.degradedSeconds);
    expect(siteDegradationSlowdown(db, group.targetSiteId, 100)).toEqual({ degraded: true, seconds: 150, factor: 2.5 });
  });
});
