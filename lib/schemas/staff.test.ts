import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { adminSlaQuerySchema, defaultVdcName, maintenanceCreateSchema, maintenanceListSchema, slugField, tenantCreateSchema, tenantUpdateSchema, vdcCreateSchema, vdcUpdateSchema } from './staff';

const tenant = (over: Record<string, unknown> = {}) => ({
  name: 'Acme',
  slug: 'acme',
  connection: 'vpn',
  externalBandwidthMbps: 1000,
  interSiteBandwidthMbps: 10_000,
  monthlyChargeCents: 250_000,
  ...over,
});

describe('a tenant', () => {
  it('is stored with a lower-case slug and an upper-case currency; blank contacts are none', () => {
    expect(tenantCreateSchema.parse(tenant({ slug: ' ACME-Corp ', currency: ' gbp ', contactName: '', contactEmail: '  ', contactPhone: '+41 44 000 00 00' }))).toEqual({
      ...tenant({ slug: 'acme-corp', currency: 'GBP' }),
      contactName: null,
      contactEmail: null,
      contactPhone: '+41 44 000 00 00',
    });
  });

  it('takes no currency when none is given', () => {
    expect(tenantCreateSchema.parse(tenant({ currency: '' })).currency).toBeUndefined();
  });

  it('wants a slug of 2–40 of a-z, 0-9 and single hyphens', () => {
    expect(slugField.parse('ab')).toBe('ab');
    expect(slugField.parse('a'.repeat(40))).toBe('a'.repeat(40));
    expect(issuesOf(slugField, 'a')).toEqual([': Slug needs at least 2 characters.']);
    expect(issuesOf(slugField, 'a'.repeat(41))).toEqual([': Slug must be at most 40 characters.']);
    for (const bad of ['acme--corp', '-acme', 'acme-', 'acme corp', 'acmé']) expect(issuesOf(slugField, bad)).toEqual([': Slug may hold only a-z, 0-9 and single hyphens.']);
  });

  it('wants an ISO 4217 currency and bandwidth of 1 Mbit/s to 100 Gbit/s', () => {
    expect(issuesOf(tenantCreateSchema, tenant({ currency: 'POUND' }))).toEqual(['currency: Currency must be an ISO 4217 code such as GBP.']);
    expect(tenantCreateSchema.safeParse(tenant({ externalBandwidthMbps: 1, interSiteBandwidthMbps: 100_000 })).success).toBe(true);
    expect(issuesOf(tenantCreateSchema, tenant({ externalBandwidthMbps: 0, interSiteBandwidthMbps: 100_001 }))).toEqual([
      'externalBandwidthMbps: External bandwidth limit must be at least 1 Mbit/s.',
      'interSiteBandwidthMbps: Inter-datacentre bandwidth limit must be at most 100,000 Mbit/s.',
    ]);
  });

  it('wants a contact email that is one', () => {
    expect(issuesOf(tenantCreateSchema, tenant({ contactEmail: 'jo at example' }))).toEqual(['contactEmail: Contact email must be an email address, e.g. jo@example.com.']);
  });

  it('is updated field by field: blank is "unchanged", a blank contact is cleared, unknown fields are refused', () => {
    expect(tenantUpdateSchema.parse({ name: '', slug: '  ', status: 'suspended' })).toEqual({ status: 'suspended' });
    expect(tenantUpdateSchema.parse({ contactName: '' })).toEqual({ contactName: null });
    expect(tenantUpdateSchema.parse({ monthlyChargeCents: '0' })).toEqual({ monthlyChargeCents: 0 });
    expect(issuesOf(tenantUpdateSchema, { status: 'closed' })).toEqual(['status: Status must be one of active, suspended.']);
    expect(tenantUpdateSchema.safeParse({ id: 'ten_acme' }).success).toBe(false);
  });
});

describe('a virtual datacentre', () => {
  const vdc = { siteId: 'site_zrh', kind: 'recovery', vcpuGhz: '20', memoryGb: 64, storageGb: 2048, guaranteedIops: 100 };

  it('is named after the tenant, kind and site when staff give no name', () => {
    expect(defaultVdcName('Acme', 'recovery', 'Zurich')).toBe('Acme recovery vDC, Zurich');
    expect(vdcCreateSchema.parse({ ...vdc, name: ' ' })).toEqual({ ...vdc, vcpuGhz: 20 });
  });

  it('has positive resources and at least 100 guaranteed IOPS', () => {
    expect(issuesOf(vdcCreateSchema, { ...vdc, vcpuGhz: 0, guaranteedIops: 99 })).toEqual([
      'vcpuGhz: vCPU must be more than 0 GHz.',
      'guaranteedIops: Guaranteed IOPS must be at least 100 IOPS.',
    ]);
  });

  it('is updated field by field', () => {
    expect(vdcUpdateSchema.parse({ memoryGb: '128', storageGb: '' })).toEqual({ memoryGb: 128 });
    expect(vdcUpdateSchema.safeParse({ siteId: 'site_gva' }).success).toBe(false);
  });
});

describe('a maintenance window', () => {
  const window = { startsAt: '2026-03-01T22:00:00Z', endsAt: '2026-03-01T23:00:00Z', description: 'Core switch firmware' };

  it('covers the whole service unless a site is named', () => {
    expect(maintenanceCreateSchema.parse({ ...window, siteId: '' })).toEqual({ siteId: null, startsAt: new Date(window.startsAt), endsAt: new Date(window.endsAt), description: window.description });
    expect(maintenanceCreateSchema.parse({ ...window, siteId: 'site_zrh' }).siteId).toBe('site_zrh');
  });

  it('ends after it starts: an empty window is refused, on endsAt', () => {
    expect(maintenanceCreateSchema.safeParse({ ...window, endsAt: '2026-03-01T22:00:01Z' }).success).toBe(true);
    expect(issuesOf(maintenanceCreateSchema, { ...window, endsAt: window.startsAt })).toEqual(['endsAt: End time must be after the start time.']);
    expect(issuesOf(maintenanceCreateSchema, { ...window, endsAt: '2026-03-01T21:00:00Z' })).toEqual(['endsAt: End time must be after the start time.']);
  });

  it('lists all windows unless told upcoming or past', () => {
    expect(maintenanceListSchema.parse({})).toEqual({ when: 'all' });
    expect(issuesOf(maintenanceListSchema, { when: 'soon' })).toEqual(['when: when must be upcoming, past or all.']);
  });
});

describe('the provider’s SLA export', () => {
  it('is JSON for the current month unless asked otherwise', () => {
    expect(adminSlaQuerySchema.parse({})).toEqual({ format: 'json' });
    expect(adminSlaQuerySchema.parse({ month: '', format: 'csv' })).toEqual({ format: 'csv' });
    expect(adminSlaQuerySchema.parse({ month: '2026-02' })).toEqual({ month: '2026-02', format: 'json' });
    expect(issuesOf(adminSlaQuerySchema, { format: 'xlsx' })).toEqual(['format: format must be json or csv.']);
  });
});
