import { pgTable, text, integer, doublePrecision, index, primaryKey } from 'drizzle-orm/pg-core';
import { epochMs } from './columns';
import { protectionGroups } from './groups';
import { CHECKPOINT_KINDS } from '../../../lib/schemas/checkpoints';

/**
 * Journal checkpoints. High-volume: times are plain epoch milliseconds (simulated clock).
 * Crash-consistent checkpoints are thinned with age (see lib/engine journal policy);
 * app-consistent and tagged ones are kept for the whole history.
 */
export const checkpoints = pgTable(
  'checkpoints',
  {
    id: text('id').primaryKey(),
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    timeMs: epochMs('time_ms').notNull(),
    kind: text('kind', { enum: CHECKPOINT_KINDS }).notNull(),
    tag: text('tag'),
    createdBy: text('created_by'),
  },
  // Covering (kind included): a server start reads every journal from this index alone.
  (t) => [index('checkpoints_group_time_kind_idx').on(t.groupId, t.timeMs, t.kind)],
);

/**
 * Sample resolution tiers: 0 = 5 s (last day), 1 = 2.5 min (7 days), 2 = 15 min (30 days+), 3 = 1 h.
 * Each step divides the next (the engine folds one tier into the next). Tier 1 was 1 min until
 * migration 0018 rolled its rows up: a 24 h chart reads 576 rows as they are (1,440 bucketed before).
 */
export const RPO_TIERS = [
  { tier: 0, stepMs: 5_000, keepMs: 24 * 3600_000 },
  { tier: 1, stepMs: 150_000, keepMs: 7 * 24 * 3600_000 },
  { tier: 2, stepMs: 15 * 60_000, keepMs: 35 * 24 * 3600_000 },
  // Hourly for 13 months: a 30-day chart reads 720 rows, and monthly RPO compliance has a year.
  { tier: 3, stepMs: 3600_000, keepMs: 400 * 24 * 3600_000 },
] as const;

/** RPO and traffic over time, per group, in resolution tiers so long ranges read few rows. */
export const rpoSamples = pgTable(
  'rpo_samples',
  {
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    tier: integer('tier').notNull(),
    timeMs: epochMs('time_ms').notNull(),
    /** Worst RPO seen in the sample's interval (seconds). */
    rpoSeconds: doublePrecision('rpo_seconds').notNull(),
    /** Mean write throughput and WAN traffic over the interval (MB/s). */
    throughputMBps: doublePrecision('throughput_mbps').notNull(),
    wanMBps: doublePrecision('wan_mbps').notNull(),
    /** Mean write IOPS at the source and IOPS applied at the recovery site over the interval. */
    writeIops: doublePrecision('write_iops').notNull().default(0),
    appliedIops: doublePrecision('applied_iops').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.tier, t.timeMs] })],
);
