import 'server-only';
import type { Executor } from '@/db';
import type { Actor } from '@/lib/core/actor';
import { serverConfig } from '@/lib/config';
import { DomainError } from '@/lib/core/errors';
import { liveEvents, type LiveEvents, type LiveListener, type Subscription } from '@/lib/core/live-events';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';

/** Open streams per user by default (a browser holds one per tab): the next one is refused with 429. LIVE_STREAMS_PER_USER changes it. */
export const LIVE_MAX_CONNECTIONS_PER_USER = 5;

function maxStreams(): number {
  try {
    return serverConfig().LIVE_STREAMS_PER_USER;
  } catch {
    return LIVE_MAX_CONNECTIONS_PER_USER;
  }
}

export class TooManyStreamsError extends DomainError {
  constructor(max: number) {
    super(429, 'Too many open streams', `At most ${max} event streams may be open per user; close one (a browser tab) and retry.`, { retryAfterSeconds: 5 });
  }
}

const globalForStreams = globalThis as unknown as { __cloudshieldLiveStreams?: Map<string, number> };
const openStreams = () => (globalForStreams.__cloudshieldLiveStreams ??= new Map());

/** How many streams the user holds open now (for tests and the metrics of the future). */
export function openStreamCount(userId: string): number {
  return openStreams().get(userId) ?? 0;
}

/** The Last-Event-ID header (or `lastEventId` query parameter) as an id; anything else as no id. */
export function parseLastEventId(value: string | null | undefined): number | null {
  if (value == null || value.trim() === '') return null;
  const n = Number(value.trim());
  // A malformed id cannot be resumed from: NaN makes the publisher answer with a reset.
  return Number.isSafeInteger(n) && n >= 0 ? n : Number.NaN;
}

export type LiveStreamSubscription = Subscription & { tenantId: string | null };

/**
 * Subscribes the actor to the live stream. Client roles receive their tenant's messages (and
 * provider-wide ones), staff every tenant's, or one tenant's while acting for it. Everyone who
 * may read the tenant's status may listen: the messages name only topics, never data, and every
 * refetch they trigger goes through its own read's authorisation. Unsubscribing releases the
 * user's connection slot; call it exactly once (on close).
 */
export function subscribeLive(db: Executor, actor: Actor, lastEventId: number | null, listener: LiveListener, publisher: LiveEvents = liveEvents()): LiveStreamSubscription {
  authorize(db, actor, 'tenant:read');
  const tenantId = tenantScope(actor);
  const streams = openStreams();
  const held = streams.get(actor.userId) ?? 0;
  const max = maxStreams();
  if (held >= max) throw new TooManyStreamsError(max);
  streams.set(actor.userId, held + 1);
  const sub = publisher.subscribe({ tenantId }, listener, lastEventId);
  let released = false;
  return {
    ...sub,
    tenantId,
    unsubscribe: () => {
      if (released) return;
      released = true;
      sub.unsubscribe();
      const now = (streams.get(actor.userId) ?? 1) - 1;
      if (now > 0) streams.set(actor.userId, now);
      else streams.delete(actor.userId);
    },
  };
}
