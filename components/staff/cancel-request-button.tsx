'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

/** A client withdraws its own request (confirmed: the provider stops working on it). */
export function CancelRequestButton({ cancel }: { cancel: () => Promise<FormState> }) {
  const [open, setOpen] = useState(false);
  const [, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  return (
    <>
      <Button variant="secondary" icon="x" onClick={() => setOpen(true)}>
        Cancel request
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title="Cancel this request?"
        description="The provider stops working on it. Raise a new request if you need it later."
        confirmLabel="Cancel request"
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
