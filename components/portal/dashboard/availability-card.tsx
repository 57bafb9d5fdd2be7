import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatMinutes, formatNumber, formatPercent } from '@/lib/format';
import type { SlaReportDto } from '@/lib/domain/core/dto';
import { downtimeAllowance } from '@/lib/domain/reports/sla-table';

/** Minutes as the service description writes them: 43.8 min, 219 min. */
const mins = (m: number) => `${formatNumber(m, m % 1 ? 1 : 0)} min`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** This month's availability against the 99.9 % promise, and any credit it earns. */
export function AvailabilityCard({ sla }: { sla: SlaReportDto }) {
  const met = sla.uptimePercent >= sla.targetPercent;
  const allowance = downtimeAllowance(sla.downtimeMinutes);
  const [y, m] = sla.month.split('-').map(Number);
  return (
    <Card data-testid="availability-card">
      <CardHeader
        title="Availability this month"
        description={`${MONTHS[m - 1]} ${y} so far · target ${formatPercent(sla.targetPercent)}`}
        actions={
          <Link prefetch={false} href="/reports" className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
            Reports
          </Link>
        }
      />
      <CardBody>
        <div className="flex items-baseline gap-3">
          <span className="text-3xl font-semibold tabular-nums" data-testid="availability-percent">
            {formatPercent(sla.uptimePercent, 3)}
          </span>
          <Badge tone={met ? 'success' : 'danger'} icon={met ? 'checkCircle' : 'error'}>
            {met ? 'Target met' : 'Below target'}
          </Badge>
        </div>
        <dl className="mt-3 grid grid-cols-[repeat(auto-fit,minmax(7rem,1fr))] gap-3 text-sm">
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Downtime</dt>
            <dd className="font-medium tabular-nums">{formatMinutes(sla.downtimeMinutes)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Maintenance (excluded)</dt>
            <dd className="font-medium tabular-nums">{formatMinutes(sla.maintenanceMinutes)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 dark:text-slate-400">Service credit</dt>
            <dd className="font-medium tabular-nums">{sla.creditPercent ? formatPercent(sla.creditPercent) : 'None'}</dd>
          </div>
        </dl>
        <div className="mt-3 border-t border-slate-200 pt-3 text-sm dark:border-slate-800" data-testid="downtime-allowance">
          <p>
            <span className="font-medium tabular-nums" data-testid="allowance-left">{mins(allowance.leftMinutes)}</span> of the{' '}
            {mins(allowance.allowanceMinutes)} downtime allowed a month at {formatPercent(sla.targetPercent)} left
          </p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Credits: 10 % after {mins(allowance.credit10AfterMinutes)} of downtime (below 99.5 %), 25 % after {mins(allowance.credit25AfterMinutes)} (below 99 %). Scheduled maintenance does not count.
          </p>
        </div>
      </CardBody>
    </Card>
  );
}
