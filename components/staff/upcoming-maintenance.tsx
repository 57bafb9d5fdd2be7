import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { formatDateTime, formatDuration, formatRelative } from '@/lib/format';
import type { MaintenanceWindowDto } from '@/lib/domain/staff/dto';

/**
 * For the client dashboard: the provider's upcoming maintenance that touches this tenant
 * (from listUpcomingMaintenance). Renders nothing when none is planned.
 */
export function UpcomingMaintenance({ windows, now }: { windows: MaintenanceWindowDto[]; now: Date }) {
  if (!windows.length) return null;
  return (
    <Card data-testid="upcoming-maintenance">
      <CardHeader title="Planned maintenance" description="Scheduled by the provider; this time does not count against availability." />
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {windows.map((w) => (
          <li key={w.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2.5 text-sm">
            <span>
              <span className="font-medium text-slate-900 dark:text-slate-100">{w.siteName ?? 'All sites'}</span>
              <span className="text-slate-600 dark:text-slate-400"> · {w.description}</span>
            </span>
            <span className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
              {w.state === 'in-progress' ? (
                <Badge tone="progress" icon="wrench">
                  In progress
                </Badge>
              ) : (
                formatRelative(w.startsAt, now)
              )}
              <span>
                {formatDateTime(w.startsAt)} for {formatDuration((Date.parse(w.endsAt) - Date.parse(w.startsAt)) / 1000)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
