import Link from 'next/link';
import { Card, CardBody, Stat } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Icon } from '@/components/ui/icons';
import { ProgressBar } from '@/components/ui/progress';
import { OperationStatusBadge } from '@/components/ui/status-badge';
import { OPERATION_STATUS } from '@/components/ui/status';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { cn } from '@/components/ui/cn';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';
import type { CommitPolicy } from '@/lib/schemas/operation-limits';

const LIVE_BANNER: Record<OperationDto['type'], string> = { failover: 'LIVE FAILOVER', failback: 'LIVE FAILBACK', move: 'MOVE', 'test-failover': 'TEST' };

function shutdownText(op: OperationDto): string {
  if (!op.options.shutdownSource) return 'not requested';
  return op.options.shutdownGraceSeconds === null ? 'requested' : `graceful, forced after ${formatDuration(op.options.shutdownGraceSeconds)}`;
}

const POLICY: Record<CommitPolicy, string> = { manual: 'Manual commit', 'auto-commit': 'Auto-commit', 'auto-rollback': 'Auto-rollback' };

/** The operation at a glance: direction, progress, time against the RTO target, recovery point. */
export function OperationSummary({ op }: { op: OperationDto }) {
  const target = op.rtoTargetMinutes * 60;
  const rtoMet = op.rtoSeconds !== null && op.rtoSeconds <= target;
  const tone = OPERATION_STATUS[op.status]?.tone ?? 'neutral';
  const live = op.type !== 'test-failover';
  return (
    <Card className={cn(live && (op.type === 'move' ? 'border-2 border-amber-500' : 'border-2 border-red-600 dark:border-red-500'))}>
      {live && (
        // Marked like the wizard's live mode: this changed where production runs, it is not a test.
        <div
          role="note"
          data-testid="live-marker"
          className={cn('rounded-t-md px-4 py-2 text-sm font-semibold', op.type === 'move' ? 'bg-amber-500 text-slate-950' : 'bg-red-600 text-white')}
        >
          {LIVE_BANNER[op.type]} from {op.fromSiteName} to {op.toSiteName}: this changes where production runs. It is not a test.
        </div>
      )}
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <span data-testid="operation-status" data-status={op.status}>
            <OperationStatusBadge status={op.status} />
          </span>
          <Badge tone={live ? 'danger' : 'info'} icon={live ? 'switch' : 'flask'}>
            {OPERATION_TYPE_LABEL[op.type]}
          </Badge>
          <span className="flex items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300" data-testid="operation-direction">
            {op.fromSiteName} <Icon name="arrowRight" className="size-4 text-slate-400" /> {op.toSiteName}
          </span>
          {op.runId && (
            <Link href={`/recovery/runs/${op.runId}`} className="text-sm font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" data-testid="operation-run-link">
              Part of a recovery run
            </Link>
          )}
        </div>
        <div>
          <div className="mb-1 flex justify-between text-xs text-slate-500 dark:text-slate-400">
            <span>Progress</span>
            <span className="tabular-nums" data-testid="operation-progress">{Math.round(op.progress * 100)} %</span>
          </div>
          <ProgressBar value={op.progress} label={`Progress of the ${OPERATION_TYPE_LABEL[op.type].toLowerCase()}`} tone={tone} />
        </div>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label={op.finishedAt ? 'Duration' : 'Elapsed'} value={formatDuration(op.elapsedSeconds)} hint={`RTO target ${formatMinutes(op.rtoTargetMinutes)}`} />
          <Stat
            label="Achieved RTO"
            value={<span data-testid="operation-rto">{formatDuration(op.rtoSeconds)}</span>}
            hint={op.rtoSeconds === null ? 'measured when the last VM is up' : rtoMet ? 'within target' : `over target by ${formatDuration(op.rtoSeconds - target)}`}
          />
          <Stat
            label="Recovery point"
            value={op.checkpointTime ? formatDateTime(op.checkpointTime, { seconds: true }).replace(' UTC', '') : op.type === 'move' ? 'After final sync' : '—'}
            hint={`data loss ${formatDuration(op.dataLossSeconds)}`}
          />
          {live ? (
            <Stat
              label="Commit policy"
              value={POLICY[op.options.commitPolicy]}
              hint={op.hold ? `on hold since ${formatDateTime(op.hold.since, { seconds: true })}` : op.commitDeadline ? `acts at ${formatDateTime(op.commitDeadline, { seconds: true })}` : op.options.commitPolicy === 'manual' ? 'waits for a person' : `after ${formatMinutes(op.options.commitTimeoutMinutes)}`}
            />
          ) : (
            <Stat label="Result" value={<span data-testid="operation-result">{op.result ? (op.result === 'passed' ? 'Passed' : 'Failed') : '—'}</span>} hint={op.notes ?? undefined} />
          )}
        </dl>
        {op.breakGlassReason && (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-500/10 dark:text-red-200" data-testid="operation-start-break-glass">
            <strong>Break glass:</strong> started by {op.startedBy} without the second administrator&apos;s approval that your organisation requires: “{op.breakGlassReason}”
          </p>
        )}
        {op.breakGlass && (
          <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-500/10 dark:text-red-200" data-testid="operation-break-glass">
            <strong>Break-glass rollback</strong> by {op.breakGlass.by} while {op.breakGlass.siteOffline} was offline: “{op.breakGlass.reason}”
          </p>
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Started {formatDateTime(op.startedAt, { seconds: true })}
          {op.finishedAt ? ` · ended ${formatDateTime(op.finishedAt, { seconds: true })}` : ''}
          {live ? ` · source shutdown ${shutdownText(op)} · reverse protection ${op.options.reverseProtection ? 'on' : 'off'}` : ''}
          {op.options.network ? ` · ${op.options.network.kind} network "${op.options.network.network}" (${op.options.network.mode})` : ''}
        </p>
      </CardBody>
    </Card>
  );
}
