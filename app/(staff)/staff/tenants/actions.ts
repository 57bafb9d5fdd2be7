'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import type { FormState } from '@/components/staff/form-state';
import { createTenant, updateTenant } from '@/lib/domain/staff/tenants';
import { createVdc, deleteVdc, updateVdc } from '@/lib/domain/staff/vdcs';
import { formObject, runAction } from '@/app/_lib/run-action';
import { staffActor } from '../_lib/staff-actor';

/**
 * The form shows the monthly charge in major units (pounds); the shared schema takes minor
 * units. Convert here so the API and the form validate the same field.
 */
function tenantInput(formData: FormData) {
  const { monthlyCharge, ...rest } = formObject(formData);
  const charge = monthlyCharge?.trim();
  const cents = charge && /^\d+(\.\d{1,2})?$/.test(charge) ? Math.round(Number(charge) * 100) : charge;
  return { ...rest, monthlyChargeCents: cents };
}

export async function createTenantAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let id = '';
  const state = await runAction(async () => {
    id = (await createTenant(getDb(), await staffActor(), tenantInput(formData))).id;
  }, formData);
  if (!state.ok) return state;
  revalidatePath('/staff', 'layout');
  redirect(`/staff/tenants/${id}?created=1`);
}

export async function updateTenantAction(tenantId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    updateTenant(getDb(), await staffActor(), tenantId, tenantInput(formData));
    return 'Tenant saved.';
  }, formData);
  if (state.ok) revalidatePath('/staff', 'layout');
  return state;
}

export async function setTenantStatusAction(tenantId: string, status: 'active' | 'suspended'): Promise<FormState> {
  const state = await runAction(async () => {
    const t = updateTenant(getDb(), await staffActor(), tenantId, { status });
    return status === 'suspended' ? `${t.name} is suspended.` : `${t.name} is active again.`;
  });
  if (state.ok) revalidatePath('/staff', 'layout');
  return state;
}

export async function createVdcAction(tenantId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const v = createVdc(getDb(), await staffActor(), tenantId, formObject(formData));
    return `${v.name} created.`;
  }, formData);
  if (state.ok) revalidatePath(`/staff/tenants/${tenantId}`);
  return state;
}

export async function updateVdcAction(tenantId: string, vdcId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const v = updateVdc(getDb(), await staffActor(), tenantId, vdcId, formObject(formData));
    return `${v.name} resized.`;
  }, formData);
  if (state.ok) revalidatePath(`/staff/tenants/${tenantId}`);
  return state;
}

export async function deleteVdcAction(tenantId: string, vdcId: string): Promise<FormState> {
  const state = await runAction(async () => {
    deleteVdc(getDb(), await staffActor(), tenantId, vdcId);
    return 'vDC removed.';
  });
  if (state.ok) revalidatePath(`/staff/tenants/${tenantId}`);
  return state;
}
