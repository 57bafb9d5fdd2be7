import { sql } from 'drizzle-orm';
import { pgTable, text, integer, doublePrecision, json, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { flag, timestamp, epochMs } from './columns';
import { protectionGroups } from './groups';
import { tenants } from './tenants';
import { OPERATION_STATUSES, OPERATION_TYPES, STEP_STATUSES, TEST_RESULTS } from '../../../lib/schemas/operations';

export const operations = pgTable(
  'operations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull().references(() => protectionGroups.id, { onDelete: 'cascade' }),
    type: text('type', { enum: OPERATION_TYPES }).notNull(),
    status: text('status', { enum: OPERATION_STATUSES }).notNull(),
    /** Direction at start: failover goes from source to target. */
    fromSiteId: text('from_site_id').notNull(),
    toSiteId: text('to_site_id').notNull(),
    checkpointId: text('checkpoint_id'),
    checkpointTimeMs: epochMs('checkpoint_time_ms'),
    /** RPO implied by the chosen point: data written after it is lost. */
    dataLossSeconds: doublePrecision('data_loss_seconds'),
    options: json('options').$type<Record<string, unknown>>().notNull(),
    startedBy: text('started_by').notNull(),
    startedByEmail: text('started_by_email').notNull(),
    /** Set when provider staff act on the tenant's behalf. */
    actingAsStaff: flag('acting_as_staff').notNull().default(false),
    startedAt: timestamp('started_at').notNull(),
    finishedAt: timestamp('finished_at'),
    commitDeadline: timestamp('commit_deadline'),
    rtoSeconds: doublePrecision('rto_seconds'),
    result: text('result', { enum: TEST_RESULTS }),
    notes: text('notes'),
    error: text('error'),
    /** Four-eyes approval: the request it started from and who approved it (null: no approval needed). */
    approvalId: text('approval_id'),
    approvedByEmail: text('approved_by_email'),
    /** Started without the approval the tenant requires ("break glass"), with the written reason. */
    breakGlassReason: text('break_glass_reason'),
  },
  (t) => [
    index('operations_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('operations_group_started_idx').on(t.groupId, t.startedAt),
    // At most one open operation per group, enforced by the database itself.
    uniqueIndex('operations_one_open_per_group_uq')
      .on(t.groupId)
      .where(sql`status in ('pending', 'running', 'testing', 'awaiting-commit')`),
  ],
);

export const operationSteps = pgTable(
  'operation_steps',
  {
    id: text('id').primaryKey(),
    operationId: text('operation_id').notNull().references(() => operations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: STEP_STATUSES }).notNull().default('pending'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    detail: text('detail'),
  },
  (t) => [uniqueIndex('operation_steps_position_uq').on(t.operationId, t.position)],
);

