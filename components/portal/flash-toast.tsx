'use client';

import { useEffect, useRef } from 'react';
import { useToast, type ToastInput } from '@/components/ui/toast';

/**
 * Shows the outcome of an action that ended in a redirect (created, deleted) once, then drops
 * the marker from the URL so a reload does not repeat it.
 */
export function FlashToast({ toast: input, param }: { toast: ToastInput; param: string }) {
  const { toast } = useToast();
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    toast(input);
    const url = new URL(window.location.href);
    url.searchParams.delete(param);
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }, [input, param, toast]);
  return null;
}
