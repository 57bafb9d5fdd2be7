import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { protectionGroups } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { tenantScope } from '@/lib/domain/core/authorize';
import { NotFoundError } from '@/lib/core/errors';
import { tenantFilter } from '@/lib/domain/core/scope';

/**
 * The group with this id in the caller's scope (`scope` null = any tenant). Another tenant's
 * group is "not found", exactly like an unknown id, so ids cannot be probed across tenants.
 * Filtering happens in SQL: `read` runs the caller's own select (its columns, its joins) with
 * the `where` given and returns the row, or undefined when there is none.
 */
export function groupInScope<Row>(scope: string | null, groupId: string, read: (where: SQL) => Row | undefined): Row {
  const row = read(and(eq(protectionGroups.id, groupId), tenantFilter(protectionGroups.tenantId, scope))!);
  if (!row) throw new NotFoundError('protection group', groupId);
  return row;
}

/** A group's identity, sites and RPO target: what most use cases check before acting. */
export const groupIdentityColumns = {
  id: protectionGroups.id,
  tenantId: protectionGroups.tenantId,
  name: protectionGroups.name,
  status: protectionGroups.status,
  sourceSiteId: protectionGroups.sourceSiteId,
  targetSiteId: protectionGroups.targetSiteId,
  rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
};

/** The group's identity, sites and RPO target, if the actor may see it (else 404). */
export function findGroupInScope(db: Executor, actor: Actor, groupId: string) {
  return groupInScope(tenantScope(actor), groupId, (where) =>
    db
      .select(groupIdentityColumns)
      .from(protectionGroups)
      .where(where)
      .get(),
  );
}
