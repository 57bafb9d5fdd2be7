'use client';

import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { FormState } from './form-state';

type Props = {
  kind: 'site' | 'link';
  /** "London", "London ↔ Zurich". */
  name: string;
  down: boolean;
  affectedGroups: number;
  affectedTenants: number;
  setDown: (down: boolean) => Promise<FormState>;
  size?: 'sm' | 'md';
};

/**
 * Takes a site or link down (red, confirmed, the site's name typed) or brings it back.
 * A fault is real for every tenant replicating through it: RPOs grow and alerts fire.
 */
export function FaultToggle({ kind, name, down, affectedGroups, affectedTenants, setDown, size = 'sm' }: Props) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const { toast } = useToast();
  const router = useRouter();

  async function apply(next: boolean) {
    const state = await setDown(next);
    if (!state.ok) {
      toast({ title: 'Not changed', description: state.message, tone: 'danger' });
      throw new Error(state.message);
    }
    toast({ title: state.message ?? 'Done', tone: next ? 'warning' : 'success' });
    startTransition(() => router.refresh());
  }

  if (down) {
    return (
      <Button size={size} icon="undo" pending={pending} onClick={() => startTransition(() => apply(false).catch(() => undefined))}>
        {kind === 'site' ? 'Bring back online' : 'Restore link'}
      </Button>
    );
  }
  return (
    <>
      {/* In a table row, a row of solid red buttons would shout; the outline still reads as destructive. */}
      <Button
        size={size}
        variant={size === 'sm' ? 'secondary' : 'danger'}
        className={size === 'sm' ? 'text-red-700! ring-red-300! hover:bg-red-50! dark:text-red-400! dark:ring-red-500/40! dark:hover:bg-red-500/10!' : undefined}
        icon="error"
        onClick={() => setOpen(true)}
      >
        {kind === 'site' ? 'Take site down' : 'Take link down'}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={kind === 'site' ? `Take ${name} down?` : `Take the ${name} link down?`}
        description={
          kind === 'site'
            ? 'The simulator treats the whole datacentre as lost: replication from and to it stops, RPOs grow and alerts fire for the tenants affected. The outage counts against availability unless it falls in a maintenance window.'
            : 'Replication between the two sites stops: RPOs of the groups crossing this link grow and alerts fire. The outage counts against availability.'
        }
        confirmationText={kind === 'site' ? name : undefined}
        confirmLabel={kind === 'site' ? 'Take site down' : 'Take link down'}
        onConfirm={() => apply(true)}
      >
        <p className="rounded-md bg-red-50 px-3 py-2 text-red-900 dark:bg-red-500/10 dark:text-red-200">
          {affectedGroups === 0
            ? 'No protection group replicates through it right now.'
            : `${affectedGroups} protection group${affectedGroups === 1 ? '' : 's'} of ${affectedTenants} tenant${affectedTenants === 1 ? '' : 's'} will be affected.`}
        </p>
      </ConfirmDialog>
    </>
  );
}
