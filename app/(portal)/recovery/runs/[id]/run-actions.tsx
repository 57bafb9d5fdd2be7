'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Textarea } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import type { RunDto } from '@/lib/domain/recovery/run-dto';
import { BREAK_GLASS_REASON } from '@/lib/schemas/operation-limits';

export type RunAction = 'commit' | 'rollback' | 'stop-test';
export type RunActionResult = { action: RunAction; results: { groupId: string; groupName: string; ok: boolean; message: string }[] };

const DONE: Record<RunAction, string> = { commit: 'Commit all', rollback: 'Roll back all', 'stop-test': 'Stop all tests' };

type Props = { run: RunDto; busy: boolean; onAct: (action: RunAction, body?: unknown) => Promise<void>; last: RunActionResult | null };

/**
 * The decisions for every group at once, each behind a confirmation, and what each group
 * answered. Per-group decisions stay on each group's operation page.
 */
export function RunActions({ run, busy, onAct, last }: Props) {
  const [dialog, setDialog] = useState<RunAction | null>(null);
  const [result, setResult] = useState<'passed' | 'failed'>('passed');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  // Groups whose production is offline: their recovered VMs are the only running copy.
  const blocked = run.groups.filter((g) => g.blockedRollback);
  const close = (open: boolean) => !open && setDialog(null);
  const { commitAll, rollbackAll, stopAllTests } = run.actions;
  const waiting = run.counts.awaitingDecision;
  const test = run.type === 'test-failover';
  const none = !commitAll && !rollbackAll && !stopAllTests;

  return (
    <Card data-testid="run-actions">
      <CardHeader title="Decisions for the whole run" />
      <CardBody className="space-y-3">
        {none ? (
          <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="run-no-actions">
            {run.status === 'in-progress' ? 'Nothing to decide while the groups recover. Decisions appear here once groups are up.' : 'The run has ended.'}
          </p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {test
              ? `${waiting} test${waiting === 1 ? '' : 's'} up on the test network. Check the applications, then stop them all with one result.`
              : `${waiting} group${waiting === 1 ? '' : 's'} await${waiting === 1 ? 's' : ''} a decision. Commit to keep the recovered VMs, or roll back to return everything as it was.`}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {(commitAll || !test) && !none && (
            <Button variant="primary" icon="check" onClick={() => setDialog('commit')} pending={busy} disabled={!commitAll}>
              Commit all
            </Button>
          )}
          {(rollbackAll || !test) && !none && (
            <Button variant="danger" icon="undo" onClick={() => setDialog('rollback')} pending={busy} disabled={!rollbackAll}>
              Roll back all
            </Button>
          )}
          {stopAllTests && (
            <Button variant="primary" icon="pause" onClick={() => setDialog('stop-test')} pending={busy}>
              Stop all tests
            </Button>
          )}
        </div>
        {last && (
          <div className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="run-action-results" role="status">
            <p className="font-medium">{DONE[last.action]}: what each group answered</p>
            <ul className="mt-1 space-y-1">
              {last.results.map((r) => (
                <li key={r.groupId} className={cn('flex gap-1.5', r.ok ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-800 dark:text-red-300')}>
                  <Icon name={r.ok ? 'checkCircle' : 'error'} className="mt-0.5 size-4 shrink-0" />
                  <span>
                    <strong>{r.groupName}</strong>: {r.message}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardBody>

      <ConfirmDialog
        open={dialog === 'commit'}
        onOpenChange={close}
        title={`Commit all ${waiting} groups`}
        description="Each recovered group stays at its recovery site; groups with reverse protection replicate back, ready for a failback. Groups that cannot commit now say why, and the others still commit."
        confirmLabel="Commit all"
        onConfirm={() => onAct('commit')}
      />
      <ConfirmDialog
        open={dialog === 'rollback'}
        onOpenChange={close}
        tone="danger"
        title="Roll back all groups"
        description="The recovered VMs are removed and the source VMs restarted where their site is up; replication resumes as before. Groups still waiting for their tier are cancelled. Changes made in the recovered VMs are lost."
        confirmLabel="Roll back all"
        onConfirm={() => onAct('rollback', reason.trim() ? { breakGlass: true, reason: reason.trim() } : {})}
        confirmDisabled={reason.trim().length > 0 && reason.trim().length < BREAK_GLASS_REASON.min}
      >
        {blocked.length > 0 && (
          <div className="space-y-2" data-testid="run-break-glass">
            <div className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
              <ul className="space-y-1">
                {blocked.map((g) => (
                  <li key={g.groupId}>
                    <strong>{g.groupName}</strong>: {g.blockedRollback}
                  </li>
                ))}
              </ul>
              <p className="mt-1 font-medium">Without a break-glass reason {blocked.length === 1 ? 'this group stays' : 'these groups stay'} recovered{blocked.length < run.counts.awaitingDecision ? '; the others roll back' : ''}.</p>
            </div>
            <Field htmlFor="run-break-glass-reason" label="Break-glass reason (optional)" hint={`${BREAK_GLASS_REASON.min}–${BREAK_GLASS_REASON.max} characters; audited on each group rolled back this way.`}>
              <Textarea id="run-break-glass-reason" aria-describedby="run-break-glass-reason-hint" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          </div>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'stop-test'}
        onOpenChange={close}
        title="Stop all tests"
        description={`Every test VM of the run is powered off and deleted; the result and notes are kept for each group as test evidence.${run.counts.waiting ? ` ${run.counts.waiting} group${run.counts.waiting === 1 ? ' still waits' : 's still wait'} for its tier and will not be tested.` : ''}`}
        confirmLabel="Stop all tests"
        onConfirm={() => onAct('stop-test', { result, notes: notes.trim() || undefined })}
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Result</legend>
          {(['passed', 'failed'] as const).map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input type="radio" name="run-test-result" value={r} checked={result === r} onChange={() => setResult(r)} />
              {r === 'passed' ? 'Passed: the applications recovered' : 'Failed: something did not work'}
            </label>
          ))}
        </fieldset>
        <Field htmlFor="run-test-notes" label="Notes" hint="What was checked, what failed, follow-ups (kept in the test evidence report)." className="mt-3">
          <Textarea id="run-test-notes" aria-describedby="run-test-notes-hint" maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </Card>
  );
}
