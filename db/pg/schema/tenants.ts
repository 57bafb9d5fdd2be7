import { pgTable, text, integer, doublePrecision, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { sites } from './sites';
import { CONNECTION_OPTIONS, TENANT_STATUSES, VDC_KINDS } from '../../../lib/schemas/tenants';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  status: text('status', { enum: TENANT_STATUSES }).notNull().default('active'),
  connection: text('connection', { enum: CONNECTION_OPTIONS }).notNull().default('portal'),
  externalBandwidthMbps: integer('external_bandwidth_mbps').notNull(),
  interSiteBandwidthMbps: integer('inter_site_bandwidth_mbps').notNull(),
  /** Monthly charge in minor currency units (pence), the base of service credits. */
  monthlyChargeCents: integer('monthly_charge_cents').notNull(),
  currency: text('currency').notNull().default('GBP'),
  /** Unit prices staff set per tenant, per month in minor units: per GHz, per GB of memory, per GB of storage. */
  priceGhzCents: integer('price_ghz_cents').notNull().default(1500),
  priceMemoryGbCents: integer('price_memory_gb_cents').notNull().default(500),
  priceStorageGbCents: integer('price_storage_gb_cents').notNull().default(15),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  /** Four-eyes approval (issue 17): live failovers, moves and failbacks wait for a second administrator. */
  liveFailoverApproval: flag('live_failover_approval').notNull().default(false),
  /** Real (wall-clock) minutes an approval request waits before it expires. */
  approvalTimeoutMinutes: integer('approval_timeout_minutes').notNull().default(30),
  /** Provider staff may approve too (they always count as requesters). */
  providerMayApprove: flag('provider_may_approve').notNull().default(false),
  createdAt: timestamp('created_at').notNull(),
});

/** A virtual datacentre of a tenant at a site: its reserved resources. */
export const vdcs = pgTable(
  'vdcs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull().references(() => sites.id),
    kind: text('kind', { enum: VDC_KINDS }).notNull(),
    name: text('name').notNull(),
    vcpuGhz: doublePrecision('vcpu_ghz').notNull(),
    memoryGb: doublePrecision('memory_gb').notNull(),
    storageGb: doublePrecision('storage_gb').notNull(),
    guaranteedIops: integer('guaranteed_iops').notNull(),
  },
  (t) => [uniqueIndex('vdcs_tenant_site_kind_uq').on(t.tenantId, t.siteId, t.kind), index('vdcs_site_idx').on(t.siteId)],
);

/** The dedicated, all-SSD storage volume of a client at a site. */
export const storageVolumes = pgTable(
  'storage_volumes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull().references(() => sites.id),
    name: text('name').notNull(),
    sizeGb: doublePrecision('size_gb').notNull(),
    guaranteedIops: integer('guaranteed_iops').notNull(),
    media: text('media').notNull().default('ssd'),
  },
  (t) => [index('storage_volumes_tenant_idx').on(t.tenantId, t.siteId)],
);
