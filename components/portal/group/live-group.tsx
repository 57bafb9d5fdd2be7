'use client';

import { createContext, use, type ReactNode } from 'react';
import type { GroupDetailDto } from '@/lib/domain/dto';
import { useGroup } from '../queries';

const LiveGroup = createContext<GroupDetailDto | null>(null);

/**
 * The group page's one live copy of the group: it starts from what the server rendered and
 * polls GET /groups/{id}; every card reads it from here, so they all move together and the
 * page keeps one query observer instead of one per card.
 */
export function LiveGroupProvider({ initial, children }: { initial: GroupDetailDto; children: ReactNode }) {
  const group = useGroup(initial.id, initial).data ?? initial;
  return <LiveGroup value={group}>{children}</LiveGroup>;
}

export function useLiveGroup(): GroupDetailDto {
  const group = use(LiveGroup);
  if (!group) throw new Error('useLiveGroup() needs a <LiveGroupProvider> above it (the group page).');
  return group;
}
