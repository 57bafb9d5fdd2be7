'use client';

import { useQuery } from '@tanstack/react-query';
import { useFallbackInterval } from '@/components/live/live-store';
import { CHECKPOINT_KINDS } from '@/lib/schemas/vocabulary';
import type { CheckpointDto, Page } from '@/lib/domain/core/dto';
import { apiJson, qs } from '../api';
import { useThrottledLiveRefetch } from './live-throttle';
import { CHART_LIVE_MS } from './use-rpo-series';

/**
 * The checkpoints worth a dot: application-consistent and tagged ones (rare enough that one page
 * covers the history), and only the newest crash-consistent one (they come every few seconds and
 * cover the history continuously, which the timeline draws as a band).
 */
export function useCheckpoints(groupId: string) {
  // Refetched on the group's live events (throttled, as the charts: not under ['groups', id],
  // which they invalidate at once); polled (slowly) only while the stream is down.
  const refetchInterval = useFallbackInterval();
  const query = useQuery({
    queryKey: ['group-checkpoints', groupId],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        CHECKPOINT_KINDS.map((kind) => apiJson<Page<CheckpointDto>>(`/api/v1/groups/${encodeURIComponent(groupId)}/checkpoints${qs({ kind, limit: kind === 'crash' ? 1 : 500 })}`, { signal })),
      );
      return Object.fromEntries(CHECKPOINT_KINDS.map((k, i) => [k, pages[i].items])) as Record<(typeof CHECKPOINT_KINDS)[number], CheckpointDto[]>;
    },
    refetchInterval,
  });
  useThrottledLiveRefetch([`group:${groupId}`], query.refetch, CHART_LIVE_MS);
  return query;
}
