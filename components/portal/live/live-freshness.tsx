'use client';

import { useSyncExternalStore } from 'react';
import { useLiveStatus } from '@/components/live/live-store';
import { cn } from '@/components/ui/cn';
import { Icon, type IconName } from '@/components/ui/icons';
import { TONE_BADGE } from '@/components/ui/tone';
import { freshnessOf, type FreshnessState, type PolledQuery } from './freshness';

export type { PolledQuery };

const ICON: Record<FreshnessState, IconName> = { live: 'activity', delayed: 'warning', stale: 'error' };

/**
 * The wall clock to the second, shared by every indicator on the page (one timer while any is
 * mounted). Null on the server and while hydrating, so the first render matches the server's.
 */
let wallNow = 0;
const wallListeners = new Set<() => void>();
let wallTimer: ReturnType<typeof setInterval> | null = null;

function subscribeWallClock(listener: () => void): () => void {
  wallListeners.add(listener);
  if (!wallTimer) {
    wallNow = Date.now();
    wallTimer = setInterval(() => {
      wallNow = Date.now();
      for (const l of wallListeners) l();
    }, 1_000);
  }
  return () => {
    wallListeners.delete(listener);
    if (wallListeners.size === 0 && wallTimer) {
      clearInterval(wallTimer);
      wallTimer = null;
    }
  };
}

function useWallClock(): number | null {
  return useSyncExternalStore(subscribeWallClock, () => wallNow || null, () => null);
}

/**
 * When the figures of a polling view were last read, and whether they still arrive: "Live ·
 * updated just now", amber "Updates delayed" after a failed or ~2 missed polls, red "Not
 * updating" after five. The state is a polite live region (announced when it changes, not every
 * second); the ticking age beside it is not. Every polling view shows this one indicator.
 */
export function LiveFreshness({ query, pollMs, className }: { query: PolledQuery; pollMs: number; className?: string }) {
  const now = useWallClock();
  // With the live stream up, nothing arriving means nothing changed: the figures are current however old.
  const pushed = useLiveStatus() === 'live';
  const f = freshnessOf({
    // Before the clock is read (server render, hydration) data the page came with reads as just
    // read, so the badge keeps its width when the clock starts (no layout shift on a phone).
    ageMs: !query.dataUpdatedAt ? null : now == null || pushed ? 0 : Math.max(0, now - query.dataUpdatedAt),
    failing: query.isError || query.failureCount > 0,
    pollMs,
  });
  return (
    <span data-testid="freshness" data-state={f.state} className={cn('badge', TONE_BADGE[f.tone], 'font-normal', className)}>
      <Icon name={ICON[f.state]} className="size-3.5 shrink-0" />
      <span role="status" aria-live="polite" className="font-medium">
        {f.label}
        {f.state !== 'live' && <span className="sr-only">: the figures shown may be out of date; retrying</span>}
      </span>
      {f.ageText && <span>· updated {f.ageText}</span>}
    </span>
  );
}
