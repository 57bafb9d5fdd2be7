import type { Executor } from '@/db';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { targetNameOf } from './audit-targets';
import { publishLive } from './live-events';
import { topicsOfAuditEntry } from './live-topics';

export type AuditEntry = {
  action: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  /** The target's name, for a target that no longer exists by the time of the entry (a deletion); looked up otherwise. */
  targetName?: string | null;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
  /**
   * The simulated clock at the moment (epoch ms or Date), for entries about the replicated
   * estate: operations and engine events, groups, checkpoints, alerts, service requests. The
   * entry's own time is always the real time it is written.
   */
  simulatedTime?: Date | number;
  /** Overrides the actor's address, for events without an actor (a failed sign-in). */
  sourceIp?: string | null;
};

/** The role recorded for an actor: the system reads as the system, not as the staff role it runs with. */
function auditRole(actor: Actor): string {
  if (actor.via === 'system') return 'system';
  return actor.actingForTenant ? `${actor.role}:acting-for-tenant` : actor.role;
}

/**
 * Appends to the audit trail. Call inside the use case's transaction so both land or neither.
 * The entry is stamped with the real time now; its place in the trail is its id.
 */
export function audit(db: Executor, actor: Actor | null, entry: AuditEntry): void {
  const tenantId = entry.tenantId === undefined ? (actor?.tenantId ?? null) : entry.tenantId;
  const system = actor?.via === 'system';
  db.insert(auditLog)
    .values({
      time: new Date(),
      simulatedTime: entry.simulatedTime === undefined ? null : new Date(entry.simulatedTime),
      actorId: actor?.userId ?? null,
      actorEmail: system ? null : (actor?.email ?? null),
      actorRole: actor ? auditRole(actor) : null,
      tenantId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      targetName: entry.targetName !== undefined ? entry.targetName : targetNameOf(db, { tenantId, targetType: entry.targetType ?? null, targetId: entry.targetId ?? null }),
      outcome: entry.outcome ?? 'success',
      sourceIp: entry.sourceIp ?? actor?.sourceIp ?? null,
      details: entry.details ?? null,
    })
    .run();
  // The live stream: sent after the coalescing window, by when the use case's transaction has committed.
  if (entry.outcome !== 'denied' && (tenantId !== null || entry.targetType)) publishLive(tenantId, topicsOfAuditEntry({ ...entry, tenantId }));
}
