'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useLiveStatus } from '@/components/live/live-store';
import type { RpoSeriesDto } from '@/lib/domain/core/dto';
import { apiJson, qs } from '../api';
import { rangeOf, type ChartRangeKey } from './chart-ranges';
import { useThrottledLiveRefetch } from './live-throttle';

/** The charts follow the group's live events at most this often (their points are 2.5 min apart at 24 h). */
export const CHART_LIVE_MS = 15_000;

/**
 * The group's RPO and traffic series for a range ending now. "Now" is the simulated clock, which
 * may run faster than the wall clock: every answer carries the server's `to`, which re-anchors
 * the estimate used for the next request's `from`. `initial`: the default (24 h) range as the
 * server read it for the page, shown at once instead of a skeleton.
 */
export function useRpoSeries(groupId: string, rangeKey: ChartRangeKey, serverNowMs: number, initial?: RpoSeriesDto) {
  // `wall` is taken at the first request (not during render): until then the server's reading is "now".
  const anchor = useRef<{ sim: number; wall: number | null }>({ sim: serverNowMs, wall: null });
  const range = rangeOf(rangeKey);
  // Live: the group's events (`group:<id>`: status, a link down, the RPO moving by 30 s or a
  // quarter) refetch it, throttled (the key is not under ['groups', id], which they invalidate at
  // once). One slow timer remains, to move the window on with the clock: new points of a healthy
  // group (its jitter) are not announced, so without it the right edge would stop. Once a minute at
  // most; while the stream is down, the range's own poll (5 s for 1 h and 24 h) is the fallback.
  const live = useLiveStatus() === 'live';
  const query = useQuery({
    queryKey: ['rpo-series', groupId, range.key],
    queryFn: async ({ signal }) => {
      const now = anchor.current.sim + (anchor.current.wall == null ? 0 : Date.now() - anchor.current.wall);
      // 24 h is the API's default window, measured by the server itself: no estimate needed.
      const from = range.key === '24h' ? undefined : new Date(now - range.ms).toISOString();
      const series = await apiJson<RpoSeriesDto>(`/api/v1/groups/${encodeURIComponent(groupId)}/rpo${qs({ from })}`, { signal });
      anchor.current = { sim: Date.parse(series.to), wall: Date.now() };
      return series;
    },
    refetchInterval: live ? Math.max(range.pollMs, 60_000) : range.pollMs,
    // The default range comes rendered with the page (read on the server a moment ago).
    initialData: range.key === '24h' ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  useThrottledLiveRefetch([`group:${groupId}`], query.refetch, CHART_LIVE_MS);
  return query;
}
