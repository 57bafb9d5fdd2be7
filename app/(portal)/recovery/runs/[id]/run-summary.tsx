import { RunStatusBadge, RunTypeBadge, RUN_STATUS } from '@/components/portal/recovery/run-badges';
import { Card, CardBody, Stat } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import { ProgressBar } from '@/components/ui/progress';
import type { RunDto } from '@/lib/domain/recovery/run-dto';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';

const FRAME = { failover: 'border-2 border-red-600 dark:border-red-500', move: 'border-2 border-amber-500', 'test-failover': '' } as const;

/** The run at a glance: type (live runs marked as operation pages are), status, progress, time against the worst RTO target. */
export function RunSummary({ run }: { run: RunDto }) {
  const target = run.worstRtoTargetMinutes * 60;
  const over = run.elapsedSeconds > target;
  const c = run.counts;
  const from = run.sourceSiteName ?? [...new Set(run.groups.map((g) => g.fromSiteName))].join(', ');
  const to = [...new Set(run.groups.map((g) => g.toSiteName))].join(', ');
  return (
    <Card className={cn(FRAME[run.type])} data-testid="run-summary">
      {run.type !== 'test-failover' && (
        <div role="note" data-testid="run-live-marker" className={cn('rounded-t-md px-4 py-2 text-sm font-semibold', run.type === 'move' ? 'bg-amber-500 text-slate-950' : 'bg-red-600 text-white')}>
          {run.type === 'move' ? 'MOVE' : 'LIVE FAILOVER'} of {run.groups.length} groups from {from}: this changes where production runs. It is not a test.
        </div>
      )}
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <span data-testid="run-status" data-status={run.status}>
            <RunStatusBadge status={run.status} />
          </span>
          <RunTypeBadge type={run.type} />
          <span className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
            {from} <Icon name="arrowRight" className="size-4 text-slate-400" /> {to}
          </span>
          {run.planName && <span className="text-sm text-slate-500">Plan “{run.planName}”</span>}
        </div>
        <div>
          <div className="mb-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
            <span>Progress of all groups</span>
            <span className="tabular-nums" data-testid="run-progress">
              {Math.round(run.progress * 100)} %
            </span>
          </div>
          <ProgressBar value={run.progress} label="Progress of the run" tone={RUN_STATUS[run.status]?.tone ?? 'progress'} />
        </div>
        <div>
          <div className="mb-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
            <span>{run.finishedAt ? 'Duration' : 'Elapsed'} against the worst RTO target of the run</span>
            <span className={cn('tabular-nums', over && 'font-medium text-red-700 dark:text-red-400')} data-testid="run-elapsed">
              {formatDuration(run.elapsedSeconds)} of {formatMinutes(run.worstRtoTargetMinutes)}
              {over ? ' — over target' : ''}
            </span>
          </div>
          <ProgressBar value={target > 0 ? run.elapsedSeconds / target : 0} label="Elapsed time against the RTO target" tone={over ? 'danger' : 'success'} />
        </div>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="run-counts">
          <Stat label="Recovered" value={`${c.recovered} of ${c.groups}`} hint={c.failed ? `${c.failed} failed` : c.notStarted ? `${c.notStarted} not started` : undefined} />
          <Stat label="Awaiting a decision" value={c.awaitingDecision} hint={c.awaitingDecision ? (run.type === 'test-failover' ? 'tests to stop' : 'commit or roll back') : undefined} />
          <Stat label="Running" value={c.running} hint={c.waiting ? `${c.waiting} waiting for their tier` : undefined} />
          <Stat label="Rolled back / cancelled" value={c.rolledBack + c.cancelled} />
        </dl>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Started {formatDateTime(run.startedAt, { seconds: true })}
          {run.finishedAt ? ` · ended ${formatDateTime(run.finishedAt, { seconds: true })}` : ''} · times are UTC on the simulated clock
        </p>
      </CardBody>
    </Card>
  );
}
