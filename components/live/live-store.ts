'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * The browser side of the live stream (GET /api/v1/events): its connection status and the
 * topics it receives, for the hooks that decide whether to poll. One stream per tab, opened by
 * <LiveUpdates /> in the signed-in frame.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** While the stream is down, queries it would refresh fall back to polling this slowly. */
export const FALLBACK_POLL_MS = 60_000;

let status: LiveStatus = 'connecting';
const statusListeners = new Set<() => void>();
const topicListeners = new Set<(topics: string[] | 'reset') => void>();

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const l of statusListeners) l();
}

export function emitTopics(topics: string[] | 'reset'): void {
  for (const l of topicListeners) l(topics);
}

function subscribeStatus(l: () => void) {
  statusListeners.add(l);
  return () => void statusListeners.delete(l);
}

export function useLiveStatus(): LiveStatus {
  // The server renders "connecting": the stream is opened in the browser only.
  return useSyncExternalStore(subscribeStatus, () => status, () => 'connecting');
}

/** A query's refetchInterval: none while the stream carries its changes, `ms` (default 60 s) while it is down. */
export function useFallbackInterval(ms = FALLBACK_POLL_MS): number | false {
  return useLiveStatus() === 'live' ? false : ms;
}

/** Calls `onChange` when one of `topics` (or a reset) arrives on the stream. */
export function useLiveTopics(topics: string[], onChange: () => void): void {
  const ref = useRef({ topics, onChange });
  useEffect(() => {
    ref.current = { topics, onChange };
  });
  useEffect(() => {
    const l = (got: string[] | 'reset') => {
      if (got === 'reset' || got.some((t) => ref.current.topics.includes(t))) ref.current.onChange();
    };
    topicListeners.add(l);
    return () => void topicListeners.delete(l);
  }, []);
}
