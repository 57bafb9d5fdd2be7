'use client';

import { useState } from 'react';
import { apiJson, ApiProblem } from '@/components/portal/api';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Icon } from '@/components/ui/icons';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import type { PreflightDto } from '@/lib/domain/operations/operation-preflight';
import { formatDuration, formatMinutes } from '@/lib/format';
import { describeCheckpoint } from './checkpoint-picker';
import { liveLabel, startBody, startPath, type LiveOptions, type RecoveryPoint, type WizardMode } from './wizard-state';
import type { CommitPolicy } from '@/lib/schemas/operation-limits';

type Props = {
  context: FailoverContextDto;
  mode: WizardMode;
  point: RecoveryPoint;
  options: LiveOptions;
  preflight: PreflightDto | undefined;
  onStarted: (operationId: string) => void;
};

const POLICY: Record<CommitPolicy, string> = { manual: 'manual commit', 'auto-commit': 'auto-commit', 'auto-rollback': 'auto-rollback' };

/** A summary of what will happen, then the start; live and move ask for the group's name first. */
export function StartStep({ context, mode, point, options, preflight, onStarted }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  const label = mode === 'test-failover' ? 'Test failover' : mode === 'move' ? 'Move' : liveLabel(context);
  const disruptive = mode !== 'test-failover';

  async function start() {
    setProblem(null);
    setPending(true);
    try {
      const op = await apiJson<OperationDto>(startPath(context.group.id, mode), { method: 'POST', body: startBody(mode, point, options) });
      onStarted(op.id);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'Error', 'Network error'));
      setPending(false);
      throw error;
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-center gap-4 rounded-md bg-slate-50 p-4 text-sm dark:bg-slate-800/50" data-testid="start-summary">
        <div className="rounded-md border border-slate-300 bg-white px-3 py-2 text-center dark:border-slate-600 dark:bg-slate-900">
          <div className="text-xs text-slate-500">from</div>
          <div className="font-semibold">{context.source.name}</div>
        </div>
        <div className="flex flex-col items-center text-xs text-slate-600 dark:text-slate-300">
          <span className="font-semibold uppercase">{label}</span>
          <Icon name="arrowRight" className="size-6" />
          <span>{context.plan.reduce((n, bg) => n + bg.vms.length, 0)} VMs in {context.plan.length} boot group(s)</span>
        </div>
        <div className="rounded-md border border-slate-300 bg-white px-3 py-2 text-center dark:border-slate-600 dark:bg-slate-900">
          <div className="text-xs text-slate-500">to</div>
          <div className="font-semibold">{context.target.name}</div>
        </div>
      </div>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>
          Recovery point: {mode === 'move' ? 'clean checkpoint after the final sync' : preflight?.checkpoint ? describeCheckpoint(preflight.checkpoint) : 'latest'} (data loss{' '}
          {formatDuration(preflight?.dataLossSeconds ?? null)})
        </li>
        {disruptive && <li>Source VMs: {options.shutdownSource || mode === 'move' ? `shut down gracefully first, forced off after ${formatDuration(options.shutdownGraceSeconds)}` : 'left running'}</li>}
        {disruptive && <li>Reverse protection: {options.reverseProtection ? 'yes, replicate back after the commit' : 'no, the group will not replicate after the commit'}</li>}
        {disruptive && <li>Commit: {POLICY[options.commitPolicy]}{options.commitPolicy === 'manual' ? '' : ` after ${formatMinutes(options.commitTimeoutMinutes)}`}</li>}
        <li>RTO target {formatMinutes(context.group.rtoTargetMinutes)}</li>
      </ul>
      {problem && (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-500/10 dark:text-red-300" role="status">
          <p className="font-medium">{problem.title}: {problem.message}</p>
          {problem.checks.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problem.checks.map((c) => <li key={c.check}>{c.message}</li>)}
            </ul>
          )}
        </div>
      )}
      <Button
        variant={disruptive ? 'danger' : 'primary'}
        icon={disruptive ? 'switch' : 'flask'}
        pending={pending}
        disabled={!preflight?.ok}
        onClick={() => (disruptive ? setConfirming(true) : void start().catch(() => {}))}
      >
        Start {label.toLowerCase()}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title={`Start the ${label.toLowerCase()} of ${context.group.name}?`}
        description={`Production moves from ${context.source.name} to ${context.target.name}.${mode === 'failover' && options.shutdownSource ? ' The source VMs are shut down.' : ''} This is not a test.`}
        confirmationText={context.group.name}
        confirmLabel={`Start ${label.toLowerCase()}`}
        onConfirm={start}
      />
    </div>
  );
}
