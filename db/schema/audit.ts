import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;

/**
 * Append-only audit trail (ISO 27001 / SOC 1). A migration adds triggers that abort any
 * UPDATE or DELETE, so not even a bug can rewrite history. No foreign keys: entries outlive
 * the users and tenants they mention.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    time: timestamp('time').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    /** Tenant whose data the action touched (null for service-wide actions). */
    tenantId: text('tenant_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    sourceIp: text('source_ip'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_tenant_time_idx').on(t.tenantId, t.time), index('audit_log_time_idx').on(t.time)],
);
