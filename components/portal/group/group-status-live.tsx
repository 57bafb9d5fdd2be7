'use client';

import { StatusBadge } from '@/components/ui/status-badge';
import { useLiveGroup } from './live-group';

/** The header's status badge, kept live. */
export function GroupStatusLive() {
  const group = useLiveGroup();
  return (
    <span data-testid="group-status" data-status={group.status}>
      <StatusBadge status={group.status} subStatus={group.subStatus} />
    </span>
  );
}
