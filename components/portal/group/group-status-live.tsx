'use client';

import type { GroupDetailDto } from '@/lib/domain/dto';
import { StatusBadge } from '@/components/ui/status-badge';
import { useGroup } from '../queries';

/** The header's status badge, kept live. */
export function GroupStatusLive({ initial }: { initial: GroupDetailDto }) {
  const group = useGroup(initial.id, initial).data ?? initial;
  return (
    <span data-testid="group-status" data-status={group.status}>
      <StatusBadge status={group.status} subStatus={group.subStatus} />
    </span>
  );
}
