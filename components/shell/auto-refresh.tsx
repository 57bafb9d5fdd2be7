'use client';

import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';
import { useLiveStatus, useLiveTopics } from '@/components/live/live-store';

/**
 * Re-renders a server page so status figures stay live without a reload; a server page re-reads
 * the database on each refresh. It refreshes when the live stream announces one of `topics`
 * (at most once per `minGapSeconds`: a burst of changes is one re-render, the first at once),
 * and polls every `seconds` only while the stream is down (the header then says the figures may
 * be stale), and then only while `active` (e.g. something on the page is still running); polls
 * pause while the tab is hidden.
 *
 * `clockSeconds` is the one timer that stays with the stream up, for pages whose text depends on
 * the clock rather than on data (a response deadline passing): no change is announced for time
 * passing. Use it only for that.
 */
export function AutoRefresh({
  seconds = 10,
  active = true,
  topics,
  minGapSeconds = 1,
  clockSeconds,
}: {
  seconds?: number;
  active?: boolean;
  topics: string[];
  minGapSeconds?: number;
  clockSeconds?: number;
}) {
  const router = useRouter();
  const live = useLiveStatus() === 'live';
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Announced changes always refresh: `active` only limits the fallback poll (a new operation or approval appears at once).
  useLiveTopics(topics, () => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + minGapSeconds * 1000 - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      router.refresh();
    }, wait);
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // The fallback: the stream is down (or not yet up), so changes are not announced.
  const every = !active ? null : !live ? seconds : (clockSeconds ?? null);
  useEffect(() => {
    if (every === null) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, every * 1000);
    return () => clearInterval(id);
  }, [router, every]);
  return null;
}
