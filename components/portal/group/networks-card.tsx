'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import { apiJson } from '@/components/portal/api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { GroupNetworksDto, NicAddressDto } from '@/lib/domain/groups/group-networks';
import { useLiveGroup } from './live-group';
import { Skeleton } from '@/components/ui/skeleton';

// The editor loads when Edit is first pressed: the page's first load carries only the table.
const NetworksForm = dynamic(() => import('./networks-form').then((m) => m.NetworksForm), { loading: () => <Skeleton className="h-48 w-full" /> });

const RULE_LABEL: Record<NicAddressDto['rule'], string> = { 'keep-ip': 'kept', 'subnet-map': 're-IP', override: 'static', unmapped: 'kept (no mapping)' };

function Address({ a, testId }: { a: NicAddressDto | null; testId: string }) {
  if (!a) return <span className="text-red-700 dark:text-red-400">no address (see below)</span>;
  return (
    <span className="flex flex-col gap-0.5" data-testid={testId}>
      <span className="font-mono text-xs">
        {a.ip}
        {a.prefix !== null && `/${a.prefix}`} <Badge tone={a.rule === 'subnet-map' || a.rule === 'override' ? 'info' : 'neutral'}>{RULE_LABEL[a.rule]}</Badge>
      </span>
      <span className="text-xs text-slate-500 dark:text-slate-400">
        on “{a.network}”{a.gateway && ` · gw ${a.gateway}`}
        {a.dns.length > 0 && ` · DNS ${a.dns.join(', ')}`}
      </span>
    </span>
  );
}

/**
 * Each member VM's NICs and the address a test and a live failover give them (the saved settings).
 * Client administrators (and staff) edit them here — recovery network per source network,
 * keep IP or re-IP, static overrides per NIC — with a preview; everyone else reads.
 */
export function NetworksCard({ initial, canEdit = false }: { initial: GroupNetworksDto; canEdit?: boolean }) {
  // null until the person first presses Edit: focus moves only in answer to them.
  const [editing, setEditing] = useState<boolean | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing === false) editButton.current?.focus();
  }, [editing]);
  const g = useLiveGroup();
  // A change of members or networks bumps the group's version: read the addresses again then.
  const { data } = useQuery({
    queryKey: ['group-networks', g.id, g.version],
    queryFn: ({ signal }) => apiJson<GroupNetworksDto>(`/api/v1/groups/${g.id}/networks`, { signal }),
    placeholderData: (prev) => prev ?? initial,
    staleTime: 60_000,
  });
  const n = data ?? initial;
  const rows = n.vms.flatMap((vm) => vm.nics.map((nic) => ({ vm, nic })));
  return (
    <Card id="networks" data-testid="networks-card">
      <CardHeader
        title="Networks"
        description={
          editing
            ? 'Recovery network per source network, keep IP or re-IP, and static addresses per NIC; the preview shows what each NIC would get.'
            : "Each NIC's production address and the address it gets at the recovery site, from the failover network settings."
        }
        actions={
          canEdit && !editing ? (
            <Button ref={editButton} size="sm" icon="pencil" onClick={() => setEditing(true)}>
              Edit networks
            </Button>
          ) : undefined
        }
      />
      {editing ? (
        <NetworksForm dto={n} groupId={g.id} version={g.version} onClose={() => setEditing(false)} />
      ) : rows.length === 0 ? (
        <EmptyState icon="server" title="No NICs to address" description="Add VMs to the group to see their recovery addresses." />
      ) : (
        <Table caption="Recovery addresses per NIC">
          <THead>
            <tr>
              <Th>VM</Th>
              <Th>NIC</Th>
              <Th>Production</Th>
              <Th>Test failover</Th>
              <Th>Live failover</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map(({ vm, nic }) => (
              <Tr key={`${vm.vmId}-${nic.nic}`} data-testid={`network-row-${vm.vmId}-${nic.nic}`}>
                <Td className="font-medium">{vm.name}</Td>
                <Td>
                  <span className="tabular-nums">{nic.nic}</span>
                  <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{nic.mac}</span>
                </Td>
                <Td>
                  <span className="font-mono text-xs">{nic.ip}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">on “{nic.network}”</span>
                </Td>
                <Td>
                  <Address a={nic.test} testId={`test-address-${vm.vmId}-${nic.nic}`} />
                </Td>
                <Td>
                  <Address a={nic.live} testId={`live-address-${vm.vmId}-${nic.nic}`} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {!editing && n.issues.length > 0 && (
        <ul className="space-y-1 border-t border-slate-200 px-4 py-3 text-sm text-amber-900 dark:border-slate-800 dark:text-amber-200" data-testid="network-issues">
          {n.issues.map((i) => (
            <li key={`${i.field}-${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
