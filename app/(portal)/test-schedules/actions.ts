'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { createTestSchedule, deleteTestSchedule, updateTestSchedule } from '@/lib/domain/drills/schedules';
import { runAction } from '@/app/_lib/run-action';

/* Scheduled test failovers from the portal: the same use cases as the REST API (authorise, scope, validate, audit). */

export async function createScheduleAction(input: unknown): Promise<ActionResult> {
  let id = '';
  const result = await runAction(async () => {
    id = (await createTestSchedule(getDb(), await requireActor(), input)).id;
  });
  if (!result.ok) return result;
  revalidatePath('/test-schedules');
  redirect(`/test-schedules/${id}?saved=1`);
}

export async function setSchedulePausedAction(id: string, paused: boolean): Promise<ActionResult> {
  const result = await runAction(async () => {
    await updateTestSchedule(getDb(), await requireActor(), id, { paused });
    return paused ? 'Schedule paused.' : 'Schedule resumed.';
  });
  if (result.ok) {
    revalidatePath('/test-schedules');
    revalidatePath(`/test-schedules/${id}`);
  }
  return result;
}

export async function deleteScheduleAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await deleteTestSchedule(getDb(), await requireActor(), id);
  });
  if (!result.ok) return result;
  revalidatePath('/test-schedules');
  redirect('/test-schedules?deleted=1');
}
