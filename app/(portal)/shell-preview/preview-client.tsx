'use client';
// TEMPORARY (shell helper): exercises the dialog and toasts in the gallery. Deleted before hand-off.
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

export function PreviewClient() {
  const [open, setOpen] = useState(false);
  const { toast } = useToast();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} data-testid="open-dialog">Live failover…</Button>
      <Button onClick={() => toast({ title: 'Test failover started', description: 'acme-web: 4 VMs booting', tone: 'success' })} data-testid="toast">Toast</Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title="Start a live failover of Web tier?"
        description="Production VMs in London will be shut down and booted in Zurich."
        confirmLabel="Fail over"
        confirmationText="Web tier"
        onConfirm={async () => { await new Promise((r) => setTimeout(r, 300)); toast({ title: 'Failover started', tone: 'success' }); }}
      />
    </>
  );
}
