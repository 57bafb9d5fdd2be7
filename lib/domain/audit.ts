import type { Executor } from '@/db';
import { auditLog } from '@/db/schema';
import type { Actor } from './actor';

export type AuditEntry = {
  action: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  time?: Date;
  /** Overrides the actor's address, for events without an actor (a failed sign-in). */
  sourceIp?: string | null;
};

/** Appends to the audit trail. Call inside the use case's transaction so both land or neither. */
export function audit(db: Executor, actor: Actor | null, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      time: entry.time ?? new Date(),
      actorId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      actorRole: actor ? (actor.actingForTenant ? `${actor.role}:acting-for-tenant` : actor.role) : null,
      tenantId: entry.tenantId === undefined ? (actor?.tenantId ?? null) : entry.tenantId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome ?? 'success',
      sourceIp: entry.sourceIp ?? actor?.sourceIp ?? null,
      details: entry.details ?? null,
    })
    .run();
}
