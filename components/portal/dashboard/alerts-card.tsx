import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ALERT_LEVEL } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { AlertMessage } from '../alerts/alert-message';
import { ALERT_CODE } from '../labels';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';

/** Open alerts, most recent first; the full list and breach history live on /alerts. */
export function AlertsCard({ alerts }: { alerts: DashboardDto['alerts'] }) {
  return (
    <Card data-testid="alerts-card">
      <CardHeader
        title={`Open alerts (${alerts.open})`}
        description="Raised by replication monitoring; they close themselves when the cause clears"
        actions={
          <Link prefetch={false} href="/alerts" className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
            All alerts
          </Link>
        }
      />
      {alerts.open === 0 ? (
        <EmptyState icon="checkCircle" title="No open alerts" description="Replication is not reporting any problem." />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {alerts.latest.map((a) => {
            const level = ALERT_LEVEL[a.level];
            return (
              <li key={a.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-2.5 text-sm sm:flex-nowrap">
                <Badge tone={level.tone} icon={level.icon} className="mt-0.5">
                  {level.label}
                </Badge>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {ALERT_CODE[a.code] ?? a.code}
                    {a.groupName && a.groupId && (
                      <>
                        {' · '}
                        <Link prefetch={false} href={`/groups/${a.groupId}`} className="hover:underline">
                          {a.groupName}
                        </Link>
                      </>
                    )}
                  </p>
                  <AlertMessage message={a.message} current={a.current} truncate />
                </div>
                {/* On a phone the time takes its own line: the message keeps the width. */}
                <span className="basis-full text-xs text-slate-500 sm:shrink-0 sm:basis-auto dark:text-slate-400">{formatDateTime(a.raisedAt)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
