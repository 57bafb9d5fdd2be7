import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { AUDIT_OUTCOMES } from '../../lib/schemas/audit';

/**
 * Append-only audit trail (ISO 27001 / SOC 1). A migration adds triggers that abort any
 * UPDATE or DELETE, so not even a bug can rewrite history; the one exception (migration 0020) is
 * a refusal or failure entry counting up its repeats, `count` and `last_time` only, within its minute. No foreign keys: entries outlive
 * the users and tenants they mention, which is why the target's name is kept with the entry.
 *
 * One clock: `time` is the real (wall-clock) time the entry was written; `id` is the order it
 * was written in, the trail's only ordering key. Entries about the replicated estate also keep
 * `simulatedTime`, the simulator's clock the rest of the portal shows. Entries written before
 * migration 0006 (see there) stamped operations and service-request work with the simulated
 * clock in `time`; the reader marks them.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
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
