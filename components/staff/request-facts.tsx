import { formatDateTime } from '@/lib/format';
import type { ServiceRequestDto } from '@/lib/domain/staff/dto';
import { describeChange, KIND_LABEL } from './resource-change';
import { RESPONSE_TARGETS } from '@/lib/schemas/requests';

/** The facts of a request, shared by the staff and the client view. */
export function RequestFacts({ request: r }: { request: ServiceRequestDto }) {
  const rows: [string, string][] = [
    ['Tenant', r.tenantName],
    ['Kind', KIND_LABEL[r.kind]],
    ...(r.vdcName || r.vdcId ? ([['vDC', r.vdcName ?? r.vdcId!]] as [string, string][]) : []),
    ...(r.change ? ([['Change', describeChange(r.change)]] as [string, string][]) : []),
    ['Raised by', r.requestedByEmail ?? r.requestedBy],
    ['Raised', formatDateTime(r.createdAt)],
    ['Respond by', `${formatDateTime(r.respondBy)} (${r.priority}: ${RESPONSE_TARGETS[r.priority].label})`],
    ['First response', r.respondedAt ? formatDateTime(r.respondedAt) : 'Awaiting'],
    ['Assigned to', r.assignedToEmail ?? 'Unassigned'],
    ...(r.resolvedAt ? ([[r.status === 'cancelled' ? 'Cancelled' : 'Resolved', formatDateTime(r.resolvedAt)]] as [string, string][]) : []),
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="text-slate-900 dark:text-slate-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
