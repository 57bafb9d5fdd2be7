import type { Priority } from '@/db/schema';
import { Badge } from '@/components/ui/badge';
import { Icon } from '@/components/ui/icons';
import { cn } from '@/components/ui/cn';
import { formatDate } from '@/lib/format';
import { PRIORITY } from './labels';
import { testCompliance } from './test-compliance';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const p = PRIORITY[priority];
  return (
    <Badge tone={p.tone} title={p.hint}>
      {p.label}
    </Badge>
  );
}

/** Production → recovery site, the way replication flows. */
export function Direction({ from, to, className }: { from: string; to: string; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1 whitespace-nowrap', className)}>
      <span>{from}</span>
      <Icon name="arrowRight" className="size-3.5 shrink-0 text-slate-500 dark:text-slate-400" />
      <span className="sr-only">to</span>
      <span>{to}</span>
    </span>
  );
}

/** The last test against the annual duty, with the date for the record. */
export function LastTestBadge({ lastTestedAt, nowMs, showDate = false }: { lastTestedAt: string | null; nowMs: number; showDate?: boolean }) {
  const c = testCompliance(lastTestedAt, nowMs);
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-testid="last-test" data-state={c.state}>
      <Badge tone={c.tone} icon={c.icon} title={lastTestedAt ? `Last test ${formatDate(lastTestedAt)}` : 'No test failover on record'}>
        {c.label}
      </Badge>
      {showDate && lastTestedAt && <span className="text-xs text-slate-500 dark:text-slate-400">{formatDate(lastTestedAt)}</span>}
    </span>
  );
}
