import type { GroupStatus } from '@/lib/schemas/groups';
import type { OperationStatus } from '@/lib/schemas/operations';
import type { SiteStatus } from '@/lib/schemas/sites';
import { Badge } from './badge';
import { GROUP_STATUS, OPERATION_STATUS, SITE_STATUS, type StatusMeta } from './status';

type Common = {
  /** Why, in words ("initial sync 3 of 5 VMs, ETA 12 min"), shown under the label. */
  subStatus?: string | null;
  className?: string;
};

function MetaBadge({ meta, subStatus, className }: { meta: StatusMeta } & Common) {
  const badge = (
    <Badge tone={meta.tone} icon={meta.icon} className={className}>
      {meta.label}
    </Badge>
  );
  if (!subStatus) return badge;
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      {badge}
      <span className="text-xs text-slate-500 dark:text-slate-400">{subStatus}</span>
    </span>
  );
}

/** A protection group's status: icon + label + colour, with the sub-status beneath. */
export function StatusBadge({ status, ...rest }: { status: GroupStatus } & Common) {
  return <MetaBadge meta={GROUP_STATUS[status] ?? unknown(status)} {...rest} />;
}

export function OperationStatusBadge({ status, ...rest }: { status: OperationStatus } & Common) {
  return <MetaBadge meta={OPERATION_STATUS[status] ?? unknown(status)} {...rest} />;
}

export function SiteStatusBadge({ status, ...rest }: { status: SiteStatus } & Common) {
  return <MetaBadge meta={SITE_STATUS[status] ?? unknown(status)} {...rest} />;
}

// A status the UI does not know yet (a newer server) still renders, neutrally, with its raw name.
function unknown(status: string): StatusMeta {
  return { label: status, tone: 'neutral', icon: 'info' };
}
