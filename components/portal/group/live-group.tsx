'use client';

import { createContext, use, type ReactNode } from 'react';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { LiveFreshness, type PolledQuery } from '../live/live-freshness';
import { LIVE_MS, useGroup } from '../queries';

const LiveGroup = createContext<{ group: GroupDetailDto; poll: PolledQuery } | null>(null);

/**
 * The group page's one live copy of the group: it starts from what the server rendered and
 * polls GET /groups/{id}; every card reads it from here, so they all move together and the
 * page keeps one query observer instead of one per card.
 */
export function LiveGroupProvider({ initial, children }: { initial: GroupDetailDto; children: ReactNode }) {
  const query = useGroup(initial.id, initial);
  const value = { group: query.data ?? initial, poll: { dataUpdatedAt: query.dataUpdatedAt, failureCount: query.failureCount, isError: query.isError } };
  return <LiveGroup value={value}>{children}</LiveGroup>;
}

function useLive() {
  const live = use(LiveGroup);
  if (!live) throw new Error('useLiveGroup() needs a <LiveGroupProvider> above it (the group page).');
  return live;
}

export function useLiveGroup(): GroupDetailDto {
  return useLive().group;
}

/** How current the group's figures are (the page's freshness indicator). */
export function LiveGroupFreshness() {
  return <LiveFreshness query={useLive().poll} pollMs={LIVE_MS} />;
}
