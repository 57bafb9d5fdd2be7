'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { FormState } from '@/components/staff/form-state';
import { updateServiceRequest } from '@/lib/domain/staff/service-request-update';
import { addRequestComment } from '@/lib/domain/staff/service-requests';
import { formObject, runAction } from '@/app/_lib/run-action';
import { staffActor } from '../_lib/staff-actor';

const MESSAGES: Record<string, string> = {
  'in-progress': 'Work started.',
  resolved: 'Request resolved.',
  cancelled: 'Request cancelled.',
  open: 'Request reopened.',
};

/** Assign, move the status or resolve; `note` is recorded as a comment with the change. */
export async function updateRequestAction(id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const input = formObject(formData);
  const state = await runAction(async () => {
    await updateServiceRequest(getDb(), await staffActor(), id, input);
    return input.status ? MESSAGES[input.status] : 'Saved.';
  }, formData);
  if (state.ok) revalidatePath('/staff', 'layout');
  return state;
}

export async function staffCommentAction(id: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    await addRequestComment(getDb(), await staffActor(), id, formObject(formData));
    return 'Comment posted.';
  }, formData);
  if (state.ok) revalidatePath(`/staff/requests/${id}`);
  return state;
}
