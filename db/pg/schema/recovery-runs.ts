import { sql } from 'drizzle-orm';
import { pgTable, text, integer, doublePrecision, json, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { protectionGroups } from './groups';
import { operations } from './operations';
import { tenants } from './tenants';
import { RUN_GROUP_STATES, RUN_STATUSES, RUN_TYPES } from '../../../lib/schemas/recovery-runs';
import { TEST_RESULTS } from '../../../lib/schemas/operations';

/** A saved multi-group recovery plan: ordered tiers of protection groups of one tenant. */
export const recoveryPlans = pgTable(
  'recovery_plans',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    /** [{ groupIds: string[], delayAfterSeconds: number }], in order. */
    tiers: json('tiers').$type<{ groupIds: string[]; delayAfterSeconds: number }[]>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('recovery_plans_tenant_name_uq').on(t.tenantId, t.name)],
);

/**
 * A recovery run: the parent of one operation per group. Its options and tiers are a snapshot
 * taken at start (like an operation's), so a resumed run does what was asked whatever is
 * edited meanwhile.
 */
export const recoveryRuns = pgTable(
  'recovery_runs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    type: text('type', { enum: RUN_TYPES }).notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull(),
    sourceSiteId: text('source_site_id'),
    planId: text('plan_id'),
    planName: text('plan_name'),
    reason: text('reason'),
    /** Delay after each tier, in order (the tier of a group is kept on its row). */
    tierDelays: json('tier_delays').$type<number[]>().notNull(),
    /** The start request's operation options (shutdown, reverse, commit policy...). */
    options: json('options').$type<Record<string, unknown>>().notNull(),
    startedBy: text('started_by').notNull(),
    startedByEmail: text('started_by_email').notNull(),
    actingAsStaff: flag('acting_as_staff').notNull().default(false),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
    /** One result for the run's tests when they were stopped together. */
    testResult: text('test_result', { enum: TEST_RESULTS }),
    /** Four-eyes approval: the request it started from and who approved it (null: no approval needed). */
    approvalId: text('approval_id'),
    approvedByEmail: text('approved_by_email'),
    /** Started without the approval the tenant requires ("break glass"), with the written reason. */
    breakGlassReason: text('break_glass_reason'),
  },
  (t) => [
    index('recovery_runs_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('recovery_runs_open_idx').on(t.status).where(sql`status = 'in-progress'`),
  ],
);

export const recoveryRunGroups = pgTable(
  'recovery_run_groups',
  {
    runId: text('run_id').notNull().references(() => recoveryRuns.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    tier: integer('tier').notNull(),
    position: integer('position').notNull(),
    state: text('state', { enum: RUN_GROUP_STATES }).notNull(),
    operationId: text('operation_id').references(() => operations.id),
    /** Why the group did not start when its tier came. */
    error: text('error'),
    /** The what-if forecast at start, shown beside what happened. */
    forecastDataLossSeconds: doublePrecision('forecast_data_loss_seconds'),
    forecastRtoSeconds: doublePrecision('forecast_rto_seconds'),
  },
  (t) => [
    uniqueIndex('recovery_run_groups_pk').on(t.runId, t.groupId),
    index('recovery_run_groups_operation_idx').on(t.operationId),
    // A group waits in at most one run: the database refuses a second claim on it.
    uniqueIndex('recovery_run_groups_one_waiting_uq').on(t.groupId).where(sql`state = 'waiting'`),
  ],
);
