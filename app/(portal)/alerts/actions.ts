'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { ActionResult } from '@/components/portal/action-result';
import { requireActor } from '@/lib/auth/current-actor';
import { acknowledgeAlert } from '@/lib/domain/replication/alerts';
import { runAction } from '@/app/_lib/run-action';

/** Someone has seen the alert: recorded with who and when; it stays open until its cause clears. */
export async function acknowledgeAlertAction(id: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    await acknowledgeAlert(getDb(), await requireActor(), id);
    return 'Alert acknowledged.';
  });
  if (result.ok) revalidatePath('/alerts');
  return result;
}
