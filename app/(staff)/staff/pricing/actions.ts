'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/components/staff/form-state';
import { getDb } from '@/lib/domain/core/database';
import { setUnitPrices } from '@/lib/domain/resources/resources';
import { formObject, runAction } from '@/app/_lib/run-action';
import { staffActor } from '../_lib/staff-actor';

/** The Pricing page's form: the tenant's monthly unit prices (pence), through the same use case as PUT /admin/pricing/{tenantId}. */
export async function setUnitPricesAction(tenantId: string, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    setUnitPrices(getDb(), await staffActor(), tenantId, formObject(formData));
    return 'Unit prices saved.';
  }, formData);
  if (state.ok) {
    revalidatePath('/staff/pricing');
    revalidatePath('/resources');
  }
  return state;
}
