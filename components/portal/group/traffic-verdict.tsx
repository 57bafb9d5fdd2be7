import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import type { ReplicationExplanation as Verdict } from './replication-explanation';

const STYLE = {
  success: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-500/10 dark:text-emerald-200',
  warning: 'bg-amber-50 text-amber-900 dark:bg-amber-500/10 dark:text-amber-200',
  danger: 'bg-red-50 text-red-900 dark:bg-red-500/10 dark:text-red-200',
} as const;

/** The reasoning under the replication charts, in words. */
export function TrafficVerdict({ verdict }: { verdict: Verdict }) {
  return (
    <p data-testid="traffic-verdict" className={cn('mt-3 flex gap-2 rounded-md px-3 py-2 text-sm', STYLE[verdict.tone])}>
      <Icon name={verdict.tone === 'success' ? 'checkCircle' : 'warning'} className="mt-0.5 size-4 shrink-0" />
      <span>{verdict.text}</span>
    </p>
  );
}
