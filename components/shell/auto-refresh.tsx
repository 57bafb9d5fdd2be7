'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/**
 * Re-renders a server page on an interval so status figures stay live without a reload; a
 * server page re-reads the database on each refresh. Only while `active` (e.g. something on
 * the page is still running) and paused while the tab is hidden.
 */
export function AutoRefresh({ seconds = 10, active = true }: { seconds?: number; active?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(id);
  }, [router, seconds, active]);
  return null;
}
