import type { LiveMessage } from '@/lib/core/live-events';

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

type Source = {
  /** Registers the listener and returns what to send first; `close` is called exactly once. */
  open: (send: (m: LiveMessage) => void) => { first: string[]; close: () => void };
  signal?: AbortSignal;
  heartbeatMs?: number;
};

/**
 * A text/event-stream body: the opening lines, then one `invalidate` event per message, and a
 * heartbeat comment; closed (and unsubscribed) when the client goes away.
 */
export function liveStreamBody({ open, signal, heartbeatMs = LIVE_HEARTBEAT_MS }: Source): ReadableStream<Uint8Array> {
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
