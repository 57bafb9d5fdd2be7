'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { clearCheckFaultsAction, forceCheckFailureAction } from '@/app/(staff)/staff/tenants/[id]/check-fault-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import type { VmChecksDto } from '@/lib/domain/drills/checks';

/**
 * Fault injection: force a VM's application checks to fail in test failovers (scheduled drills
 * included), to show a tenant what a failed drill looks like. Confirmed, then audited.
 */
export function CheckFaults({ tenantId, vms }: { tenantId: string; vms: VmChecksDto[] }) {
  const [target, setTarget] = useState<{ vmId: string; vmName: string; checkId: string | null; label: string } | null>(null);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const router = useRouter();
  const clear = (vmId: string) =>
    start(async () => {
      const r = await clearCheckFaultsAction(tenantId, vmId);
      toast(r.ok ? { tone: 'success', title: r.message ?? 'Cleared' } : { tone: 'danger', title: 'Not cleared', description: r.message });
      router.refresh();
    });
  return (
    <>
      <Table caption="Application checks and injected faults" data-testid="check-faults">
        <THead>
          <tr>
            <Th>VM</Th>
            <Th>Checks</Th>
            <Th><span className="sr-only">Actions</span></Th>
          </tr>
        </THead>
        <TBody>
          {vms.map((vm) => (
            <Tr key={vm.vmId}>
              <Td className="whitespace-nowrap font-medium">{vm.vmName}</Td>
              <Td className="text-xs">
                <ul className="space-y-1">
                  {vm.checks.map((c) => (
                    <li key={c.id} className="flex flex-wrap items-center gap-2">
                      <span>{c.name} <span className="font-mono text-slate-500">{c.target}</span></span>
                      {c.forced ? (
                        <Badge tone="danger" icon="warning">Forced to fail</Badge>
                      ) : (
                        <Button size="sm" variant="ghost" onClick={() => setTarget({ vmId: vm.vmId, vmName: vm.vmName, checkId: c.id, label: c.name })} aria-label={`Force ${c.name} of ${vm.vmName} to fail`}>
                          Force fail
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              </Td>
              <Td className="whitespace-nowrap text-right">
                {vm.faults.length > 0 ? (
                  <Button size="sm" variant="secondary" pending={pending} onClick={() => clear(vm.vmId)} aria-label={`Clear the faults of ${vm.vmName}`}>Clear faults</Button>
                ) : (
                  <Button size="sm" variant="ghost" onClick={() => setTarget({ vmId: vm.vmId, vmName: vm.vmName, checkId: null, label: 'every check' })} aria-label={`Force every check of ${vm.vmName} to fail`}>
                    Fail all checks
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog
        open={target !== null}
        onOpenChange={(o) => !o && setTarget(null)}
        title={target ? `Force ${target.label} of ${target.vmName} to fail?` : ''}
        description="Every test failover of this VM — scheduled drills included — will record the check as failed until you clear the fault. The change is audited."
        confirmLabel="Inject fault"
        tone="danger"
        onConfirm={async () => {
          if (!target) return;
          const r = await forceCheckFailureAction(tenantId, target.vmId, target.checkId);
          toast(r.ok ? { tone: 'success', title: r.message ?? 'Fault injected' } : { tone: 'danger', title: 'Not injected', description: r.message });
          if (!r.ok) throw new Error(r.message);
          router.refresh();
        }}
      />
    </>
  );
}
