'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { FormState } from '@/components/staff/form-state';
import { cancelMaintenance, createMaintenance } from '@/lib/domain/staff/maintenance';
import { formObject, runAction } from '@/app/_lib/run-action';
import { staffActor } from '../_lib/staff-actor';

export async function createMaintenanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const w = await createMaintenance(getDb(), await staffActor(), formObject(formData));
    return `Maintenance scheduled${w.siteName ? ` at ${w.siteName}` : ' for the whole service'}.`;
  }, formData);
  if (state.ok) revalidatePath('/staff', 'layout');
  return state;
}

export async function cancelMaintenanceAction(id: string): Promise<FormState> {
  const state = await runAction(async () => {
    await cancelMaintenance(getDb(), await staffActor(), id);
    return 'Maintenance window cancelled.';
  });
  revalidatePath('/staff', 'layout');
  return state;
}
