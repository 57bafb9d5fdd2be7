import type { Tone } from '@/components/ui/tone';

/**
 * How current the figures on a polling view are. Live while polls succeed; "delayed" (amber)
 * once a poll has failed or about two polls have been missed; "stale" (red) when nothing has
 * arrived for five polls' worth of time (25 s at the usual 5 s), so a page cut off from the
 * server never goes on looking live.
 */
export type FreshnessState = 'live' | 'delayed' | 'stale';

export type Freshness = { state: FreshnessState; tone: Tone; label: string; ageText: string | null };

/** Polls missed (in time) before the view reads as delayed, then as stale. */
export const DELAYED_AFTER_POLLS = 2.5;
export const STALE_AFTER_POLLS = 5;

const LABEL: Record<FreshnessState, { tone: Tone; label: string }> = {
  live: { tone: 'success', label: 'Live' },
  delayed: { tone: 'warning', label: 'Updates delayed' },
  stale: { tone: 'danger', label: 'Not updating' },
};

/** "just now", "12 s ago", "3 min ago": the age of the last figures read, in real time. */
export function ageText(ageMs: number): string {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 5) return 'just now';
  if (s < 120) return `${s} s ago`;
  const m = Math.floor(s / 60);
  return m < 120 ? `${m} min ago` : `${Math.floor(m / 60)} h ago`;
}

/**
 * `ageMs` since the last successful read (null before the page has measured it: the first
 * render, which must match the server's); `failing` when the latest attempt failed.
 */
export function freshnessOf({ ageMs, failing, pollMs }: { ageMs: number | null; failing: boolean; pollMs: number }): Freshness {
  const age = ageMs ?? 0;
  const state: FreshnessState = age >= STALE_AFTER_POLLS * pollMs ? 'stale' : failing || age >= DELAYED_AFTER_POLLS * pollMs ? 'delayed' : 'live';
  return { state, ...LABEL[state], ageText: ageMs == null ? null : ageText(ageMs) };
}

/** What the indicator needs of a TanStack query: when data last arrived and whether polls fail. */
export type PolledQuery = { dataUpdatedAt: number; failureCount: number; isError: boolean };

/** A view fed by several polls is as current as its least current one. */
export function combinePolls(...polls: PolledQuery[]): PolledQuery {
  return {
    dataUpdatedAt: Math.min(...polls.map((p) => p.dataUpdatedAt)),
    failureCount: polls.reduce((n, p) => n + p.failureCount, 0),
    isError: polls.some((p) => p.isError),
  };
}
