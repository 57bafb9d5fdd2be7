'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

export function CancelMaintenanceButton({ description, cancel }: { description: string; cancel: () => Promise<FormState> }) {
  const [open, setOpen] = useState(false);
  const [, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)}>
        Cancel
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title="Cancel this maintenance window?"
        description={`“${description}” disappears from clients' dashboards.`}
        confirmLabel="Cancel window"
        cancelLabel="Keep it"
        onConfirm={async () => {
          const state = await cancel();
          if (!state.ok) {
            toast({ title: 'Not cancelled', description: state.message, tone: 'danger' });
            throw new Error(state.message);
          }
          toast({ title: state.message ?? 'Cancelled', tone: 'success' });
          startTransition(() => router.refresh());
        }}
      />
    </>
  );
}
