'use client';

import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import type { PreflightDto } from '@/lib/domain/operations/operation-preflight';
import { formatDuration } from '@/lib/format';
import { describeCheckpoint } from './checkpoint-picker';

type Props = { data: PreflightDto | undefined; error: Error | null; loading: boolean; onRerun: () => void };

/** Each pre-flight check with its outcome; a failed check blocks the start. */
export function PreflightReview({ data, error, loading, onRerun }: Props) {
  if (loading && !data) {
    return (
      <div role="status" aria-label="Running pre-flight checks" className="space-y-2">
        {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} className="h-5 w-full" />)}
      </div>
    );
  }
  if (error || !data) return <p className="text-sm text-red-700 dark:text-red-400">The checks could not run: {error?.message ?? 'unknown error'}</p>;
  return (
    <div className="space-y-3">
      <p className={cn('text-sm font-medium', data.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400')} data-testid="preflight-verdict">
        {data.ok ? 'All pre-flight checks passed.' : `${data.checks.filter((c) => !c.ok).length} check(s) failed: the operation cannot start.`}
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700" data-testid="preflight-checks">
        {data.checks.map((c) => (
          <li key={c.check} className="flex items-start gap-2.5 px-3 py-2 text-sm" data-check={c.check} data-ok={c.ok}>
            <Icon
              name={!c.ok ? 'error' : c.warning ? 'warning' : 'checkCircle'}
              className={cn('mt-0.5 size-4 shrink-0', !c.ok ? 'text-red-600' : c.warning ? 'text-amber-600' : 'text-emerald-600')}
            />
            <span className="min-w-0">
              <span className="font-medium">{c.label}</span>
              <span className="sr-only">{!c.ok ? ' — failed' : c.warning ? ' — passed with a warning' : ' — passed'}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{c.message}</span>
            </span>
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-slate-500">Recovery point: </dt>
          <dd className="inline">{data.type === 'move' ? 'after the final sync' : data.checkpoint ? describeCheckpoint(data.checkpoint) : '—'}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Data loss: </dt>
          <dd className="inline tabular-nums" data-testid="preflight-loss">{formatDuration(data.dataLossSeconds)}</dd>
        </div>
      </dl>
      <Button size="sm" icon="refresh" onClick={onRerun} pending={loading}>
        Run the checks again
      </Button>
    </div>
  );
}
