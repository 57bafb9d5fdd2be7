import { apiRoute } from '@/lib/api/handler';
import { endedSession, invalidateEvent, liveStreamBody, SSE_HEADERS, sseEvent } from '@/lib/api/live-stream';
import { liveAuthRecheckSeconds } from '@/lib/config';
import { parseLastEventId, subscribeLive } from '@/lib/domain/live/events';

export const dynamic = 'force-dynamic';

/**
 * The live stream (Server-Sent Events): `invalidate` events naming the topics that changed in
 * the caller's scope, a `ready` event at the start, a `reset` when the Last-Event-ID is too old
 * to resume from, and a heartbeat comment every 15 s. The session or token is checked again every
 * LIVE_AUTH_RECHECK_SECONDS (30 s): once it is no longer valid (expired, signed out, sessions
 * ended by a password reset, token revoked) a `reauth` event ends the stream.
 */
export const GET = apiRoute(async ({ db, actor, req }) => {
  const lastEventId = parseLastEventId(req.headers.get('last-event-id') ?? req.nextUrl.searchParams.get('lastEventId'));
  let deliver: (m: Parameters<typeof invalidateEvent>[0]) => void = () => {};
  // Subscribed (and the connection slot taken) before the response: a refusal is a plain 401/403/429.
  const sub = subscribeLive(db, actor, lastEventId, (m) => deliver(m));
  const body = liveStreamBody({
    signal: req.signal,
    recheck: { everyMs: liveAuthRecheckSeconds() * 1000, ended: () => endedSession(db, req, actor) },
    open: (send) => {
      deliver = send;
      const first =
        sub.replay === 'reset'
          ? [sseEvent('reset', sub.lastId, { reason: 'Last-Event-ID is too old to resume from: refetch everything.' })]
          : [...sub.replay.map(invalidateEvent), sseEvent('ready', sub.lastId, { tenantId: sub.tenantId })];
      return { first, close: sub.unsubscribe };
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
});
