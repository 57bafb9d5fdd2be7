'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { clearCheckFaults, forceCheckFailure } from '@/lib/domain/drills/checks';
import { runAction } from '@/app/_lib/run-action';

/* Fault injection into a tenant's application checks (staff only; the use cases authorise and audit). */

export async function forceCheckFailureAction(tenantId: string, vmId: string, checkId: string | null): Promise<ActionResult> {
  const result = await runAction(async () => {
    await forceCheckFailure(getDb(), await requireActor(), vmId, checkId ? { checkId, reason: 'Fault injection from the provider console' } : { reason: 'Fault injection from the provider console' });
    return 'The check will fail in test failovers until cleared.';
  });
  if (result.ok) revalidatePath(`/staff/tenants/${tenantId}`);
  return result;
}

export async function clearCheckFaultsAction(tenantId: string, vmId: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await clearCheckFaults(getDb(), await requireActor(), vmId);
    return 'Faults cleared: the checks pass or fail on their own again.';
  });
  if (result.ok) revalidatePath(`/staff/tenants/${tenantId}`);
  return result;
}
