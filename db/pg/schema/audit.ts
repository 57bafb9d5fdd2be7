import { pgTable, text, integer, bigint, json, index } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { AUDIT_OUTCOMES } from '../../../lib/schemas/audit';

/**
 * The audit trail on PostgreSQL: db/schema/audit.ts describes it. Append-only here too: the
 * migration audit_log_append_only (db/pg/migrations) adds the triggers that refuse any UPDATE,
 * DELETE or TRUNCATE, but for the one exception SQLite's migration 0020 makes — a refusal or
 * failure entry counting up its repeats (`count` and `last_time` only) within its minute. `id`
 * is an identity column (SQLite: AUTOINCREMENT), the trail's only ordering key.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    time: timestamp('time').notNull(),
    /** The simulated clock at that moment, for entries about the replicated estate; null otherwise. */
    simulatedTime: timestamp('simulated_time'),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    /** Tenant whose data the action touched (null for service-wide actions). */
    tenantId: text('tenant_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** The target's human name when the entry was written ("Web tier", not grp_…). */
    targetName: text('target_name'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    sourceIp: text('source_ip'),
    details: json('details').$type<Record<string, unknown>>(),
    /**
     * How many identical refusals or failures this entry stands for (migration 0020): repeats
     * within a minute of the first are counted here instead of written one by one
     * (lib/core/audit.ts). 1 for every other entry.
     */
    count: integer('count').notNull().default(1),
    /** When the last of `count` happened; null while the entry stands for one occurrence. */
    lastTime: timestamp('last_time'),
  },
  (t) => [index('audit_log_tenant_time_idx').on(t.tenantId, t.time), index('audit_log_time_idx').on(t.time)],
);
