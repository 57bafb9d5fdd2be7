'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { emitTopics, setLiveStatus, useLiveStatus } from './live-store';
import { queryFiltersOf } from './topic-keys';

/** After a refused or dropped stream that EventSource gave up on, try again this much later. */
const REOPEN_MS = 15_000;

/**
 * Opens the tab's one live stream and turns its `invalidate` events into TanStack Query
 * invalidations (only queries on screen refetch); a `reset` refetches everything. EventSource
 * reconnects by itself with Last-Event-ID, so what happened meanwhile arrives on reconnection.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let closed = false;
    const open = () => {
      if (closed) return;
      source = new EventSource('/api/v1/events');
      source.addEventListener('ready', () => setLiveStatus('live'));
      source.addEventListener('invalidate', (e) => {
        setLiveStatus('live');
        let topics: string[] = [];
        try {
          topics = (JSON.parse((e as MessageEvent<string>).data) as { topics?: string[] }).topics ?? [];
        } catch {
          return;
        }
        for (const topic of topics) for (const filters of queryFiltersOf(topic)) void queryClient.invalidateQueries(filters);
        emitTopics(topics);
      });
      source.addEventListener('reset', () => {
        setLiveStatus('live');
        void queryClient.invalidateQueries();
        emitTopics('reset');
      });
      source.onerror = () => {
        setLiveStatus('reconnecting');
        // CLOSED: a refusal (401, 429) or a broken response; EventSource will not retry by itself.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      closed = true;
      if (reopen) clearTimeout(reopen);
      source?.close();
      setLiveStatus('connecting');
    };
  }, [queryClient]);
  return null;
}

/** The header's small "Live" / "Reconnecting" mark. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const live = status === 'live';
  const label = live ? 'Live' : status === 'connecting' ? 'Connecting' : 'Reconnecting';
  return (
    <span
      role="status"
      data-live-status={status}
      title={live ? 'Updates arrive as they happen' : 'Updates are paused; the page refreshes every minute until the connection is back'}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
    >
      <span aria-hidden className={`size-2 rounded-full ${live ? 'bg-emerald-500' : 'animate-pulse bg-amber-500'}`} />
      {label}
    </span>
  );
}
