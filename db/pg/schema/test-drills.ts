import { sql } from 'drizzle-orm';
import { pgTable, text, integer, json, index } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { operations } from './operations';
import { tenants } from './tenants';
import { vms } from './vms';
import { APP_CHECK_KINDS, DRILL_CHECKPOINTS, DRILL_RESULTS, DRILL_SKIP_CODES, DRILL_STATUSES } from '../../../lib/schemas/test-schedules';

/** A scheduled test failover (issue 17): a cron over some groups, or a saved plan's groups. */
export const testSchedules = pgTable(
  'test_schedules',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The groups named at creation; empty when the schedule follows a plan (resolved at each firing). */
    groupIds: json('group_ids').$type<string[]>().notNull(),
    planId: text('plan_id'),
    cron: text('cron').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    checkpoint: text('checkpoint', { enum: DRILL_CHECKPOINTS }).notNull().default('latest'),
    paused: flag('paused').notNull().default(false),
    /** The latest slot the scheduler has dealt with (run, skipped or missed): the next is after it. */
    lastSlotAt: timestamp('last_slot_at').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('test_schedules_tenant_idx').on(t.tenantId)],
);

/** One firing of a schedule: its result, why it was skipped, and its groups' operations and checks. */
export type DrillGroupRecord = { groupId: string; groupName: string; operationId: string | null; result: 'passed' | 'failed' | null; error: string | null };
export type DrillCheckRecord = {
  groupId: string; operationId: string; vmId: string; vmName: string; checkId: string; kind: string; name: string; target: string;
  ok: boolean; detail: string; atMs: number | null; forced: boolean;
};

export const testDrills = pgTable(
  'test_drills',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    /** Kept when the schedule is deleted: a drill is evidence. */
    scheduleId: text('schedule_id'),
    scheduleName: text('schedule_name').notNull(),
    /** The slot it was due at (a drill run late after a restart starts after it). */
    scheduledFor: timestamp('scheduled_for').notNull(),
    startedAt: timestamp('started_at').notNull(),
    /** When it stops itself: start plus the schedule's duration. */
    endsAt: timestamp('ends_at').notNull(),
    finishedAt: timestamp('finished_at'),
    status: text('status', { enum: DRILL_STATUSES }).notNull(),
    result: text('result', { enum: DRILL_RESULTS }),
    skipCode: text('skip_code', { enum: DRILL_SKIP_CODES }),
    reason: text('reason'),
    /** Slots the server was down for that this one record stands for (a missed or late drill). */
    missedSlots: integer('missed_slots').notNull().default(0),
    groups: json('groups').$type<DrillGroupRecord[]>().notNull(),
    checks: json('checks').$type<DrillCheckRecord[]>().notNull(),
  },
  (t) => [
    index('test_drills_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('test_drills_schedule_idx').on(t.scheduleId, t.startedAt),
    index('test_drills_running_idx').on(t.status).where(sql`status = 'running'`),
  ],
);

/** Which operation belongs to which drill (one row per group started). */
export const testDrillOperations = pgTable(
  'test_drill_operations',
  {
    drillId: text('drill_id').notNull().references(() => testDrills.id, { onDelete: 'cascade' }),
    operationId: text('operation_id').notNull().references(() => operations.id, { onDelete: 'cascade' }),
  },
  (t) => [index('test_drill_operations_op_idx').on(t.operationId), index('test_drill_operations_drill_idx').on(t.drillId)],
);

/** A simulated application check of a VM: a port, a URL's status, the guest heartbeat, a script. */
export const vmAppChecks = pgTable(
  'vm_app_checks',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    vmId: text('vm_id').notNull().references(() => vms.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: APP_CHECK_KINDS }).notNull(),
    name: text('name').notNull(),
    /** Kind-specific: { port } / { url, expectStatus } / {} / { script, expectExitCode }. */
    params: json('params').$type<Record<string, string | number>>().notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('vm_app_checks_vm_idx').on(t.vmId)],
);

/** Staff fault injection: a VM's checks (or one of them) forced to fail until removed. */
export const appCheckFaults = pgTable(
  'app_check_faults',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    vmId: text('vm_id').notNull().references(() => vms.id, { onDelete: 'cascade' }),
    /** Null: every check of the VM. */
    checkId: text('check_id'),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('app_check_faults_vm_idx').on(t.vmId)],
);
