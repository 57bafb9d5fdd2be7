'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { emitTopics, setLiveStatus, useLiveStatus, type LiveStatus } from './live-store';
import { queryFiltersOf } from './topic-keys';

/** After a refused or dropped stream that EventSource gave up on, try again this much later. */
const REOPEN_MS = 15_000;
/** After a `reauth` (the session the stream was opened with ended), reopen with the browser's current cookie this much later. */
const REAUTH_REOPEN_MS = 1_000;
/** The Web Lock the tab holding the stream keeps, and the channel it relays the stream on (both per origin). */
export const LIVE_LOCK = 'cloudshield-live-stream';
export const LIVE_CHANNEL = 'cloudshield-live';

/** What the leader tab relays to the others (and answers a new tab's `hello` with). */
type Relay =
  | { type: 'hello' }
  | { type: 'status'; status: LiveStatus; id: string | null }
  | { type: 'invalidate'; topics: string[]; id: string }
  | { type: 'reset'; id: string }
  | { type: 'reauth' };

type Handlers = {
  status: (status: LiveStatus, id: string | null) => void;
  invalidate: (topics: string[], id: string) => void;
  reset: (id: string) => void;
  reauth: () => void;
};

/**
 * Opens GET /api/v1/events and keeps it open: EventSource reconnects by itself with
 * Last-Event-ID; after a refusal (401, 429) or a `reauth` it is reopened here, resuming from the
 * last id seen (`?lastEventId=`). Returns the function that closes it for good.
 */
function openStream(firstId: string | null, on: Handlers): () => void {
  let source: EventSource | null = null;
  let reopen: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let lastId = firstId;
  const open = () => {
    if (closed) return;
    reopen = null;
    source = new EventSource(lastId ? `/api/v1/events?lastEventId=${encodeURIComponent(lastId)}` : '/api/v1/events');
    const idOf = (e: Event) => ((e as MessageEvent).lastEventId || lastId) ?? '';
    source.addEventListener('ready', (e) => {
      lastId = idOf(e) || lastId;
      on.status('live', lastId);
    });
    source.addEventListener('invalidate', (e) => {
      lastId = idOf(e);
      let topics: string[] = [];
      try {
        topics = (JSON.parse((e as MessageEvent<string>).data) as { topics?: string[] }).topics ?? [];
      } catch {
        return;
      }
      on.status('live', lastId);
      on.invalidate(topics, lastId);
    });
    source.addEventListener('reset', (e) => {
      lastId = idOf(e);
      on.status('live', lastId);
      on.reset(lastId);
    });
    // The session or token the stream was opened with is no longer valid: the server ends the stream.
    source.addEventListener('reauth', () => {
      source?.close();
      on.status('reconnecting', lastId);
      on.reauth();
      reopen = setTimeout(open, REAUTH_REOPEN_MS);
    });
    source.onerror = () => {
      if (reopen) return; // closed after a reauth: already scheduled
      on.status('reconnecting', lastId);
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
  };
}

/**
 * The browser's one live stream, shared by its tabs: browsers allow six connections per site over
 * HTTP/1.1, and a stream per tab would use them up. One tab, the leader, holds the Web Lock
 * LIVE_LOCK and the EventSource, and relays what arrives on a BroadcastChannel; every tab turns
 * it into TanStack Query invalidations of its own cache (only queries on screen refetch; a
 * `reset` refetches everything). When the leader closes, its lock passes to a waiting tab, which
 * opens the stream from the last id relayed, so nothing is missed. Without Web Locks or
 * BroadcastChannel (old browsers), each tab opens its own.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const router = useRouter();
  // Read through a ref: the stream (and the tab's leadership) must not be dropped and retaken
  // because the router object changed between renders.
  const refresh = useRef(() => router.refresh());
  useEffect(() => {
    refresh.current = () => router.refresh();
  }, [router]);
  useEffect(() => {
    const invalidate = (topics: string[]) => {
      for (const topic of topics) for (const filters of queryFiltersOf(topic)) void queryClient.invalidateQueries(filters);
      emitTopics(topics);
    };
    const reset = () => {
      void queryClient.invalidateQueries();
      emitTopics('reset');
    };
    // A server render decides whether the person is still signed in (and sends them to sign in if not).
    const reauth = () => refresh.current();

    const shared = typeof BroadcastChannel !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.locks;
    if (!shared) {
      const stop = openStream(null, { status: (s) => setLiveStatus(s), invalidate, reset, reauth });
      return () => {
        stop();
        setLiveStatus('connecting');
      };
    }

    const channel = new BroadcastChannel(LIVE_CHANNEL);
    let leader = false;
    let disposed = false;
    let heard = false;
    let status: LiveStatus = 'connecting';
    let lastId: string | null = null;
    const post = (m: Relay) => {
      try {
        channel.postMessage(m);
      } catch {
        // closed while unmounting
      }
    };
    channel.onmessage = (e: MessageEvent<Relay>) => {
      const m = e.data;
      if (m.type === 'hello') {
        if (leader) post({ type: 'status', status, id: lastId });
        return;
      }
      if (leader) return; // only one tab holds the lock: nothing else is relayed to it
      heard = true;
      if ('id' in m && m.id) lastId = m.id;
      if (m.type === 'status') setLiveStatus(m.status);
      else if (m.type === 'invalidate') {
        setLiveStatus('live');
        invalidate(m.topics);
      } else if (m.type === 'reset') {
        setLiveStatus('live');
        reset();
      } else if (m.type === 'reauth') reauth();
    };
    post({ type: 'hello' });
    // A hello can cross a leader that is only just taking over: ask again until one answers.
    const hello = setInterval(() => {
      if (heard || leader) clearInterval(hello);
      else post({ type: 'hello' });
    }, 2_000);

    const abort = new AbortController();
    let release = () => {};
    let stop = () => {};
    navigator.locks
      .request(LIVE_LOCK, { signal: abort.signal }, () =>
        new Promise<void>((resolve) => {
          // Granted just as this instance was unmounted (an abort after the grant is too late): give the lock back.
          if (disposed) return resolve();
          leader = true;
          release = resolve;
          stop = openStream(lastId, {
            status: (s, id) => {
              lastId = id;
              if (s === status) return;
              status = s;
              setLiveStatus(s);
              post({ type: 'status', status: s, id });
            },
            invalidate: (topics, id) => {
              invalidate(topics);
              post({ type: 'invalidate', topics, id });
            },
            reset: (id) => {
              reset();
              post({ type: 'reset', id });
            },
            reauth: () => {
              reauth();
              post({ type: 'reauth' });
            },
          });
        }),
      )
      .catch(() => {
        // AbortError: unmounted while waiting for the lock
      });
    return () => {
      disposed = true;
      clearInterval(hello);
      abort.abort();
      stop();
      release();
      // The other tabs wait for the next leader (a tab closing does not get here; its lock is released all the same).
      if (leader) post({ type: 'status', status: 'reconnecting', id: lastId });
      leader = false;
      channel.close();
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
      title={live ? 'Updates arrive as they happen' : 'Updates are paused: the figures shown may be out of date. The page refreshes every minute until the connection is back.'}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
    >
      <span aria-hidden className={`size-2 rounded-full ${live ? 'bg-emerald-500' : 'animate-pulse bg-amber-500'}`} />
      {label}
      {status === 'reconnecting' && (
        <>
          <span aria-hidden className="hidden sm:inline">· may be stale</span>
          <span className="sr-only">: the figures shown may be out of date</span>
        </>
      )}
    </span>
  );
}
