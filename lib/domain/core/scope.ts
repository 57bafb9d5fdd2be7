import { and, eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Executor } from '@/db';
import { protectionGroups } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { tenantScope } from './authorize';
import { NotFoundError } from '@/lib/core/errors';

/** `column = tenant` when the actor is scoped to a tenant; undefined (no filter) for service-wide staff. */
export function tenantFilter(column: SQLiteColumn, tenantId: string | null): SQL | undefined {
  return tenantId === null ? undefined : eq(column, tenantId);
}

/**
 * The group with this id if the actor may see it. Another tenant's group is "not found", exactly
 * like an unknown id, so ids cannot be probed across tenants. Filtering happens in SQL.
 */
export function findGroupInScope(db: Executor, actor: Actor, groupId: string) {
  const scope = tenantScope(actor);
  const row = db
    .select({
      id: protectionGroups.id,
      tenantId: protectionGroups.tenantId,
      name: protectionGroups.name,
      status: protectionGroups.status,
      sourceSiteId: protectionGroups.sourceSiteId,
      targetSiteId: protectionGroups.targetSiteId,
      rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
    })
    .from(protectionGroups)
    .where(and(eq(protectionGroups.id, groupId), tenantFilter(protectionGroups.tenantId, scope)))
    .get();
  if (!row) throw new NotFoundError('protection group', groupId);
  return row;
}
