'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { addVmToGroupAction, removeVmFromGroupAction } from '@/app/(portal)/vms/actions';
import type { GroupDto, VmDto } from '@/lib/domain/core/dto';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatGb } from '@/lib/format';

export type MembershipChange = { kind: 'add' | 'remove'; vm: VmDto } | null;

/** Confirms adding a VM to a group (which starts a sync) or removing it (which ends its protection). */
export function MembershipDialog({ change, onClose, groups }: { change: MembershipChange; onClose: () => void; groups: GroupDto[] }) {
  const [groupId, setGroupId] = useState('');
  const { toast } = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const vm = change?.vm;
  // A VM can only join a group that replicates from the site it runs at.
  const eligible = vm ? groups.filter((g) => g.sourceSiteId === vm.siteId) : [];
  const chosen = groupId || eligible[0]?.id || '';

  async function confirm() {
    if (!change || !vm) return;
    const r = change.kind === 'add' ? await addVmToGroupAction(vm.id, chosen) : await removeVmFromGroupAction(vm.id, vm.groupId ?? '');
    if (!r.ok) {
      toast({ tone: 'danger', title: change.kind === 'add' ? `${vm.name} not added` : `${vm.name} not removed`, description: r.message });
      throw new Error(r.message);
    }
    toast({ tone: 'success', title: vm.name, description: r.message });
    setGroupId('');
    await queryClient.invalidateQueries({ queryKey: ['vms'] });
    await queryClient.invalidateQueries({ queryKey: ['groups'] });
    router.refresh();
  }

  if (change?.kind === 'remove' && vm) {
    return (
      <ConfirmDialog
        open
        onOpenChange={(o) => !o && onClose()}
        tone="danger"
        title={`Stop protecting ${vm.name}?`}
        description={`${vm.name} leaves “${vm.groupName}”. Its replica and journal history are discarded: it cannot be recovered until it is protected again and has synced.`}
        confirmLabel="Remove from group"
        onConfirm={confirm}
      />
    );
  }
  return (
    <ConfirmDialog
      open={change?.kind === 'add'}
      onOpenChange={(o) => !o && onClose()}
      title={vm ? `Protect ${vm.name}` : 'Protect VM'}
      description={vm ? `Adding it starts an initial sync of ${formatGb(vm.diskGb)} to the group's recovery site.` : undefined}
      confirmLabel="Add to group"
      onConfirm={confirm}
    >
      {eligible.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No protection group replicates from this VM&apos;s site yet. Create one first.</p>
      ) : (
        <Field htmlFor="membership-group" label="Protection group">
          <Select id="membership-group" value={chosen} onChange={(e) => setGroupId(e.target.value)}>
            {eligible.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </ConfirmDialog>
  );
}
