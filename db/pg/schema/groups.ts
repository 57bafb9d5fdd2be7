import { pgTable, text, integer, doublePrecision, json, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { sites } from './sites';
import { tenants } from './tenants';
import { vms } from './vms';
import { GROUP_STATUSES, LIMIT_REASONS, PRIORITIES, SYNC_STATES } from '../../../lib/schemas/groups';
import type { NetworkSettings } from '../../../lib/schemas/network';

export const protectionGroups = pgTable(
  'protection_groups',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    sourceSiteId: text('source_site_id').notNull().references(() => sites.id),
    targetSiteId: text('target_site_id').notNull().references(() => sites.id),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('medium'),
    rpoTargetSeconds: integer('rpo_target_seconds').notNull(),
    rtoTargetMinutes: integer('rto_target_minutes').notNull(),
    journalHistoryHours: integer('journal_history_hours').notNull(),
    /** Hard limit of the journal; when it cuts history short the group is history-not-met. */
    journalLimitGb: doublePrecision('journal_limit_gb').notNull(),
    appCheckpointMinutes: integer('app_checkpoint_minutes').notNull().default(60),
    testNetwork: json('test_network').$type<NetworkSettings>().notNull(),
    liveNetwork: json('live_network').$type<NetworkSettings>().notNull(),
    // Replication state, written by the simulator runtime in batches.
    status: text('status', { enum: GROUP_STATUSES }).notNull().default('initialising'),
    subStatus: text('sub_status'),
    rpoSeconds: doublePrecision('rpo_seconds'),
    historyCoveredSeconds: integer('history_covered_seconds').notNull().default(0),
    journalUsedGb: doublePrecision('journal_used_gb').notNull().default(0),
    throughputMBps: doublePrecision('throughput_mbps').notNull().default(0),
    wanMBps: doublePrecision('wan_mbps').notNull().default(0),
    backlogMB: doublePrecision('backlog_mb').notNull().default(0),
    /** Write IOPS at the source and IOPS applied at the recovery site (smoothed), and what holds replication back. */
    writeIops: doublePrecision('write_iops').notNull().default(0),
    appliedIops: doublePrecision('applied_iops').notNull().default(0),
    limitReason: text('limit_reason', { enum: LIMIT_REASONS }),
    lastTestedAt: timestamp('last_tested_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    /**
     * Goes up by one with every change of configuration (settings, members, recovery plan,
     * direction), never with replication state: the group's ETag, so an edit made on a stale
     * copy is refused (If-Match) instead of silently undoing someone else's.
     */
    configVersion: integer('config_version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('protection_groups_tenant_name_uq').on(t.tenantId, t.name),
    index('protection_groups_status_idx').on(t.tenantId, t.status),
  ],
);

/** Recovery plan: ordered boot groups, each with a delay before the next one starts. */
export const bootGroups = pgTable(
  'boot_groups',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    delayAfterSeconds: integer('delay_after_seconds').notNull().default(0),
  },
  (t) => [uniqueIndex('boot_groups_position_uq').on(t.groupId, t.position)],
);

/** A VM protected by a group. A VM belongs to at most one group. */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    vmId: text('vm_id').notNull().references(() => vms.id, { onDelete: 'cascade' }).unique(),
    bootGroupId: text('boot_group_id').references(() => bootGroups.id, { onDelete: 'set null' }),
    syncState: text('sync_state', { enum: SYNC_STATES }).notNull().default('syncing'),
    /** Initial-sync progress 0..1. */
    syncProgress: doublePrecision('sync_progress').notNull().default(0),
    addedAt: timestamp('added_at').notNull(),
  },
  (t) => [index('group_members_group_idx').on(t.groupId)],
);
