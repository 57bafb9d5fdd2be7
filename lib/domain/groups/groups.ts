import 'server-only';
import { asc } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, protectionGroups } from '@/db/schema';
import { listGroupsQuerySchema } from '@/lib/schemas/groups';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import type { GroupDetailDto, GroupDto } from '@/lib/domain/core/dto';
import { groupColumns, memberIdsByGroup, openOperationJoin, toGroupDto } from './group-rows';
import { tenantFilter } from '@/lib/domain/core/scope';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { parseInput } from '@/lib/domain/core/validate';
import { readGroupDetail } from './group-detail';

export { createGroup, updateGroup, deleteGroup } from './group-commands';

/** Protection groups of the actor's tenant (staff: all, or `tenantId`), by name. */
export async function listGroups(db: Executor, actor: Actor, query: { tenantId?: string } = {}): Promise<GroupDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'protection-group' });
  const scope = tenantScope(actor, query.tenantId);
  parseInput(listGroupsQuerySchema, query);
  return cachedRead(db, `groups:${scope ?? '*'}`, () => {
    const rows = db
      .select(groupColumns)
      .from(protectionGroups)
      .leftJoin(operations, openOperationJoin)
      .where(tenantFilter(protectionGroups.tenantId, scope))
      .orderBy(asc(protectionGroups.name), asc(protectionGroups.id))
      .all();
    const members = memberIdsByGroup(db, scope);
    return rows.map((r) => toGroupDto(r, members.get(r.id) ?? []));
  });
}

/** One group with its members, recovery plan, networks and journal. */
export async function getGroup(db: Executor, actor: Actor, id: string): Promise<GroupDetailDto> {
  authorize(db, actor, 'tenant:read', { type: 'protection-group', id });
  const scope = tenantScope(actor);
  // A page, its polling cards and scripts share one read until the database changes.
  return cachedRead(db, `group:${scope ?? '*'}:${id}`, () => readGroupDetail(db, scope, id));
}
