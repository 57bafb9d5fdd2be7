'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { getGroup, updateGroup } from '@/lib/domain/groups/groups';
import { runAction } from '@/app/_lib/run-action';

/*
 * Membership changes from the VM list. A group's members are replaced as a whole (PATCH vmIds),
 * so each action reads the current members and adds or drops one; the domain checks the VM is
 * the tenant's, runs at the group's production site and is in no other group.
 */

export async function addVmToGroupAction(vmId: string, groupId: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    const db = getDb();
    const actor = await requireActor();
    const group = await getGroup(db, actor, groupId);
    if (group.vmIds.includes(vmId)) return `Already in “${group.name}”.`;
    await updateGroup(db, actor, groupId, { addVmIds: [vmId] });
    return `Added to “${group.name}”: its initial sync has started.`;
  });
  if (result.ok) revalidatePath('/vms');
  return result;
}

export async function removeVmFromGroupAction(vmId: string, groupId: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    const db = getDb();
    const actor = await requireActor();
    const group = await getGroup(db, actor, groupId);
    await updateGroup(db, actor, groupId, { removeVmIds: [vmId] });
    return `Removed from “${group.name}”: the VM is no longer protected.`;
  });
  if (result.ok) revalidatePath('/vms');
  return result;
}
