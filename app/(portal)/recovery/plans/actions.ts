'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { createPlan, deletePlan, updatePlan } from '@/lib/domain/recovery/plans';
import { runAction } from '@/app/_lib/run-action';

/*
 * Saved recovery plans from the portal's editor. Each goes through the same domain function as
 * the REST API (authorise, scope to the tenant, validate with the shared zod schema, audit), so
 * the page hiding the editor from a user is never what protects anything.
 */

export async function createPlanAction(input: unknown): Promise<ActionResult> {
  let id = '';
  const result = await runAction(async () => {
    id = (await createPlan(getDb(), await requireActor(), input)).id;
  });
  if (!result.ok) return result;
  revalidatePath('/recovery/plans');
  redirect(`/recovery/plans/${id}?saved=created`);
}

export async function updatePlanAction(id: string, input: unknown): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updatePlan(getDb(), await requireActor(), id, input);
    return 'Recovery plan saved.';
  });
  if (result.ok) {
    revalidatePath('/recovery/plans');
    revalidatePath(`/recovery/plans/${id}`);
  }
  return result;
}

export async function deletePlanAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deletePlan(getDb(), await requireActor(), id);
  });
  if (!result.ok) return result;
  revalidatePath('/recovery/plans');
  redirect('/recovery/plans?deleted=1');
}
