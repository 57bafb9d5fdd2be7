import Link from 'next/link';
import { GROUP_STATUSES } from '@/lib/schemas/vocabulary';
import { StatusDonut } from '@/components/charts/status-donut';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Icon } from '@/components/ui/icons';
import { GROUP_STATUS } from '@/components/ui/status';
import { TONE_HEX } from '@/components/ui/tone';
import { formatDuration, formatGb } from '@/lib/format';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';

/** Protection health: groups by status (one colour language), with totals an operator scans. */
export function HealthCard({ groups }: { groups: DashboardDto['groups'] }) {
  const counts = GROUP_STATUSES.map((s) => ({ status: s, count: groups.byStatus[s] ?? 0 })).filter((c) => c.count > 0);

  return (
    <Card data-testid="health-card">
      <CardHeader title="Protection health" description="Protection groups by replication status" />
      <CardBody className="flex flex-wrap items-center gap-5">
        <StatusDonut
          center={String(groups.total)}
          caption={groups.total === 1 ? 'group' : 'groups'}
          slices={counts.map((c) => ({ key: c.status, label: GROUP_STATUS[c.status].label, count: c.count, hex: TONE_HEX[GROUP_STATUS[c.status].tone] }))}
        />
        <ul className="min-w-44 flex-1 space-y-1.5 text-sm" aria-label="Groups by status">
          {counts.length === 0 && <li className="text-slate-500 dark:text-slate-400">No protection groups yet.</li>}
          {counts.map((c) => {
            const meta = GROUP_STATUS[c.status];
            return (
              <li key={c.status} className="flex items-center justify-between gap-2">
                <Link prefetch={false} href={`/groups?status=${c.status}`} className="flex min-w-0 items-center gap-1.5 hover:underline">
                  <span className="size-2.5 shrink-0 rounded-full" style={{ background: TONE_HEX[meta.tone] }} aria-hidden="true" />
                  <Icon name={meta.icon} className="size-3.5 shrink-0 text-slate-500 dark:text-slate-400" />
                  <span>{meta.label}</span>
                </Link>
                <span className="font-medium tabular-nums" data-testid={`health-count-${c.status}`}>
                  {c.count}
                </span>
              </li>
            );
          })}
        </ul>
      </CardBody>
      <dl className="grid grid-cols-[repeat(auto-fit,minmax(6rem,1fr))] gap-3 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Protected VMs</dt>
          <dd className="font-semibold tabular-nums">{groups.vms}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Protected storage</dt>
          <dd className="font-semibold tabular-nums">{formatGb(groups.protectedGb)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Average RPO</dt>
          <dd className="font-semibold tabular-nums">{formatDuration(groups.averageRpoSeconds)}</dd>
        </div>
      </dl>
    </Card>
  );
}
