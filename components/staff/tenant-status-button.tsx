'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { FormState } from './form-state';
import { useFormStateAction } from './use-form-state-action';

type Props = {
  tenantName: string;
  status: 'active' | 'suspended';
  setStatus: (status: 'active' | 'suspended') => Promise<FormState>;
};

/** Suspend (confirmed, typed name) or reactivate a tenant. */
export function TenantStatusButton({ tenantName, status, setStatus }: Props) {
  const [open, setOpen] = useState(false);
  const { run, pending, startTransition } = useFormStateAction();
  const suspending = status === 'active';
  const apply = () => run(() => setStatus(suspending ? 'suspended' : 'active'), { failed: 'Not changed', done: 'Saved' });

  if (!suspending) {
    return (
      <Button icon="undo" pending={pending} onClick={() => startTransition(apply)}>
        Reactivate
      </Button>
    );
  }
  return (
    <>
      <Button variant="danger" icon="pause" onClick={() => setOpen(true)}>
        Suspend
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={`Suspend ${tenantName}?`}
        description="Its users can no longer sign in to the portal and its API tokens stop working. Replication and the failover reservation keep running, so its data stays protected."
        confirmationText={tenantName}
        confirmLabel="Suspend tenant"
        onConfirm={apply}
      />
    </>
  );
}
