import Link from 'next/link';
import type { AlertDto } from '@/lib/domain/core/dto';
import { Icon } from '@/components/ui/icons';
import { cn } from '@/components/ui/cn';
import { alertText } from '../alerts/alert-now';

/** The list's alert column: an icon whose tooltip (and accessible name) is the alert text. */
export function AlertMarker({ alerts, groupId }: { alerts: AlertDto[]; groupId: string }) {
  if (alerts.length === 0) return <span className="sr-only">No open alerts</span>;
  const error = alerts.some((a) => a.level === 'error');
  const text = alerts.map(alertText).join('\n');
  return (
    <Link
      href={`/alerts?groupId=${encodeURIComponent(groupId)}`}
      title={text}
      aria-label={`${alerts.length} open alert${alerts.length > 1 ? 's' : ''}: ${alerts.map(alertText).join('; ')}`}
      className={cn('inline-flex rounded p-0.5 focus-visible:outline-2 focus-visible:outline-sky-600', error ? 'text-red-600 dark:text-red-400' : 'text-amber-600 dark:text-amber-400')}
    >
      <Icon name={error ? 'error' : 'warning'} className="size-4" />
    </Link>
  );
}
