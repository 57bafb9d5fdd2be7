'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

/**
 * Runs a console server action that answers with a FormState: a toast for the outcome, the
 * page refreshed on success. A failure throws after its toast, so a ConfirmDialog that awaited
 * it stays open for another try.
 */
export function useFormStateAction() {
  const { toast } = useToast();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  async function run(action: () => Promise<FormState>, titles: { failed: string; done: string }): Promise<void> {
    const state = await action();
    if (!state.ok) {
      toast({ title: titles.failed, description: state.message, tone: 'danger' });
      throw new Error(state.message);
    }
    toast({ title: state.message ?? titles.done, tone: 'success' });
    startTransition(() => router.refresh());
  }
  return { run, pending, startTransition };
}
