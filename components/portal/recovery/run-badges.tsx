import { Badge } from '@/components/ui/badge';
import type { StatusMeta } from '@/components/ui/status';
import { OperationStatusBadge } from '@/components/ui/status-badge';
import type { RunGroupDto } from '@/lib/domain/recovery/run-dto';
import { RUN_STATUS_LABEL, RUN_TYPE_LABEL, type RunStatus, type RunType } from '@/lib/schemas/recovery-runs';

/** A run's status in the portal's one colour language, with icon and word. */
export const RUN_STATUS: Record<RunStatus, StatusMeta> = {
  'in-progress': { label: RUN_STATUS_LABEL['in-progress'], tone: 'progress', icon: 'switch' },
  completed: { label: RUN_STATUS_LABEL.completed, tone: 'success', icon: 'checkCircle' },
  'partially-completed': { label: RUN_STATUS_LABEL['partially-completed'], tone: 'warning', icon: 'warning' },
  failed: { label: RUN_STATUS_LABEL.failed, tone: 'danger', icon: 'error' },
  'rolled-back': { label: RUN_STATUS_LABEL['rolled-back'], tone: 'neutral', icon: 'undo' },
  cancelled: { label: RUN_STATUS_LABEL.cancelled, tone: 'neutral', icon: 'x' },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const m = RUN_STATUS[status] ?? { label: status, tone: 'neutral', icon: 'info' };
  return (
    <Badge tone={m.tone} icon={m.icon}>
      {m.label}
    </Badge>
  );
}

/** Test blue, live failover red, move amber: as the wizards and operation pages mark them. */
export function RunTypeBadge({ type }: { type: RunType }) {
  return (
    <Badge tone={type === 'test-failover' ? 'info' : type === 'move' ? 'warning' : 'danger'} icon={type === 'test-failover' ? 'flask' : type === 'move' ? 'arrowRight' : 'switch'}>
      {RUN_TYPE_LABEL[type]}
    </Badge>
  );
}

/** A group's place in the run: its operation's status once started, else waiting / not started / cancelled. */
export function RunGroupBadge({ group }: { group: Pick<RunGroupDto, 'state' | 'operationStatus'> }) {
  if (group.state === 'started' && group.operationStatus) return <OperationStatusBadge status={group.operationStatus} />;
  if (group.state === 'waiting') return <Badge tone="neutral" icon="hourglass">Waiting for its tier</Badge>;
  if (group.state === 'not-started') return <Badge tone="danger" icon="error">Not started</Badge>;
  if (group.state === 'cancelled') return <Badge tone="neutral" icon="x">Cancelled</Badge>;
  return <Badge tone="neutral" icon="hourglass">Starting</Badge>;
}
