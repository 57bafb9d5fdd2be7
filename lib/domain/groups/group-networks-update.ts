import 'server-only';
import type { DB } from '@/db';
import type { Actor } from '@/lib/core/actor';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { parseBody } from '@/lib/domain/core/input';
import { groupNetworksSchema } from '@/lib/schemas/network';
import { updateGroup } from './group-commands';
import { findGroupInScope } from './group-in-scope';
import { readGroupNetworksIn, type GroupNetworksDto } from './group-networks';

/**
 * PUT /groups/{id}/networks: `{ testNetwork?, liveNetwork? }`, each a whole network setting.
 * The group's settings change with the rules, audit (group.update) and ETag of PATCH /groups/{id}.
 */
export async function updateGroupNetworks(db: DB, actor: Actor, id: string, input: unknown, opts: { expectedVersion?: number } = {}): Promise<GroupNetworksDto> {
  authorize(db, actor, 'group:write', { type: 'protection-group', id });
  findGroupInScope(db, actor, id);
  const body = parseBody(groupNetworksSchema, input);
  await updateGroup(db, actor, id, body, opts);
  return readGroupNetworksIn(db, tenantScope(actor), id);
}
