import { pgTable, text, integer, doublePrecision, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { SITE_STATUSES } from '../../../lib/schemas/sites';

/** A provider datacentre. Ids are the short names of shared/API.md (`jersey`, `london`, ...). */
export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  timezone: text('timezone').notNull(),
  status: text('status', { enum: SITE_STATUSES }).notNull().default('online'),
  /** Physical capacity used by the staff console to show load. */
  capacityVcpuGhz: doublePrecision('capacity_vcpu_ghz').notNull(),
  capacityMemoryGb: doublePrecision('capacity_memory_gb').notNull(),
  capacityStorageGb: doublePrecision('capacity_storage_gb').notNull(),
  /**
   * Degradation set by staff (status 'degraded' while either applies): the share of its storage
   * IOPS the site still delivers, and how many of its hosts are down (less recovery capacity).
   */
  storageIopsPercent: integer('storage_iops_percent').notNull().default(100),
  hostsTotal: integer('hosts_total').notNull().default(8),
  hostsDown: integer('hosts_down').notNull().default(0),
});

/** An inter-site link; one row per unordered pair (siteA < siteB). */
export const siteLinks = pgTable(
  'site_links',
  {
    id: text('id').primaryKey(),
    siteAId: text('site_a_id').notNull().references(() => sites.id),
    siteBId: text('site_b_id').notNull().references(() => sites.id),
    latencyMs: integer('latency_ms').notNull(),
    capacityMbps: integer('capacity_mbps').notNull(),
    up: flag('up').notNull().default(true),
  },
  (t) => [
    uniqueIndex('site_links_pair_uq').on(t.siteAId, t.siteBId),
    index('site_links_b_idx').on(t.siteBId),
  ],
);

/** Fault history of sites and links: the source of measured availability. */
export const outages = pgTable(
  'outages',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').references(() => sites.id),
    linkId: text('link_id').references(() => siteLinks.id),
    startedAt: timestamp('started_at').notNull(),
    endedAt: timestamp('ended_at'),
    startedBy: text('started_by'),
    reason: text('reason'),
  },
  (t) => [index('outages_site_idx').on(t.siteId, t.startedAt), index('outages_link_idx').on(t.linkId, t.startedAt)],
);

/** Scheduled maintenance: per site, or the whole service when siteId is null. */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').references(() => sites.id),
    startsAt: timestamp('starts_at').notNull(),
    endsAt: timestamp('ends_at').notNull(),
    description: text('description').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('maintenance_windows_time_idx').on(t.startsAt, t.endsAt)],
);
