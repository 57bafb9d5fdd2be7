'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { runAction } from '@/app/_lib/run-action';
import { approveRequest, rejectRequest } from '@/lib/domain/approvals/approvals';
import { updateTenantSettings } from '@/lib/domain/approvals/tenant-settings';
import type { TenantSettingsPatch } from '@/lib/schemas/approvals';

/** Approve or reject another administrator's request; an approval also starts it (or says why it could not). */
export async function decideApprovalAction(id: string, decision: 'approve' | 'reject', comment: string): Promise<ActionResult & { operationId?: string | null; runId?: string | null }> {
  let started: { operationId: string | null; runId: string | null } | undefined;
  const result = await runAction(async () => {
    const actor = await requireActor();
    const input = comment.trim() ? { comment: comment.trim() } : {};
    const dto = decision === 'approve' ? await approveRequest(getDb(), actor, id, input) : await rejectRequest(getDb(), actor, id, input);
    started = { operationId: dto.operationId, runId: dto.runId };
    if (dto.status === 'approved-failed') return `Approved, but it could not start: ${dto.error}`;
    return decision === 'approve' ? 'Approved: the operation has started.' : 'Rejected: nothing starts.';
  });
  revalidatePath('/approvals');
  revalidatePath('/');
  return { ...result, ...started };
}

/** The tenant's four-eyes setting (its client administrators only). */
export async function saveApprovalSettingsAction(patch: TenantSettingsPatch): Promise<ActionResult> {
  const result = await runAction(async () => {
    updateTenantSettings(getDb(), await requireActor(), patch);
    return 'Approval settings saved.';
  });
  if (result.ok) revalidatePath('/settings');
  return result;
}
