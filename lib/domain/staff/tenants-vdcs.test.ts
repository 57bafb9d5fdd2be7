import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, storageVolumes, vdcs } from '@/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { tenantPricing } from './pricing-report';
import { createTenant, getTenantDetail, listTenants, updateTenant } from './tenants';
import { createVdc, deleteVdc, updateVdc } from './vdcs';

let db: DB;
beforeEach(async () => {
  db = await seededTestDb(new Date('2025-03-12T10:00:00Z'));
});

const newTenant = { name: 'Initech', slug: 'initech', connection: 'p2p', externalBandwidthMbps: 300, interSiteBandwidthMbps: 150, monthlyChargeCents: 900_000 };
const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('tenants', () => {
  it('lets staff create a tenant, audited', async () => {
    const t = await createTenant(db, STAFF, newTenant);
    expect(t).toMatchObject({ slug: 'initech', connection: 'p2p', status: 'active', currency: 'GBP' });
    expect(listTenants(db, STAFF).map((x) => x.slug)).toContain('initech');
    expect(auditOf('tenant.create')[0]).toMatchObject({ actorId: STAFF.userId, tenantId: t.id, targetId: t.id });
  });

  it('refuses a taken slug with 409', async () => {
    await expect(createTenant(db, STAFF, { ...newTenant, slug: 'acme' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('names the field of an invalid input', async () => {
    const err = await createTenant(db, STAFF, { ...newTenant, connection: 'carrier-pigeon', slug: 'Bad Slug' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors.map((e) => e.field).sort()).toEqual(['connection', 'slug']);
  });

  it('forbids client roles before looking at the body (and audits the refusal)', async () => {
    await expect(createTenant(db, ACME_ADMIN, {})).rejects.toBeInstanceOf(ForbiddenError);
    expect(() => listTenants(db, ACME_USER)).toThrow(ForbiddenError);
    expect(auditOf('denied:tenants:manage').length).toBe(2);
  });

  it('suspends and reactivates, with the change in the audit trail', () => {
    expect(updateTenant(db, STAFF, 'ten_acme', { status: 'suspended' }).status).toBe('suspended');
    expect(auditOf('tenant.suspend')[0].details).toEqual({ changes: { status: { from: 'active', to: 'suspended' } } });
    updateTenant(db, STAFF, 'ten_acme', { status: 'active', interSiteBandwidthMbps: 250 });
    expect(auditOf('tenant.reactivate')).toHaveLength(1);
  });

  it('answers 404 for an unknown tenant and 409 for a slug clash on edit', () => {
    expect(() => updateTenant(db, STAFF, 'ten_nope', { name: 'x' })).toThrow(NotFoundError);
    expect(() => updateTenant(db, STAFF, 'ten_acme', { slug: 'globex' })).toThrow(ConflictError);
  });

  it('shows the detail with vDCs and dedicated volumes', () => {
    const d = getTenantDetail(db, STAFF, 'ten_acme');
    expect(d.vdcs).toHaveLength(5);
    expect(d.storageVolumes.map((v) => v.siteId).sort()).toEqual(['guernsey', 'jersey', 'london', 'zurich']);
    expect(d.groupCount).toBe(3);
  });
});

describe('vDCs', () => {
  it('creates a vDC and its dedicated storage volume', async () => {
    const t = await createTenant(db, STAFF, newTenant);
    const v = createVdc(db, STAFF, t.id, { siteId: 'toronto', kind: 'production', vcpuGhz: 40, memoryGb: 128, storageGb: 4000, guaranteedIops: 5000 });
    expect(v.name).toBe('Initech production vDC, Toronto');
    const vol = db.select().from(storageVolumes).where(eq(storageVolumes.tenantId, t.id)).get();
    expect(vol).toMatchObject({ siteId: 'toronto', name: 'initech-toronto-ssd01', sizeGb: 4000, guaranteedIops: 5000, media: 'ssd' });
  });

  it('keeps one vDC per tenant, site and kind', () => {
    expect(() => createVdc(db, STAFF, 'ten_acme', { siteId: 'london', kind: 'production', vcpuGhz: 1, memoryGb: 1, storageGb: 1, guaranteedIops: 100 })).toThrow(ConflictError);
  });

  it('refuses to promise more than the site holds', () => {
    const err = (() => {
      try {
        createVdc(db, STAFF, 'ten_acme', { siteId: 'bermuda', kind: 'recovery', vcpuGhz: 5000, memoryGb: 10, storageGb: 10, guaranteedIops: 100 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/Bermuda cannot hold/);
  });

  it('resizes, resyncs the volume and audits the change', () => {
    updateVdc(db, STAFF, 'ten_acme', 'vdc_acme_london_production', { storageGb: 14_000 });
    expect(db.select().from(storageVolumes).where(eq(storageVolumes.id, 'vol_acme_london')).get()?.sizeGb).toBe(14_000);
    expect(auditOf('vdc.update')[0].details).toEqual({ changes: { storageGb: { from: 12_000, to: 14_000 } } });
  });

  it("answers 404 for another tenant's vDC", () => {
    expect(() => updateVdc(db, STAFF, 'ten_acme', 'vdc_globex_toronto_production', { vcpuGhz: 1 })).toThrow(NotFoundError);
  });

  it('will not delete a vDC that VMs or groups rely on', () => {
    expect(() => deleteVdc(db, STAFF, 'ten_acme', 'vdc_acme_london_production')).toThrow(/VMs still run/);
    expect(() => deleteVdc(db, STAFF, 'ten_acme', 'vdc_acme_zurich_recovery')).toThrow(/failover reservation/);
  });

  it('deletes an unused vDC and the volume it alone backed', async () => {
    const t = await createTenant(db, STAFF, newTenant);
    const v = createVdc(db, STAFF, t.id, { siteId: 'zurich', kind: 'recovery', vcpuGhz: 10, memoryGb: 32, storageGb: 500, guaranteedIops: 1000 });
    deleteVdc(db, STAFF, t.id, v.id);
    expect(db.select().from(vdcs).where(eq(vdcs.tenantId, t.id)).all()).toHaveLength(0);
    expect(db.select().from(storageVolumes).where(and(eq(storageVolumes.tenantId, t.id), eq(storageVolumes.siteId, 'zurich'))).get()).toBeUndefined();
    expect(auditOf('vdc.delete')).toHaveLength(1);
  });
});

describe('pricing', () => {
  it('prices each tenant recovery vDC at 20% of its production vDCs', () => {
    const acme = tenantPricing(db, STAFF).find((p) => p.tenantId === 'ten_acme')!;
    expect(acme.production).toEqual({ vcpuGhz: 160, memoryGb: 672, storageGb: 20_000 });
    expect(acme.recoveryReserved).toEqual({ vcpuGhz: 148, memoryGb: 544, storageGb: 24_000 });
    expect(acme.lines.map((l) => l.recoveryPriceUnits)).toEqual([32, 134.4, 4_000]);
  });

  it('is staff only', () => {
    expect(() => tenantPricing(db, ACME_ADMIN)).toThrow(ForbiddenError);
  });
});
