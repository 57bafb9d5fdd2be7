'use client';

import Link from 'next/link';
import { useState } from 'react';
import { apiJson, ApiProblem } from '@/components/portal/api';
import { Field, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Icon } from '@/components/ui/icons';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import type { PreflightDto } from '@/lib/domain/operations/operation-preflight';
import { formatDuration, formatMinutes } from '@/lib/format';
import { describeCheckpoint } from './checkpoint-picker';
import { liveLabel, startBody, startPath, type LiveOptions, type RecoveryPoint, type WizardMode } from './wizard-state';
import { BREAK_GLASS_REASON, type CommitPolicy } from '@/lib/schemas/operation-limits';

type Props = {
  context: FailoverContextDto;
  mode: WizardMode;
  point: RecoveryPoint;
  options: LiveOptions;
  preflight: PreflightDto | undefined;
  onStarted: (operationId: string) => void;
};

type StartAnswer = OperationDto | { status: 'awaiting-approval'; approvalId: string };

const POLICY: Record<CommitPolicy, string> = { manual: 'manual commit', 'auto-commit': 'auto-commit', 'auto-rollback': 'auto-rollback' };

/** A summary of what will happen, then the start; live and move ask for the group's name first. */
export function StartStep({ context, mode, point, options, preflight, onStarted }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  const [reason, setReason] = useState('');
  const [breakGlass, setBreakGlass] = useState(false);
  const [sentFor, setSentFor] = useState<string | null>(null);
  const label = mode === 'test-failover' ? 'Test failover' : mode === 'move' ? 'Move' : liveLabel(context);
  const disruptive = mode !== 'test-failover';
  // Four-eyes approval (issue 17): a live start becomes a request unless the requester breaks glass.
  const gated = disruptive && context.approvalRequired;
  const asRequest = gated && !breakGlass;
  const reasonShort = breakGlass && reason.trim().length < BREAK_GLASS_REASON.min;

  async function start() {
    setProblem(null);
    setPending(true);
    try {
      const body = { ...startBody(mode, point, options), ...(gated && reason.trim() ? { reason: reason.trim() } : {}), ...(gated && breakGlass ? { breakGlass: true } : {}) };
      const answer = await apiJson<StartAnswer>(startPath(context.group.id, mode), { method: 'POST', body });
      if (answer.status === 'awaiting-approval') {
        setSentFor((answer as { approvalId: string }).approvalId);
        setPending(false);
        return;
      }
      onStarted((answer as OperationDto).id);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'Error', 'Network error'));
      setPending(false);
      throw error;
    }
  }

  if (sentFor) {
    return (
      <div className="space-y-3 rounded-md border border-sky-300 bg-sky-50 p-4 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-500/10 dark:text-sky-200" role="status" data-testid="sent-for-approval">
        <p className="flex items-center gap-2 text-base font-semibold">
          <Icon name="check" className="size-5" /> Sent for approval
        </p>
        <p>
          The {label.toLowerCase()} of {context.group.name} starts when another client administrator approves it. The request expires after{' '}
          {formatMinutes(context.approvalTimeoutMinutes)}; the checkpoint and pre-flight checks are evaluated again when it is approved.
        </p>
        <Link href={`/approvals#${sentFor}`} className="font-medium underline">
          Follow the request on the Approvals page
        </Link>
      </div>
    );
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
      {gated && (
        <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-500/10 dark:text-amber-200" data-testid="approval-note">
          <p>
            <strong>Four-eyes approval:</strong> your organisation requires a second client administrator to approve live failovers, moves and failbacks. This sends a request;
            nothing starts until it is approved (it expires after {formatMinutes(context.approvalTimeoutMinutes)}).
          </p>
          <Field htmlFor="start-reason" label={breakGlass ? 'Reason (required for break glass)' : 'Reason (shown to the approver)'} error={reasonShort && reason ? `At least ${BREAK_GLASS_REASON.min} characters.` : null}>
            <Textarea id="start-reason" rows={2} maxLength={BREAK_GLASS_REASON.max} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Quarterly DR exercise agreed with the business" />
          </Field>
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-0.5 size-4 accent-red-700" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} data-testid="break-glass" />
            <span>
              <strong>Break glass:</strong> start now without approval, because no second administrator can be reached. It is marked on the operation and in the audit trail, and every other
              administrator is told.
            </span>
          </label>
        </div>
      )}
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
        disabled={!preflight?.ok || reasonShort}
        onClick={() => (disruptive ? setConfirming(true) : void start().catch(() => {}))}
      >
        {asRequest ? `Send ${label.toLowerCase()} for approval` : `Start ${label.toLowerCase()}${gated ? ' without approval' : ''}`}
      </Button>
      {asRequest ? (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={`Ask for approval of the ${label.toLowerCase()} of ${context.group.name}?`}
          description={`Another client administrator is asked to approve it. When approved it starts as set here: production moves from ${context.source.name} to ${context.target.name}.`}
          confirmLabel="Send for approval"
          onConfirm={start}
        />
      ) : (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          tone="danger"
          title={`Start the ${label.toLowerCase()} of ${context.group.name}${gated ? ' without approval' : ''}?`}
          description={`Production moves from ${context.source.name} to ${context.target.name}.${mode === 'failover' && options.shutdownSource ? ' The source VMs are shut down.' : ''} This is not a test.${gated ? ' Break glass: the other administrators are told.' : ''}`}
          confirmationText={context.group.name}
          confirmLabel={`Start ${label.toLowerCase()}`}
          onConfirm={start}
        />
      )}
    </div>
  );
}
