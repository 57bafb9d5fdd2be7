import { Badge } from '@/components/ui/badge';
import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';
import { formatRelative } from '@/lib/format';
import type { ServiceRequestDto } from '@/lib/domain/staff/dto';
import { RESPONSE_TARGETS, type RequestPriority } from '@/lib/schemas/requests';

const PRIORITY: Record<RequestPriority, Tone> = { P1: 'danger', P2: 'warning', P3: 'info', P4: 'neutral' };

export function PriorityBadge({ priority }: { priority: RequestPriority }) {
  return (
    <Badge tone={PRIORITY[priority]} title={`Response within ${RESPONSE_TARGETS[priority].label}`}>
      {priority}
    </Badge>
  );
}

const STATUS: Record<ServiceRequestDto['status'], { label: string; tone: Tone; icon: IconName }> = {
  open: { label: 'Open', tone: 'info', icon: 'inbox' },
  'in-progress': { label: 'In progress', tone: 'progress', icon: 'refresh' },
  resolved: { label: 'Resolved', tone: 'success', icon: 'checkCircle' },
  cancelled: { label: 'Cancelled', tone: 'neutral', icon: 'x' },
};

export function RequestStatusBadge({ status }: { status: ServiceRequestDto['status'] }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} icon={s.icon}>
      {s.label}
    </Badge>
  );
}

/** The first-response deadline: due in / overdue while waiting, met or missed once answered. */
export function ResponseDeadline({ request, now }: { request: ServiceRequestDto; now: Date }) {
  if (request.respondedAt) {
    return request.responseOverdue ? (
      <Badge tone="warning" icon="warning" title={`Responded ${formatRelative(request.respondedAt, now)}`}>
        Responded late
      </Badge>
    ) : (
      <Badge tone="success" icon="check">
        Responded in time
      </Badge>
    );
  }
  if (request.status === 'resolved' || request.status === 'cancelled') return <span className="text-xs text-slate-500">—</span>;
  if (request.responseOverdue) {
    return (
      <Badge tone="danger" icon="error">
        Overdue {formatRelative(request.respondBy, now).replace(' ago', '')}
      </Badge>
    );
  }
  return (
    <Badge tone="neutral" icon="hourglass">
      Due {formatRelative(request.respondBy, now)}
    </Badge>
  );
}
