'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import { runAction, type ActionOutcome } from '@/app/_lib/run-action';
import { backUpNow } from '@/lib/domain/backups/service';
import { formatBytes } from '@/lib/format';
import { staffActor } from '../_lib/staff-actor';

/** "Back up now": resolves when the copy is written and verified; a second press while one runs is refused (409) with the reason. */
export async function backUpNowAction(): Promise<ActionOutcome> {
  const result = await runAction(async () => {
    const { backup, deleted } = await backUpNow(getDb(), await staffActor());
    const pruned = deleted.length ? ` Retention deleted ${deleted.length} older backup${deleted.length === 1 ? '' : 's'}.` : '';
    return `${backup.file} written and verified (${formatBytes(backup.sizeBytes)}).${pruned}`;
  });
  revalidatePath('/staff/backups');
  return result;
}
