'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Textarea } from '@/components/ui/field';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { formatDateTime } from '@/lib/format';
import { BREAK_GLASS_REASON } from '@/lib/schemas/operation-limits';

type Act = (action: 'commit' | 'rollback' | 'stop-test', body?: unknown) => Promise<void>;

/** The buttons the operation is waiting for (stop, commit, rollback), each behind a confirmation. */
export function OperationActions({ op, busy, onAct }: { op: OperationDto; busy: boolean; onAct: Act }) {
  const [dialog, setDialog] = useState<'stop' | 'commit' | 'rollback' | 'break-glass' | null>(null);
  const [reason, setReason] = useState('');
  const reasonOk = reason.trim().length >= BREAK_GLASS_REASON.min && reason.trim().length <= BREAK_GLASS_REASON.max;
  const [result, setResult] = useState<'passed' | 'failed'>('passed');
  const [notes, setNotes] = useState('');
  const close = (open: boolean) => !open && setDialog(null);
  const testing = op.type === 'test-failover' && op.status === 'testing';
  const awaiting = op.status === 'awaiting-commit';
  const blocked = op.blocked;

  return (
    <Card>
      <CardHeader title="Actions" />
      <CardBody className="space-y-3">
        {testing && (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">Test VMs are up on the test network. Production keeps replicating. Check the application, then stop the test with its result.</p>
            <Button variant="primary" icon="pause" onClick={() => setDialog('stop')} pending={busy}>
              Stop test
            </Button>
          </>
        )}
        {awaiting && (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              The recovered VMs run at {op.toSiteName}. Commit to keep them there, or roll back to return everything as it was.
              {op.commitDeadline && !op.hold ? ` Without a decision the policy acts at ${formatDateTime(op.commitDeadline, { seconds: true })}.` : ''}
            </p>
            {op.hold && (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-500/10 dark:text-amber-200" data-testid="operation-hold">
                <strong>Auto-{op.hold.decision} on hold</strong> since {formatDateTime(op.hold.since, { seconds: true })}: it acts as soon as the site is back online, unless someone decides first.
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button variant="primary" icon="check" onClick={() => setDialog('commit')} pending={busy} disabled={!!blocked?.commit} aria-describedby={blocked?.commit ? 'commit-blocked' : undefined}>
                Commit
              </Button>
              <Button variant="danger" icon="undo" onClick={() => setDialog('rollback')} pending={busy} disabled={!!blocked?.rollback} aria-describedby={blocked?.rollback ? 'rollback-blocked' : undefined}>
                Roll back
              </Button>
            </div>
            {blocked?.commit && (
              <p id="commit-blocked" className="text-sm text-red-800 dark:text-red-300" data-testid="commit-blocked">
                Commit unavailable: {blocked.commit}
              </p>
            )}
            {blocked?.rollback && (
              <div className="space-y-2">
                <p id="rollback-blocked" className="text-sm text-red-800 dark:text-red-300" data-testid="rollback-blocked">
                  Roll back unavailable: {blocked.rollback}
                </p>
                {blocked.rollbackBreakGlass && (
                  <Button variant="danger" size="sm" icon="warning" onClick={() => setDialog('break-glass')} pending={busy}>
                    Break-glass rollback…
                  </Button>
                )}
              </div>
            )}
          </>
        )}
        {!testing && !awaiting && (
          <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="no-actions">
            {['completed', 'rolled-back', 'failed'].includes(op.status) ? 'The operation has ended.' : 'Nothing to decide while the steps run.'}
          </p>
        )}
      </CardBody>

      <ConfirmDialog
        open={dialog === 'stop'}
        onOpenChange={close}
        title="Stop the test"
        description="The test VMs are powered off and deleted; the result and notes are kept as test evidence and the checkpoint used is tagged."
        confirmLabel="Stop test"
        onConfirm={() => onAct('stop-test', { result, notes: notes.trim() || undefined })}
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Result</legend>
          {(['passed', 'failed'] as const).map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input type="radio" name="test-result" value={r} checked={result === r} onChange={() => setResult(r)} />
              {r === 'passed' ? 'Passed: the application recovered' : 'Failed: something did not work'}
            </label>
          ))}
        </fieldset>
        <Field htmlFor="test-notes" label="Notes" hint="What was checked, what failed, follow-ups (kept in the test evidence report)." className="mt-3">
          <Textarea id="test-notes" aria-describedby="test-notes-hint" maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === 'commit'}
        onOpenChange={close}
        title={`Commit the ${op.type === 'failback' ? 'failback' : op.type === 'move' ? 'move' : 'failover'}`}
        description={
          op.options.reverseProtection
            ? `The VMs stay at ${op.toSiteName} and the group replicates back to ${op.fromSiteName} (reverse protection), ready for a failback.`
            : `The VMs stay at ${op.toSiteName}. Without reverse protection the group is failed over and does not replicate until it is configured again.`
        }
        confirmLabel="Commit"
        onConfirm={() => onAct('commit')}
      />

      <ConfirmDialog
        open={dialog === 'rollback'}
        onOpenChange={close}
        tone="danger"
        title="Roll back"
        description={`The recovered VMs at ${op.toSiteName} are removed${op.options.shutdownSource ? ` and the source VMs at ${op.fromSiteName} restarted` : ''}; replication resumes as before. Changes made in the recovered VMs are lost.`}
        confirmLabel="Roll back"
        onConfirm={() => onAct('rollback')}
      />

      <ConfirmDialog
        open={dialog === 'break-glass'}
        onOpenChange={close}
        tone="danger"
        title="Break-glass rollback"
        description={`${op.fromSiteName} is offline. Rolling back removes the recovered VMs at ${op.toSiteName}, the only running copy, and the VMs at ${op.fromSiteName} cannot be restarted until it is back: nothing of this group will run meanwhile. Your reason is kept in the audit trail and on this operation.`}
        confirmationText="ROLL BACK"
        confirmLabel="Roll back anyway"
        confirmDisabled={!reasonOk}
        onConfirm={() => onAct('rollback', { breakGlass: true, reason: reason.trim() })}
      >
        <Field htmlFor="break-glass-reason" label="Reason (required)" hint={`Why this cannot wait for ${op.fromSiteName}: ${BREAK_GLASS_REASON.min}–${BREAK_GLASS_REASON.max} characters.`}>
          <Textarea id="break-glass-reason" aria-describedby="break-glass-reason-hint" required minLength={BREAK_GLASS_REASON.min} maxLength={BREAK_GLASS_REASON.max} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </Card>
  );
}
