'use client';

import { useEffect, useRef } from 'react';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

/**
 * Announces a form's outcome: success as a toast (the page re-renders with the change), a
 * refusal inline above the buttons where the person is looking.
 */
export function FormMessage({ state, onSuccess }: { state: FormState; onSuccess?: () => void }) {
  const { toast } = useToast();
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!state.ok || state.at === seen.current) return;
    seen.current = state.at;
    if (state.message) toast({ title: state.message, tone: 'success' });
    onSuccess?.();
  }, [state, toast, onSuccess]);
  if (state.ok || !state.message) return null;
  return (
    <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-600/20 dark:bg-red-500/10 dark:text-red-300">
      {state.message}
    </p>
  );
}
