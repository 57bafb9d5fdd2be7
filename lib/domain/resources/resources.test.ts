/**
 * The Resources page's use cases: who may read, whose tenant, bad input; the figures of the seed
 * worked by hand; staff setting the unit prices the price is computed with.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { auditLog, protectionGroups, rpoSamples, tenants, vdcs, vmDisks } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { getGroupStorage, getResources, setUnitPrices, tenantPriceEstimates } from './resources';

let db: DB;
beforeEach(async () => {
  db = await seededTestDb();
});

const fail = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { status: number; extra: { errors?: { field: string }[] } };
  }
  throw new Error('did not fail');
};

describe('getResources', () => {
  it('shows Acme\'s recovery sites with reserved and used figures, and storage per group', () => {
    const r = getResources(db, ACME_ADMIN);
    expect(r.tenant).toEqual({ id: 'ten_acme', name: 'Acme Insurance', currency: 'GBP' });
    expect(r.sites.map((s) => s.siteName)).toEqual(['Guernsey', 'Jersey', 'Zurich']);
    const guernsey = r.sites[0];
    // File and backup: 100 + 1,500 + 100 + 2,000 GB of replica; 8.4 MB/s × 72 h is 2,126 GB, capped at the 300 GB limit.
    // Not measured by the engine yet (no sample, zeros): the estimate from the mean write rate, said so.
    expect(guernsey.groups).toEqual([{ id: 'grp_acme_file', name: 'File and backup', replicaGb: 3700, journalGb: 300, totalGb: 4000, writeIops: 134, appliedIops: null, iopsLimited: false }]);
    expect(guernsey.iopsSource).toBe('estimate');
    expect(guernsey.vdc).toMatchObject({ ghz: { reserved: 24, used: 0 }, memoryGb: { reserved: 96, used: 0 }, storageGb: { reserved: 10000, used: 4000 }, iops: { reserved: 5000, used: 134 } });
    // The Guernsey volume holds only the recovery vDC (10,000 GB) and no production VM.
    expect(guernsey.volume).toMatchObject({ name: 'acme-guernsey-ssd01', sizeGb: 10000, usedGb: 4000, productionGb: 0 });
    const jersey = r.sites[1];
    // Policy database 2,541.6 GB; the volume also holds file-01 and bkp-01 running there (3,700 GB).
    expect(jersey.vdc?.storageGb).toEqual({ reserved: 6000, used: 2541.6 });
    expect(jersey.volume).toMatchObject({ sizeGb: 14000, usedGb: 6241.6, productionGb: 3700 });
  });

  it('prices 20 % of the protected VMs\' usage at the tenant\'s unit prices', () => {
    const { price } = getResources(db, ACME_ADMIN);
    // 9 protected VMs (jump-01 and test-01 are not): 81.6 GHz, 200 GB memory, 6,740 GB disks.
    expect(price.vmCount).toBe(9);
    expect(price.usage).toEqual({ vcpuGhz: 81.6, memoryGb: 200, storageGb: 6740 });
    // 16.32 GHz × 1,500 p = 24,480 p; 40 GB × 500 p = 20,000 p; 1,348 GB × 15 p = 20,220 p.
    expect(price.lines.map((l) => [l.units, l.monthlyCents])).toEqual([[16.32, 24480], [40, 20000], [1348, 20220]]);
    expect(price.monthlyCents).toBe(64700);
  });

  it('refuses users (403), hides other tenants (404), and names a bad tenantId (400)', () => {
    expect(fail(() => getResources(db, ACME_USER)).status).toBe(403);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'denied:resources:read')).all()).toHaveLength(1);
    expect(fail(() => getResources(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' })).status).toBe(404);
    expect(fail(() => getResources(db, STAFF, { tenantId: 'ten_nope' })).status).toBe(404);
    const bad = fail(() => getResources(db, STAFF, { tenantId: 'bad id!' }));
    expect(bad.status).toBe(400);
    expect(bad.extra.errors?.[0].field).toBe('tenantId');
    expect(fail(() => getResources(db, STAFF)).extra.errors?.[0].field).toBe('tenantId');
    expect(getResources(db, STAFF, { tenantId: 'ten_globex' }).tenant.name).toBe('Globex Logistics');
  });
});

describe("getResources' IOPS: the engine's figures per volume", () => {
  it('takes each group\'s write and applied IOPS from the engine and sums them per volume; IOPS-limited shows', () => {
    db.update(protectionGroups).set({ writeIops: 6200.4, appliedIops: 5000, limitReason: 'iops-limited' }).where(eq(protectionGroups.id, 'grp_acme_file')).run();
    const guernsey = getResources(db, ACME_ADMIN).sites.find((s) => s.siteName === 'Guernsey')!;
    expect(guernsey.groups[0]).toMatchObject({ writeIops: 6200, appliedIops: 5000, iopsLimited: true });
    expect(guernsey.iopsSource).toBe('engine');
    expect(guernsey.vdc?.iops).toEqual({ reserved: 5000, used: 6200 });
    expect(guernsey.volume).toMatchObject({ writeIops: 6200, appliedIops: 5000 });
  });

  it('an idle group the engine has sampled shows its zeros, not the estimate', () => {
    db.insert(rpoSamples).values({ groupId: 'grp_acme_file', tier: 0, timeMs: Date.parse('2025-03-12T09:59:55Z'), rpoSeconds: 5, throughputMBps: 0, wanMBps: 0, writeIops: 0, appliedIops: 0 }).run();
    const guernsey = getResources(db, ACME_ADMIN).sites.find((s) => s.siteName === 'Guernsey')!;
    expect(guernsey.groups[0]).toMatchObject({ writeIops: 0, appliedIops: 0, iopsLimited: false });
    expect(guernsey.iopsSource).toBe('engine');
  });

  it('a user may not read resources (403); another tenant id is 404 for a client administrator', () => {
    expect(fail(() => getResources(db, ACME_USER)).status).toBe(403);
    expect(fail(() => getResources(db, ACME_ADMIN, { tenantId: 'ten_globex' })).status).toBe(404);
  });
});

describe('setUnitPrices', () => {
  it('lets staff set a tenant\'s prices, audited, and the estimate follows', () => {
    expect(setUnitPrices(db, STAFF, 'ten_acme', { vcpuGhz: 1000, memoryGb: 400, storageGb: 10 })).toEqual({ vcpuGhz: 1000, memoryGb: 400, storageGb: 10 });
    // 16.32 × 1,000 = 16,320; 40 × 400 = 16,000; 1,348 × 10 = 13,480: 45,800 p.
    expect(getResources(db, ACME_ADMIN).price.monthlyCents).toBe(45800);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'tenant.pricing')).all()).toEqual([expect.objectContaining({ tenantId: 'ten_acme', actorRole: 'staff' })]);
  });

  it('refuses clients (403), unknown tenants (404) and bad prices (400 naming the field), changing nothing', () => {
    expect(fail(() => setUnitPrices(db, ACME_ADMIN, 'ten_acme', { vcpuGhz: 1, memoryGb: 1, storageGb: 1 })).status).toBe(403);
    expect(fail(() => setUnitPrices(db, STAFF, 'ten_nope', { vcpuGhz: 1, memoryGb: 1, storageGb: 1 })).status).toBe(404);
    const bad = fail(() => setUnitPrices(db, STAFF, 'ten_acme', { vcpuGhz: 1.5, memoryGb: -1, storageGb: 1 }));
    expect(bad.status).toBe(400);
    expect(bad.extra.errors?.map((e) => e.field)).toEqual(['vcpuGhz', 'memoryGb']);
    expect(db.select({ p: tenants.priceGhzCents }).from(tenants).where(eq(tenants.id, 'ten_acme')).get()?.p).toBe(1500);
  });
});

describe('tenantPriceEstimates (the staff Pricing page)', () => {
  it("gives staff every tenant's unit prices and the estimate its Resources page shows; clients 403", () => {
    const all = tenantPriceEstimates(db, STAFF);
    const acme = all.find((t) => t.tenantId === 'ten_acme')!;
    expect(acme).toMatchObject({ currency: 'GBP', unitPrices: { vcpuGhz: 1500 } });
    expect(acme.estimate.monthlyCents).toBe(getResources(db, ACME_ADMIN).price.monthlyCents);
    setUnitPrices(db, STAFF, 'ten_acme', { vcpuGhz: 1000, memoryGb: 400, storageGb: 10 });
    expect(tenantPriceEstimates(db, STAFF).find((t) => t.tenantId === 'ten_acme')!.estimate.monthlyCents).toBe(45800);
    expect(fail(() => tenantPriceEstimates(db, ACME_ADMIN)).status).toBe(403);
    expect(fail(() => tenantPriceEstimates(db, ACME_USER)).status).toBe(403);
  });
});

describe('getGroupStorage', () => {
  it('shows any role of the tenant the group\'s replica and journal and the pools with it included; another tenant gets 404', () => {
    const s = getGroupStorage(db, ACME_USER, 'grp_acme_sql');
    expect(s).toMatchObject({ replicaGb: 2280, journalGb: 261.6, totalGb: 2541.6 });
    expect(s.pools).toEqual([
      expect.objectContaining({ kind: 'vdc', capacityGb: 6000, usedGb: 2541.6 }),
      expect.objectContaining({ kind: 'volume', capacityGb: 14000, usedGb: 6241.6 }),
    ]);
    expect(fail(() => getGroupStorage(db, GLOBEX_ADMIN, 'grp_acme_sql')).status).toBe(404);
  });
});

describe('getGroupStorage, cached on the configuration version', () => {
  it('keeps one read through the simulator\'s writes, and shows a configuration change in the next read', () => {
    const a = getGroupStorage(db, ACME_USER, 'grp_acme_sql');
    db.update(protectionGroups).set({ status: 'rpo-not-met', journalUsedGb: 10, writeIops: 40, updatedAt: new Date() }).where(eq(protectionGroups.id, 'grp_acme_sql')).run();
    expect(getGroupStorage(db, ACME_USER, 'grp_acme_sql')).toBe(a);
    // A member's disk grows by 100 GB: the replica, and both pools, by as much.
    const disk = db.select().from(vmDisks).where(eq(vmDisks.vmId, 'vm_acme_sql_01')).all()[0];
    db.update(vmDisks).set({ sizeGb: disk.sizeGb + 100 }).where(eq(vmDisks.id, disk.id)).run();
    const b = getGroupStorage(db, ACME_USER, 'grp_acme_sql');
    expect(b).toMatchObject({ replicaGb: a.replicaGb + 100, totalGb: Math.round((a.totalGb + 100) * 10) / 10 });
    expect(b.pools.map((p) => p.usedGb)).toEqual(a.pools.map((p) => Math.round((p.usedGb + 100) * 10) / 10));
    // Staff resize the recovery vDC; the journal setting changes.
    db.update(vdcs).set({ storageGb: 7000 }).where(eq(vdcs.id, b.pools[0].id)).run();
    expect(getGroupStorage(db, ACME_USER, 'grp_acme_sql').pools[0].capacityGb).toBe(7000);
    db.update(protectionGroups).set({ journalHistoryHours: 1 }).where(eq(protectionGroups.id, 'grp_acme_sql')).run();
    expect(getGroupStorage(db, ACME_USER, 'grp_acme_sql').journalGb).toBeLessThan(b.journalGb);
  });
});
