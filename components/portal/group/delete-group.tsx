'use client';

import { useState } from 'react';
import { deleteGroupAction } from '@/app/(portal)/groups/actions';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useLiveGroup } from './live-group';

/** Stop protecting: the journal and every checkpoint go with the group, so it takes the typed name. */
export function DeleteGroup() {
  const g = useLiveGroup();
  const { id: groupId, name: groupName } = g;
  const vmCount = g.members.length;
  // The domain refuses (409) while an operation is open; the button says so before anyone tries.
  const locked = Boolean(g.openOperationId);
  const [open, setOpen] = useState(false);
  const { toast } = useToast();

  async function confirm() {
    const r = await deleteGroupAction(groupId);
    // On success the action redirects to the list; only a refusal comes back.
    if (r && !r.ok) {
      toast({ tone: 'danger', title: 'Group not deleted', description: r.message });
      throw new Error(r.message);
    }
  }

  return (
    <Card id="delete" className="border-red-200 dark:border-red-900/60" data-testid="delete-group">
      <CardHeader title="Delete protection group" description="Stops replication of its VMs; the VMs themselves keep running in production" />
      <CardBody className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {locked ? 'An operation is running on this group: finish or roll it back first.' : `The journal and every checkpoint of “${groupName}” are deleted. This cannot be undone.`}
        </p>
        <Button variant="danger" disabled={locked} onClick={() => setOpen(true)}>
          Delete group…
        </Button>
      </CardBody>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        tone="danger"
        title={`Delete “${groupName}”?`}
        description={`Its ${vmCount} VM${vmCount === 1 ? '' : 's'} will no longer be protected, and its journal history is lost: nothing can be recovered from it afterwards.`}
        confirmLabel="Delete group"
        confirmationText={groupName}
        onConfirm={confirm}
      />
    </Card>
  );
}
