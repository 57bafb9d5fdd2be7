'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { saveApprovalSettingsAction } from '@/app/(portal)/approvals/actions';
import type { TenantSettingsDto } from '@/lib/domain/approvals/tenant-settings';
import { APPROVAL_TIMEOUT_MINUTES } from '@/lib/schemas/approvals';
import { fieldError, type ActionResult } from '@/components/portal/action-result';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldAria, Input } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';

/**
 * Four-eyes approval (issue 17): the client administrators' own setting. Read-only for everyone
 * else, so staff and users can see how live failovers are governed.
 */
export function ApprovalSettingsCard({ settings, canChange }: { settings: TenantSettingsDto; canChange: boolean }) {
  const [on, setOn] = useState(settings.liveFailoverApproval);
  const [minutes, setMinutes] = useState(String(settings.approvalTimeoutMinutes));
  const [provider, setProvider] = useState(settings.providerMayApprove);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const changed = on !== settings.liveFailoverApproval || minutes !== String(settings.approvalTimeoutMinutes) || provider !== settings.providerMayApprove;

  function save(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await saveApprovalSettingsAction({ liveFailoverApproval: on, approvalTimeoutMinutes: minutes as unknown as number, providerMayApprove: provider });
      setResult(r);
      toast(r.ok ? { tone: 'success', title: r.message ?? 'Saved' } : { tone: 'danger', title: 'Not saved', description: r.message });
      if (r.ok) router.refresh();
    });
  }

  return (
    <Card data-testid="approval-settings">
      <CardHeader
        title="Four-eyes approval"
        description="Live failovers, moves and failbacks (single or in a recovery run) wait for a second client administrator's approval. Test failovers never do. A requester who cannot reach anyone may break glass with a written reason: it is marked and every other administrator is told."
      />
      <CardBody>
        <form onSubmit={save} className="space-y-3" noValidate>
          <fieldset disabled={!canChange || pending} className="space-y-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-sky-700" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="approval-toggle" />
              <span className="font-medium">Require a second administrator&apos;s approval for live failovers, moves and failbacks</span>
            </label>
            <Field htmlFor="approval-timeout" label="A request expires after (minutes)" error={fieldError(result, 'approvalTimeoutMinutes')} className="w-64" hint={`${APPROVAL_TIMEOUT_MINUTES.min}–${APPROVAL_TIMEOUT_MINUTES.max} minutes of real time.`}>
              <Input id="approval-timeout" inputMode="numeric" {...fieldAria('approval-timeout', fieldError(result, 'approvalTimeoutMinutes'), true)} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-sky-700" checked={provider} onChange={(e) => setProvider(e.target.checked)} />
              <span>Provider staff may approve too (they always count as requesters, never as the second pair of eyes otherwise)</span>
            </label>
          </fieldset>
          {canChange ? (
            <Button type="submit" variant="primary" pending={pending} disabled={!changed}>
              Save approval settings
            </Button>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Only your organisation&apos;s client administrators change these settings.</p>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
