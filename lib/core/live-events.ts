/**
 * The in-process publisher of "what changed" for the live stream (GET /api/v1/events).
 *
 * Places that change state call `publishLive(tenantId, topics)`; nothing else is sent, no data:
 * a browser (or a script) holding the stream refetches what it shows for the topics it gets.
 * Messages are coalesced: the topics published for one tenant within `coalesceMs` go out as one
 * message (so each topic at most once per window). Every message has a monotonically increasing
 * id and is kept in a bounded ring, so a client that reconnects with `Last-Event-ID` receives
 * what it missed, or a `reset` (refetch everything) when its id is older than the ring.
 *
 * Scope: a message of a tenant reaches subscribers of that tenant and the staff's service-wide
 * subscribers; a message without a tenant (provider-wide: sites) reaches everyone. The audience
 * is decided by lib/domain/live/events.ts from the actor, like every read.
 *
 * One process only: several instances behind a load balancer will need PostgreSQL
 * LISTEN/NOTIFY (or similar) to fan messages out between them (issue 21). The class depends on
 * neither the database nor Next, so it is tested as a plain class; `publishLive` waits for the
 * caller's transaction to commit (db/after-commit.ts) and drops what a rolled-back one published.
 */
import { afterCommit } from '@/db/after-commit';

export type LiveMessage = { id: number; tenantId: string | null; topics: string[] };

/** Who a subscriber is: a tenant's member (that tenant only) or service-wide staff (`tenantId` null). */
export type LiveAudience = { tenantId: string | null };

export type LiveListener = (message: LiveMessage) => void;

export type Subscription = {
  /** What the subscriber missed since its Last-Event-ID, or 'reset' when that is too old to tell. */
  replay: LiveMessage[] | 'reset';
  /** The newest id sent so far (the stream's starting point when there is nothing to replay). */
  lastId: number;
  unsubscribe: () => void;
};

type Options = {
  coalesceMs?: number;
  ringSize?: number;
  /** The first id is this plus one; by default derived from the start time, so a restarted server's ids never repeat the old ones. */
  firstId?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export const LIVE_COALESCE_MS = 250;
export const LIVE_RING_SIZE = 1_000;

export function reaches(audience: LiveAudience, message: Pick<LiveMessage, 'tenantId'>): boolean {
  return audience.tenantId === null || message.tenantId === null || message.tenantId === audience.tenantId;
}

export class LiveEvents {
  private readonly coalesceMs: number;
  private readonly ringSize: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  /** Tenant ('' = provider-wide) → topics waiting for the next flush. */
  private readonly pending = new Map<string, Set<string>>();
  private timer: unknown = null;
  private readonly ring: LiveMessage[] = [];
  private nextId: number;
  /** Ids up to this one may have been sent: resuming from an id at or before it is possible only when the ring holds the rest. */
  private readonly firstId: number;
  private readonly subscribers = new Set<{ audience: LiveAudience; listener: LiveListener }>();

  constructor(options: Options = {}) {
    this.coalesceMs = options.coalesceMs ?? LIVE_COALESCE_MS;
    this.ringSize = options.ringSize ?? LIVE_RING_SIZE;
    this.firstId = options.firstId ?? Date.now() * 1000;
    this.nextId = this.firstId + 1;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref?.());
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Queues topics for the tenant (null: provider-wide); they go out at the end of the coalescing window. */
  publish(tenantId: string | null, topics: Iterable<string>): void {
    const key = tenantId ?? '';
    let set = this.pending.get(key);
    for (const topic of topics) {
      if (!set) this.pending.set(key, (set = new Set()));
      set.add(topic);
    }
    if (set && this.timer === null) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        this.flush();
      }, this.coalesceMs);
    }
  }

  /** Sends what is pending now (the timer calls it; tests and shutdown may too). */
  flush(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    const batch = [...this.pending];
    this.pending.clear();
    for (const [key, topics] of batch) {
      const message: LiveMessage = { id: this.nextId++, tenantId: key === '' ? null : key, topics: [...topics].sort() };
      this.ring.push(message);
      if (this.ring.length > this.ringSize) this.ring.shift();
      for (const s of this.subscribers) {
        if (!reaches(s.audience, message)) continue;
        try {
          s.listener(message);
        } catch (error) {
          console.error('[cloudshield] live-events listener failed', error);
        }
      }
    }
  }

  /**
   * Registers a listener. With `lastEventId` (the client's Last-Event-ID), `replay` holds the
   * messages after it that the audience may see, or 'reset' when the ring no longer reaches back
   * that far (or the id is not one of this process: a restart).
   */
  subscribe(audience: LiveAudience, listener: LiveListener, lastEventId?: number | null): Subscription {
    const entry = { audience, listener };
    this.subscribers.add(entry);
    const newest = this.nextId - 1;
    let replay: LiveMessage[] | 'reset' = [];
    if (lastEventId != null) {
      const oldestKept = this.ring.length ? this.ring[0].id : this.nextId;
      if (!Number.isSafeInteger(lastEventId) || lastEventId < oldestKept - 1 || lastEventId > newest) replay = 'reset';
      else replay = this.ring.filter((m) => m.id > lastEventId && reaches(audience, m));
    }
    return { replay, lastId: newest, unsubscribe: () => void this.subscribers.delete(entry) };
  }
}

const globalForLive = globalThis as unknown as { __cloudshieldLiveEvents?: LiveEvents };

/** The process's publisher (on globalThis: Next may load this module in several bundles). */
export function liveEvents(): LiveEvents {
  globalForLive.__cloudshieldLiveEvents ??= new LiveEvents();
  return globalForLive.__cloudshieldLiveEvents;
}

/**
 * Publishes to the process's publisher; never throws (a change must not fail because nobody
 * listens). Called inside a transaction, it waits for the COMMIT, and publishes nothing if the
 * transaction rolls back: pages must not refetch for a change that never happened.
 */
export function publishLive(tenantId: string | null, topics: Iterable<string>): void {
  const list = [...topics];
  afterCommit(() => {
    try {
      liveEvents().publish(tenantId, list);
    } catch (error) {
      console.error('[cloudshield] live-events publish failed', error);
    }
  });
}

/** The topics of a change to one group. */
export const groupTopics = (groupId: string) => ['groups', `group:${groupId}`, 'dashboard'];
