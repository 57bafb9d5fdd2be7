/**
 * A group's direction after its recoveries: reversed when it was failed over with reverse
 * protection and still replicates from where it landed, so its next failover is a failback.
 */
import 'server-only';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';

export type LastRecovery = { id: string; type: OperationType; toSiteId: string; reverseProtection: boolean };

/** The latest committed failover/move/failback of each group of a tenant (tests left out). */
export function lastRecoveries(db: Executor, tenantId: string, groupId?: string): Map<string, LastRecovery> {
  const rows = db
    .select({ id: operations.id, groupId: operations.groupId, type: operations.type, toSiteId: operations.toSiteId, options: operations.options })
    .from(operations)
    .where(
      and(
        eq(operations.tenantId, tenantId),
        groupId ? eq(operations.groupId, groupId) : undefined,
        eq(operations.status, 'completed'),
        ne(operations.type, 'test-failover'),
      ),
    )
    .orderBy(desc(operations.startedAt))
    .all();
  const latest = new Map<string, LastRecovery>();
  for (const r of rows) {
    if (latest.has(r.groupId)) continue;
    latest.set(r.groupId, { id: r.id, type: r.type, toSiteId: r.toSiteId, reverseProtection: r.options?.reverseProtection === true });
  }
  return latest;
}

/**
 * Reversed = the last committed failover or move reversed protection and the group still
 * replicates from where it landed: its next failover goes home, a failback.
 */
export function isReversed(db: Executor, group: { id: string; tenantId: string; sourceSiteId: string }): boolean {
  const last = lastRecoveries(db, group.tenantId, group.id).get(group.id);
  return !!last && last.type !== 'failback' && last.reverseProtection && group.sourceSiteId === last.toSiteId;
}
