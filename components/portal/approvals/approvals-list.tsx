'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { decideApprovalAction } from '@/app/(portal)/approvals/actions';
import type { ApprovalDto } from '@/lib/domain/approvals/approval-dto';
import { APPROVAL_STATUS_LABEL, type ApprovalStatus } from '@/lib/schemas/approvals';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Textarea } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { Tone } from '@/components/ui/tone';
import { formatDateTime, formatDuration } from '@/lib/format';

const TONE: Record<ApprovalStatus, Tone> = { pending: 'warning', approved: 'success', rejected: 'neutral', expired: 'neutral', 'approved-failed': 'danger' };

function checkpointText(a: ApprovalDto): string {
  if (a.kind === 'run') return 'Latest checkpoint of each group';
  if (a.type === 'move') return 'Clean checkpoint after the final sync';
  if (a.checkpoint.choice === 'latest') return 'Latest checkpoint';
  if (a.checkpoint.choice === 'point-in-time') return `Point in time ${formatDateTime(a.checkpoint.time, { seconds: true })}`;
  return `Checkpoint ${a.checkpoint.time ? formatDateTime(a.checkpoint.time, { seconds: true }) : a.checkpoint.checkpointId}${a.checkpoint.kind ? ` (${a.checkpoint.kind})` : ''}`;
}

function expiresText(a: ApprovalDto, nowIso: string): string {
  const left = (new Date(a.expiresAt).getTime() - new Date(nowIso).getTime()) / 1000;
  return left > 0 ? `expires in ${formatDuration(Math.max(60, left))}` : 'expiring';
}

/** The requests, pending first: what is asked, by whom, why, until when; approve or reject with a comment and a confirmation. */
export function ApprovalsList({ items, nowIso }: { items: ApprovalDto[]; nowIso: string }) {
  const [deciding, setDeciding] = useState<{ approval: ApprovalDto; decision: 'approve' | 'reject' } | null>(null);
  const [comment, setComment] = useState('');
  const { toast } = useToast();
  const router = useRouter();

  async function decide() {
    if (!deciding) return;
    const r = await decideApprovalAction(deciding.approval.id, deciding.decision, comment);
    if (!r.ok) {
      toast({ tone: 'danger', title: deciding.decision === 'approve' ? 'Not approved' : 'Not rejected', description: r.message });
      router.refresh();
      throw new Error(r.message);
    }
    toast({ tone: r.message?.startsWith('Approved, but') ? 'danger' : 'success', title: r.message ?? 'Done' });
    setComment('');
    if (r.operationId) router.push(`/operations/${r.operationId}`);
    else if (r.runId) router.push(`/recovery/runs/${r.runId}`);
    else router.refresh();
  }

  return (
    <>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="approvals-list">
        {items.map((a) => (
          <li key={a.id} id={a.id} className="space-y-2 p-4" data-testid="approval" data-status={a.status}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="space-y-1">
                <p className="text-sm font-semibold">
                  {OPERATION_TYPE_LABEL[a.type]}
                  {a.kind === 'run' ? ' run' : ''} of{' '}
                  {a.groups.map((g, i) => (
                    <span key={g.id}>
                      {i > 0 && ', '}
                      <Link className="underline" href={`/groups/${g.id}`}>{g.name}</Link>
                    </span>
                  ))}
                  {a.planName && <span className="font-normal text-slate-600 dark:text-slate-400"> (plan {a.planName})</span>}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Requested by <strong>{a.requestedBy}</strong>
                  {a.requestedByStaff && ' (provider staff)'} on {formatDateTime(a.requestedAt)} · {checkpointText(a)}
                </p>
                <p className="text-sm">{a.reason ? <>Reason: {a.reason}</> : <span className="text-slate-500">No reason given.</span>}</p>
              </div>
              <div className="flex flex-col items-end gap-1 text-sm">
                <Badge tone={TONE[a.status]}>{APPROVAL_STATUS_LABEL[a.status]}</Badge>
                {a.status === 'pending' && <span className="text-slate-600 dark:text-slate-400" data-testid="expires-in">{expiresText(a, nowIso)}</span>}
              </div>
            </div>
            {a.status !== 'pending' && (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {a.decidedBy ? <>{a.status === 'rejected' ? 'Rejected' : 'Approved'} by <strong>{a.decidedBy}</strong> on {formatDateTime(a.decidedAt)}</> : `Expired on ${formatDateTime(a.expiresAt)} without a decision`}
                {a.comment && <> · “{a.comment}”</>}
                {a.error && <span className="block text-red-700 dark:text-red-400">Could not start: {a.error}</span>}
                {a.operationId && <> · <Link className="underline" href={`/operations/${a.operationId}`}>the operation</Link></>}
                {a.runId && <> · <Link className="underline" href={`/recovery/runs/${a.runId}`}>the run</Link></>}
              </p>
            )}
            {a.status === 'pending' && a.mayDecide && (
              <div className="flex gap-2">
                <Button size="sm" variant="primary" icon="check" onClick={() => setDeciding({ approval: a, decision: 'approve' })}>
                  Approve
                </Button>
                <Button size="sm" onClick={() => setDeciding({ approval: a, decision: 'reject' })}>
                  Reject
                </Button>
              </div>
            )}
            {a.status === 'pending' && !a.mayDecide && (
              <p className="text-xs text-slate-500">Waiting for another administrator: the requester cannot approve their own request.</p>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deciding !== null}
        onOpenChange={(open) => !open && setDeciding(null)}
        tone={deciding?.decision === 'approve' ? 'danger' : 'default'}
        title={deciding ? `${deciding.decision === 'approve' ? 'Approve' : 'Reject'} the ${OPERATION_TYPE_LABEL[deciding.approval.type].toLowerCase()} of ${deciding.approval.groups.map((g) => g.name).join(', ')}?` : ''}
        description={
          deciding?.decision === 'approve'
            ? `It starts now, as ${deciding.approval.requestedBy} asked, after the checkpoint and the pre-flight checks are evaluated again. Production moves to the recovery site: this is not a test.`
            : 'Nothing starts; the requester is told.'
        }
        confirmLabel={deciding?.decision === 'approve' ? 'Approve and start' : 'Reject'}
        onConfirm={decide}
      >
        <Field htmlFor="approval-comment" label="Comment (optional)">
          <Textarea id="approval-comment" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </>
  );
}
