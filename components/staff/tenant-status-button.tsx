'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

type Props = {
  tenantName: string;
  status: 'active' | 'suspended';
  setStatus: (status: 'active' | 'suspended') => Promise<FormState>;
};

/** Suspend (confirmed, typed name) or reactivate a tenant. */
export function TenantStatusButton({ tenantName, status, setStatus }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const suspending = status === 'active';

  async function apply() {
    const state = await setStatus(suspending ? 'suspended' : 'active');
    if (!state.ok) {
      toast({ title: 'Not changed', description: state.message, tone: 'danger' });
      throw new Error(state.message);
    }
    toast({ title: state.message ?? 'Saved', tone: 'success' });
    startTransition(() => router.refresh());
  }

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
