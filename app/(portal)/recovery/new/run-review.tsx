'use client';

import Link from 'next/link';
import { useState } from 'react';
import { apiJson, ApiProblem } from '@/components/portal/api';
import { plural } from '@/components/portal/labels';
import { Meter } from '@/components/portal/meter';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Icon } from '@/components/ui/icons';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { RunDto, RunPreflightDto } from '@/lib/domain/recovery/run-dto';
import type { SiteClaimDto } from '@/lib/domain/recovery/run-capacity';
import { formatDuration, formatMinutes } from '@/lib/format';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';
import { RUN_TYPE_LABEL, type RunType } from '@/lib/schemas/recovery-runs';
import { BREAK_GLASS_REASON } from '@/lib/schemas/operation-limits';
import { CONFIRM_TEXT, type RunOptions } from './run-wizard-state';

type Props = {
  type: RunType;
  body: Record<string, unknown>;
  options: RunOptions;
  data: RunPreflightDto | undefined;
  error: Error | null;
  loading: boolean;
  onRerun: () => void;
  onStarted: (runId: string) => void;
  /** Four-eyes approval is on: a live run or move is sent for approval unless the requester breaks glass. */
  approvalRequired?: boolean;
};

const POLICY = { manual: 'manual commit of the whole run', 'auto-commit': 'auto-commit', 'auto-rollback': 'auto-rollback' } as const;

/**
 * The pre-flight of the whole run: per group its tier, data loss and predicted RTO against the
 * target; the capacity of each recovery site for all of its groups together; every problem with
 * what to do. Then the start, confirmed by typing when it changes where production runs.
 */
export function RunReview({ type, body, options, data, error, loading, onRerun, onStarted, approvalRequired = false }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  const disruptive = type !== 'test-failover';
  const label = RUN_TYPE_LABEL[type];
  const [breakGlass, setBreakGlass] = useState(false);
  const [sentFor, setSentFor] = useState<string | null>(null);
  const gated = disruptive && approvalRequired;
  const asRequest = gated && !breakGlass;
  const reasonShort = gated && breakGlass && options.reason.trim().length < BREAK_GLASS_REASON.min;

  async function start() {
    setProblem(null);
    setPending(true);
    try {
      const answer = await apiJson<RunDto | { status: 'awaiting-approval'; approvalId: string }>('/api/v1/recovery-runs', { method: 'POST', body: { ...body, ...(gated && breakGlass ? { breakGlass: true } : {}) } });
      if (answer.status === 'awaiting-approval') {
        setSentFor((answer as { approvalId: string }).approvalId);
        setPending(false);
        setConfirming(false);
        return;
      }
      onStarted((answer as RunDto).id);
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'Error', 'Network error'));
      setPending(false);
      // The 422/409 shows here in place; the dialog closes so it can be read.
      setConfirming(false);
    }
  }

  if (loading && !data) {
    return (
      <div role="status" aria-label="Running pre-flight checks" className="space-y-2">
        {Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-5 w-full" />)}
      </div>
    );
  }
  if (error || !data) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-red-700 dark:text-red-400" data-testid="run-preflight-error">The checks could not run: {error?.message ?? 'unknown error'}</p>
        <Button size="sm" icon="refresh" onClick={onRerun} pending={loading}>
          Run the checks again
        </Button>
      </div>
    );
  }
  const toSites = [...new Set(data.groups.map((g) => g.toSiteName))];
  const fromSites = [...new Set(data.groups.map((g) => g.fromSiteName))];
  const vms = data.groups.reduce((n, g) => n + g.vmCount, 0);
  const confirmText = CONFIRM_TEXT[type];
  if (sentFor) {
    return (
      <div className="space-y-2 rounded-md border border-sky-300 bg-sky-50 p-4 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-500/10 dark:text-sky-200" role="status" data-testid="sent-for-approval">
        <p className="flex items-center gap-2 text-base font-semibold">
          <Icon name="check" className="size-5" /> Sent for approval
        </p>
        <p>The {label.toLowerCase()} of {plural(data.groups.length, 'group')} starts when another client administrator approves it; its checks run again then.</p>
        <Link href={`/approvals#${sentFor}`} className="font-medium underline">
          Follow the request on the Approvals page
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-5">
      <p className={cn('text-sm font-medium', data.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400')} data-testid="run-preflight-verdict">
        {data.ok
          ? `All pre-flight checks passed for ${plural(data.groups.length, 'group')}.`
          : `${plural(data.problems.length, 'problem')}: the run cannot start until ${data.problems.length === 1 ? 'it is' : 'they are'} solved.`}
      </p>

      <Table caption="Groups of the run" data-testid="run-preflight-groups">
        <THead>
          <tr>
            <Th>Tier</Th>
            <Th>Group</Th>
            <Th>Direction</Th>
            <Th numeric>Data loss</Th>
            <Th numeric>Predicted RTO / target</Th>
            <Th>Checks</Th>
          </tr>
        </THead>
        <TBody>
          {data.groups.map((g) => {
            const overRto = g.predictedRtoSeconds !== null && g.predictedRtoSeconds > g.rtoTargetMinutes * 60;
            return (
              <Tr key={g.groupId} data-testid={`run-preflight-${g.groupId}`} data-ok={g.ok}>
                <Td numeric className="w-12">{g.tier}</Td>
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">{g.groupName}</span>
                  <span className="block text-xs text-slate-500">
                    {plural(g.vmCount, 'VM')}
                    {g.type === 'failback' ? ` · ${OPERATION_TYPE_LABEL.failback.toLowerCase()}` : ''}
                  </span>
                </Td>
                <Td className="whitespace-nowrap" data-testid="run-preflight-direction">
                  {g.fromSiteName} → {g.toSiteName}
                </Td>
                <Td numeric>{type === 'move' ? 'none' : formatDuration(g.dataLossSeconds)}</Td>
                <Td numeric className={cn(overRto && 'font-medium text-red-700 dark:text-red-400')}>
                  {formatDuration(g.predictedRtoSeconds)} / {formatMinutes(g.rtoTargetMinutes)}
                  {overRto && <span className="block text-xs">over target</span>}
                </Td>
                <Td>
                  {g.problems.length === 0 ? (
                    <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
                      <Icon name="checkCircle" className="size-4" /> Ready
                    </span>
                  ) : (
                    <ul className="space-y-0.5 text-xs">
                      {g.problems.map((p) => (
                        <li key={p.check} className={cn('flex gap-1', p.ok ? 'text-amber-800 dark:text-amber-300' : 'text-red-700 dark:text-red-400')}>
                          <Icon name={p.ok ? 'warning' : 'error'} className="mt-px size-3.5 shrink-0" />
                          <span>
                            <span className="sr-only">{p.ok ? 'Warning: ' : 'Failed: '}</span>
                            {p.message}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>

      {data.capacity.length > 0 && (
        <section className="space-y-2" data-testid="run-capacity">
          <h3 className="text-sm font-medium">Capacity at the recovery sites, for all of their groups together</h3>
          <div className="grid gap-3 sm:grid-cols-2">
            {data.capacity.map((c) => (
              <CapacityMeter key={c.vdcId ?? c.siteId} claim={c} />
            ))}
          </div>
        </section>
      )}

      {data.problems.length > 0 && (
        <section className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-500/10 dark:text-red-200" data-testid="run-problems">
          <h3 className="font-medium">What stops the run, and what to do</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {data.problems.map((p, i) => (
              <li key={`${p.groupId}-${p.check}-${i}`}>
                {p.groupName && <strong>{p.groupName}: </strong>}
                {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300" data-testid="run-summary">
        <li>
          {label} of {plural(data.groups.length, 'group')} ({plural(vms, 'VM')}) from {fromSites.join(', ')} to {toSites.join(', ')}
          {data.tiers.length > 1 ? `, in ${data.tiers.length} tiers` : ''}.
        </li>
        <li>Recovery point: {type === 'move' ? 'a clean checkpoint after the final sync (no data loss)' : 'the latest checkpoint of each group'}.</li>
        {disruptive && <li>Source VMs: {options.shutdownSource || type === 'move' ? `shut down gracefully, forced off after ${formatDuration(options.shutdownGraceSeconds)} (skipped where their site is down)` : 'left running'}.</li>}
        {disruptive && <li>Reverse protection: {options.reverseProtection ? 'yes' : 'no'}. Commit: {POLICY[options.commitPolicy]}{options.commitPolicy === 'manual' ? '' : ` after ${formatMinutes(options.commitTimeoutMinutes)}`}.</li>}
        {options.reason.trim() && <li>Reason: “{options.reason.trim()}”</li>}
      </ul>

      {problem && (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-500/10 dark:text-red-300" role="alert" data-testid="run-start-problem">
          <p className="font-medium">
            {problem.title}: {problem.message}
          </p>
          {problem.checks.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {problem.checks.map((c, i) => <li key={`${c.check}-${i}`}>{c.message}</li>)}
            </ul>
          )}
        </div>
      )}

      {gated && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-500/10 dark:text-amber-200" data-testid="approval-note">
          <p>
            <strong>Four-eyes approval:</strong> your organisation requires a second client administrator to approve live runs and moves. This sends a request with the reason given in
            the options; nothing starts until it is approved.
          </p>
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-0.5 size-4 accent-red-700" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} data-testid="break-glass" />
            <span>
              <strong>Break glass:</strong> start now without approval (needs a reason of at least {BREAK_GLASS_REASON.min} characters in the options). It is marked on the run and its
              operations, audited, and every other administrator is told.
            </span>
          </label>
          {reasonShort && <p className="text-red-700 dark:text-red-400">Go back to the options and give a reason of at least {BREAK_GLASS_REASON.min} characters.</p>}
        </div>
      )}

      <div className="flex flex-wrap gap-2">
        <Button
          variant={disruptive ? 'danger' : 'primary'}
          icon={disruptive ? 'switch' : 'flask'}
          pending={pending}
          disabled={!data.ok || reasonShort}
          onClick={() => (confirmText && !asRequest ? setConfirming(true) : void start())}
        >
          {asRequest ? `Send ${label.toLowerCase()} for approval` : `Start ${label.toLowerCase()}${gated ? ' without approval' : ''}`}
        </Button>
        <Button icon="refresh" onClick={onRerun} pending={loading}>
          Run the checks again
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        tone="danger"
        title={`Start the ${label.toLowerCase()} of ${plural(data.groups.length, 'group')}?`}
        description={`Production of ${data.groups.map((g) => g.groupName).join(', ')} moves from ${fromSites.join(', ')} to ${toSites.join(', ')}.${options.shutdownSource || type === 'move' ? ' The source VMs are shut down where their site is up.' : ''} This is not a test.`}
        confirmationText={confirmText}
        confirmLabel={`Start ${label.toLowerCase()}`}
        onConfirm={start}
      />
    </div>
  );
}

/** One recovery vDC: what the run's groups there need together against what it has free. */
function CapacityMeter({ claim: c }: { claim: SiteClaimDto }) {
  const share = (need: number, free: number) => (free > 0 ? need / free : need > 0 ? 1 : 0);
  return (
    <div className={cn('space-y-2 rounded-md border p-3 text-sm', c.ok ? 'border-slate-200 dark:border-slate-700' : 'border-red-300 dark:border-red-800')} data-testid={`run-capacity-${c.siteId}`} data-ok={c.ok}>
      <p className="flex items-center justify-between gap-2">
        <span className="font-medium">
          {c.siteName}
          {c.vdcName ? <span className="font-normal text-slate-500"> · {c.vdcName}</span> : null}
        </span>
        <span className={cn('inline-flex items-center gap-1 text-xs', c.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400')}>
          <Icon name={c.ok ? 'checkCircle' : 'error'} className="size-3.5" />
          {c.ok ? 'Enough' : 'Not enough'}
        </span>
      </p>
      {c.vdcId && (
        <>
          <div>
            <p className="mb-1 flex justify-between text-xs text-slate-600 dark:text-slate-400">
              <span>vCPU</span>
              <span className="tabular-nums">
                needs {c.requiredGhz} of {c.availableGhz} GHz free
              </span>
            </p>
            <Meter share={share(c.requiredGhz, c.availableGhz)} tone={c.requiredGhz <= c.availableGhz ? 'success' : 'danger'} />
          </div>
          <div>
            <p className="mb-1 flex justify-between text-xs text-slate-600 dark:text-slate-400">
              <span>Memory</span>
              <span className="tabular-nums">
                needs {c.requiredMemoryGb} of {c.availableMemoryGb} GB free
              </span>
            </p>
            <Meter share={share(c.requiredMemoryGb, c.availableMemoryGb)} tone={c.requiredMemoryGb <= c.availableMemoryGb ? 'success' : 'danger'} />
          </div>
        </>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400">{c.message}</p>
    </div>
  );
}
