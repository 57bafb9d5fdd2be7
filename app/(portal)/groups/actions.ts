'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { tagCheckpoint } from '@/lib/domain/replication/checkpoints';
import { createGroup, deleteGroup, updateGroup } from '@/lib/domain/groups/groups';
import { updateGroupNetworks } from '@/lib/domain/groups/group-networks-update';
import type { CreateGroupInput, UpdateGroupInput } from '@/lib/schemas/groups';
import { runAction } from '@/app/_lib/run-action';

/*
 * Mutations of protection groups from the portal's forms. Each goes through the same domain
 * function as the REST API (which authorises, scopes to the tenant and validates with the shared
 * zod schemas), so the UI hiding a control is never what protects anything.
 */

export async function createGroupAction(input: CreateGroupInput): Promise<ActionResult> {
  let id = '';
  const result = await runAction(async () => {
    id = (await createGroup(getDb(), await requireActor(), input)).id;
  });
  if (!result.ok) return result;
  revalidatePath('/groups');
  redirect(`/groups/${id}?created=1`);
}

/**
 * Settings, members or recovery plan: whatever subset the form sends. `expectedVersion` is the
 * group's version the form was filled from: a form left open while someone else saved is refused
 * with who changed it, rather than silently putting their change back.
 */
export async function updateGroupAction(id: string, input: UpdateGroupInput, done = 'Changes saved.', expectedVersion?: number): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateGroup(getDb(), await requireActor(), id, input, { expectedVersion });
    return done;
  });
  if (result.ok) revalidatePath(`/groups/${id}`);
  return result;
}

export async function deleteGroupAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deleteGroup(getDb(), await requireActor(), id);
  });
  if (!result.ok) return result;
  revalidatePath('/groups');
  redirect('/groups?deleted=1');
}

export async function tagCheckpointAction(groupId: string, tag: string): Promise<ActionResult> {
  return runAction(async () => {
    const cp = await tagCheckpoint(getDb(), await requireActor(), groupId, { tag });
    return `Checkpoint "${cp.tag}" written.`;
  });
}

/** The Networks card's editor: both failover network settings, whole (PUT /groups/{id}/networks). */
export async function updateGroupNetworksAction(id: string, input: unknown, expectedVersion?: number): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateGroupNetworks(getDb(), await requireActor(), id, input, { expectedVersion });
    return 'Network settings saved.';
  });
  if (result.ok) revalidatePath(`/groups/${id}`);
  return result;
}
