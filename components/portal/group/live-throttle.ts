'use client';

import { useEffect, useRef } from 'react';
import { useLiveTopics } from '@/components/live/live-store';

/**
 * Refetches when one of `topics` arrives on the live stream, at most once per `minMs` (an event
 * inside the interval schedules one refetch at its end, so the last change is never lost). For
 * reads that change slower than the group's events come: the engine announces a group on every
 * step it writes (each second or so), while its chart gains a point every 2.5 minutes and its
 * checkpoint list changes with a tag or an application-consistent checkpoint. Counted from the
 * page's load, whose data is fresh.
 */
export function useThrottledLiveRefetch(topics: string[], refetch: () => unknown, minMs: number): void {
  const last = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const run = useRef(refetch);
  useEffect(() => {
    run.current = refetch;
  });
  useEffect(() => {
    last.current ??= Date.now();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, []);
  useLiveTopics(topics, () => {
    if (timer.current) return;
    const go = () => {
      timer.current = null;
      last.current = Date.now();
      void run.current();
    };
    const wait = (last.current ?? 0) + minMs - Date.now();
    if (wait <= 0) go();
    else timer.current = setTimeout(go, wait);
  });
}
