'use client';

import { StatusBadge } from '@/components/ui/status-badge';
import { LiveGroupFreshness, useLiveGroup } from './live-group';

/** The header's status badge, kept live, and how current it is. */
export function GroupStatusLive() {
  const group = useLiveGroup();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span data-testid="group-status" data-status={group.status}>
        <StatusBadge status={group.status} subStatus={group.subStatus} />
      </span>
      <LiveGroupFreshness />
    </span>
  );
}
