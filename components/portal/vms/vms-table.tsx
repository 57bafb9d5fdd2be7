'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { GroupDto, SiteDto, VmDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress';
import { Pager, usePage } from '@/components/ui/pager';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatGb, formatPercent } from '@/lib/format';
import { plural, siteName } from '../labels';
import { combinePolls } from '../live/freshness';
import { LiveFreshness } from '../live/live-freshness';
import { LIVE_MS, useGroups, useSites, useVms } from '../queries';
import { MembershipDialog, type MembershipChange } from './membership-dialog';
import { VmFilterBar } from './vm-filter-bar';
import { filterVms, NO_VM_FILTERS, vmFiltersToQuery, type VmFilters } from './vm-filters';

function Protection({ vm }: { vm: VmDto }) {
  if (!vm.groupId) return <Badge tone="danger" icon="error">Unprotected</Badge>;
  if (vm.syncState === 'syncing') {
    return (
      <span className="flex w-40 items-center gap-2">
        <ProgressBar value={vm.syncProgress ?? 0} label={`Initial sync of ${vm.name}`} tone="warning" />
        <span className="text-xs tabular-nums">{formatPercent((vm.syncProgress ?? 0) * 100, 0)}</span>
      </span>
    );
  }
  return <Badge tone="success" icon="checkCircle">Protected</Badge>;
}

export type VmsTableProps = { initialVms: VmDto[]; initialGroups: GroupDto[]; initialSites: SiteDto[]; initialFilters: VmFilters; canEdit: boolean };

/** The tenant's VMs and their protection, live; administrators add them to or remove them from groups. */
export function VmsTable({ initialVms, initialGroups, initialSites, initialFilters, canEdit }: VmsTableProps) {
  const vmsQuery = useVms(initialVms);
  const groupsQuery = useGroups(initialGroups);
  const sitesQuery = useSites(initialSites);
  const vms = vmsQuery.data ?? [];
  const groups = groupsQuery.data ?? [];
  const sites = sitesQuery.data ?? [];
  const [filters, setFilters] = useState(initialFilters);
  const [change, setChange] = useState<MembershipChange>(null);
  const shown = filterVms(vms, filters);
  const page = usePage(shown, vmFiltersToQuery(filters));
  const apply = (f: VmFilters) => {
    setFilters(f);
    window.history.replaceState(null, '', `/vms${vmFiltersToQuery(f)}`);
  };

  if (vms.length === 0) return <EmptyState icon="server" title="No virtual machines" description="Your production VMs appear here once your vDC has any." />;

  return (
    <>
      <VmFilterBar value={filters} onChange={apply} sites={sites} groups={groups} />
      {shown.length === 0 ? (
        <EmptyState title="No VM matches these filters" action={<Button onClick={() => apply(NO_VM_FILTERS)}>Clear filters</Button>} />
      ) : (
        <Table caption="Virtual machines" data-testid="vms-table">
          <THead>
            <tr>
              <Th>VM</Th>
              <Th>Site</Th>
              <Th>Protection group</Th>
              <Th>Protection</Th>
              <Th>Agent</Th>
              <Th numeric>vCPU / memory</Th>
              <Th numeric>Disks</Th>
              {canEdit && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </tr>
          </THead>
          <TBody>
            {page.items.map((vm) => (
              <Tr key={vm.id} data-testid={`vm-row-${vm.id}`}>
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">{vm.name}</span>
                  <span className="block text-xs capitalize text-slate-500 dark:text-slate-400">
                    {vm.os} · power {vm.powerState}
                  </span>
                  {vm.continuousWriter && (
                    <Badge tone="warning" icon="warning" className="mt-1" title="Writes continuously, like a backup server: in a protected group it can outrun the link and grow the RPO">
                      Continuous writer
                    </Badge>
                  )}
                </Td>
                <Td>{siteName(sites, vm.siteId)}</Td>
                <Td>
                  {vm.groupId ? (
                    <Link href={`/groups/${vm.groupId}`} className="hover:underline">
                      {vm.groupName}
                    </Link>
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">—</span>
                  )}
                </Td>
                <Td>
                  <Protection vm={vm} />
                </Td>
                <Td>{vm.agentInstalled ? <Badge tone="success" icon="check">Installed</Badge> : <span className="text-slate-500 dark:text-slate-400">Not installed</span>}</Td>
                <Td numeric>
                  {vm.vcpus} / {formatGb(vm.memoryGb, 0)}
                </Td>
                <Td numeric>{formatGb(vm.diskGb)}</Td>
                {canEdit && (
                  <Td className="text-right">
                    {vm.groupId ? (
                      <Button size="sm" variant="ghost" onClick={() => setChange({ kind: 'remove', vm })} aria-label={`Remove ${vm.name} from ${vm.groupName}`}>
                        Remove
                      </Button>
                    ) : (
                      <Button size="sm" onClick={() => setChange({ kind: 'add', vm })} aria-label={`Add ${vm.name} to a group`}>
                        Add to group
                      </Button>
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} label="Pages of virtual machines" />
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <span>
          {shown.length === vms.length ? plural(vms.length, 'VM') : `${shown.length} of ${plural(vms.length, 'VM')}`} · {vms.filter((v) => !v.groupId).length} unprotected
        </span>
        <LiveFreshness query={combinePolls(vmsQuery, groupsQuery, sitesQuery)} pollMs={LIVE_MS} />
      </p>
      {canEdit && <MembershipDialog key={change ? `${change.kind}-${change.vm.id}` : 'none'} change={change} onClose={() => setChange(null)} groups={groups} />}
    </>
  );
}
