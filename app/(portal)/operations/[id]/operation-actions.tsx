'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Textarea } from '@/components/ui/field';
import type { OperationDto } from '@/lib/domain/operation-dto';
import { formatDateTime } from '@/lib/format';

type Act = (action: 'commit' | 'rollback' | 'stop-test', body?: unknown) => Promise<void>;

/** The buttons the operation is waiting for (stop, commit, rollback), each behind a confirmation. */
export function OperationActions({ op, busy, onAct }: { op: OperationDto; busy: boolean; onAct: Act }) {
  const [dialog, setDialog] = useState<'stop' | 'commit' | 'rollback' | null>(null);
  const [result, setResult] = useState<'passed' | 'failed'>('passed');
  const [notes, setNotes] = useState('');
  const close = (open: boolean) => !open && setDialog(null);
  const testing = op.type === 'test-failover' && op.status === 'testing';
  const awaiting = op.status === 'awaiting-commit';

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
              {op.commitDeadline ? ` Without a decision the policy acts at ${formatDateTime(op.commitDeadline, { seconds: true })}.` : ''}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="primary" icon="check" onClick={() => setDialog('commit')} pending={busy}>
                Commit
              </Button>
              <Button variant="danger" icon="undo" onClick={() => setDialog('rollback')} pending={busy}>
                Roll back
              </Button>
            </div>
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
    </Card>
  );
}
