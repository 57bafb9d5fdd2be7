'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import type { FormState } from '@/components/staff/form-state';
import { requireActor } from '@/lib/auth/current-actor';
import { updateServiceRequest } from '@/lib/domain/staff/service-request-update';
import { addRequestComment, createServiceRequest } from '@/lib/domain/staff/service-requests';
import { formObject, runAction } from '@/app/_lib/run-action';

/** The flat form fields `vcpuGhz`... become the API's nested `change`. */
function requestInput(formData: FormData) {
  const { vcpuGhz, memoryGb, storageGb, guaranteedIops, ...rest } = formObject(formData);
  return { ...rest, change: { vcpuGhz, memoryGb, storageGb, guaranteedIops } };
}

export async function createRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = '';
  const state = await runAction(async () => {
    id = (await createServiceRequest(getDb(), await requireActor(), requestInput(formData))).id;
  }, formData);
  if (!state.ok) return state;
  revalidatePath('/requests');
  redirect(`/requests/${id}`);
}

export async function clientCommentAction(id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    await addRequestComment(getDb(), await requireActor(), id, formObject(formData));
    return 'Comment posted.';
  }, formData);
  if (state.ok) revalidatePath(`/requests/${id}`);
  return state;
}

export async function cancelRequestAction(id: string): Promise<FormState> {
  const state = await runAction(async () => {
    await updateServiceRequest(getDb(), await requireActor(), id, { status: 'cancelled' });
    return 'Request cancelled.';
  });
  revalidatePath('/requests', 'layout');
  return state;
}
