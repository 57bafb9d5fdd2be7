'use client';

import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';
import { useLiveStatus, useLiveTopics } from '@/components/live/live-store';

/** Live refreshes of one page come at most this often (a burst of changes is one re-render). */
const MIN_GAP_MS = 1_000;

/**
 * Re-renders a server page so status figures stay live without a reload; a server page re-reads
 * the database on each refresh. With `topics`, it refreshes when the live stream announces one
 * of them, and polls every `seconds` only while the stream is down; without, it polls. Only
 * while `active` (e.g. something on the page is still running) and paused while the tab is hidden.
 */
export function AutoRefresh({ seconds = 10, active = true, topics }: { seconds?: number; active?: boolean; topics?: string[] }) {
  const router = useRouter();
  const live = useLiveStatus() === 'live' && topics !== undefined;
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLiveTopics(topics ?? [], () => {
    if (!active || timer.current) return;
    const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      router.refresh();
    }, wait);
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => {
    if (!active || live) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, seconds * 1000);
    return () => clearInterval(id);
  }, [router, seconds, active, live]);
  return null;
}
