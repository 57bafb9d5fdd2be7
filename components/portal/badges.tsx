import type { Priority } from '@/lib/schemas/groups';
import { Badge } from '@/components/ui/badge';
import { Icon } from '@/components/ui/icons';
import { cn } from '@/components/ui/cn';
import { formatDate } from '@/lib/format';
import { PRIORITY } from './labels';
import { testCompliance, type TestRecord } from './test-compliance';

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
export function LastTestBadge({ test, nowMs, showDate = false }: { test: TestRecord; nowMs: number; showDate?: boolean }) {
  const c = testCompliance(test, nowMs);
  const date = c.state === 'failed' ? (test.lastTestedAt ? `last passed ${formatDate(test.lastTestedAt)}` : 'no passed test') : test.lastTestedAt && formatDate(test.lastTestedAt);
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-testid="last-test" data-state={c.state}>
      <Badge tone={c.tone} icon={c.icon} title={c.description}>
        {c.label}
      </Badge>
      {showDate && date && <span className="text-xs text-slate-500 dark:text-slate-400">{date}</span>}
    </span>
  );
}
