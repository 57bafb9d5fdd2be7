import type { NextRequest } from 'next/server';
import type { DB } from '@/db';
import type { Actor } from '@/lib/core/actor';
import type { LiveMessage } from '@/lib/core/live-events';
import { resolveActor } from '@/lib/auth/resolve-actor';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const LIVE_HEARTBEAT_MS = 15_000;
/** What EventSource waits before reconnecting (it sends Last-Event-ID then). */
const RETRY_MS = 3_000;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: keeps compression (Next's and proxies') from buffering the stream.
  'cache-control': 'no-cache, no-store, no-transform',
  'x-accel-buffering': 'no',
} as const;

export function sseEvent(event: string, id: number, data: unknown): string {
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const invalidateEvent = (m: LiveMessage) => sseEvent('invalidate', m.id, { topics: m.topics, tenantId: m.tenantId });

/** The event that ends a stream whose session or token is no longer valid: no id (the client's Last-Event-ID stays the last change it saw). */
export const reauthEvent = (reason: string) => `event: reauth\ndata: ${JSON.stringify({ reason })}\n\n`;

export const SESSION_ENDED_REASON =
  'The session has ended (signed out, idle or past its lifetime, its password reset or its sessions ended) or the API token was revoked or expired: sign in again, then reopen the stream.';

/**
 * Whether the credentials the stream was opened with still resolve to the same person, read as
 * every request is (lib/auth/resolve-actor: the session's expiry, sign-out, session version,
 * password change, disabled account or suspended tenant; the token's revocation and expiry).
 * Null while they do; otherwise the reason the stream ends.
 */
export async function endedSession(db: DB, req: NextRequest, actor: Actor): Promise<string | null> {
  let now: Actor | null = null;
  try {
    now = await resolveActor(db, req);
  } catch {
    now = null;
  }
  return now && now.userId === actor.userId && now.role === actor.role && (now.tenantId ?? null) === (actor.tenantId ?? null) ? null : SESSION_ENDED_REASON;
}

type Source = {
  /** Registers the listener and returns what to send first; `close` is called exactly once. */
  open: (send: (m: LiveMessage) => void) => { first: string[]; close: () => void };
  signal?: AbortSignal;
  heartbeatMs?: number;
  /**
   * Re-checks the caller every `everyMs`: a reason ends the stream with a `reauth` event. An open
   * stream outlives the request that opened it, so the checks every request gets happen here.
   */
  recheck?: { everyMs: number; ended: () => Promise<string | null> };
};

/**
 * A text/event-stream body: the opening lines, then one `invalidate` event per message, and a
 * heartbeat comment; closed (and unsubscribed) when the client goes away.
 */
export function liveStreamBody({ open, signal, heartbeatMs = LIVE_HEARTBEAT_MS, recheck }: Source): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup?.();
        }
      };
      const { first, close } = open((m) => write(invalidateEvent(m)));
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref?.();
      let checking = false;
      const auth = recheck
        ? setInterval(() => {
            if (checking || !cleanup) return;
            checking = true;
            recheck
              .ended()
              .then((reason) => {
                if (!reason || !cleanup) return;
                write(reauthEvent(reason));
                onAbort();
              })
              .catch(() => {})
              .finally(() => void (checking = false));
          }, recheck.everyMs)
        : null;
      auth?.unref?.();
      const onAbort = () => {
        cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      cleanup = () => {
        cleanup = null;
        clearInterval(heartbeat);
        if (auth) clearInterval(auth);
        signal?.removeEventListener('abort', onAbort);
        close();
      };
      write(`retry: ${RETRY_MS}\n\n`);
      for (const line of first) write(line);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort);
    },
    cancel() {
      cleanup?.();
    },
  });
}
