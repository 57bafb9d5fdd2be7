'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ProgressBar } from '@/components/ui/progress';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatGb, formatPercent } from '@/lib/format';
import { plural } from '../labels';
import { useLiveGroup } from './live-group';

/** The group's VMs with their initial-sync progress, agent and continuous-writer warnings. */
export function MembersCard({ canEdit }: { canEdit: boolean }) {
  const g = useLiveGroup();
  const bootGroupName = (id: string | null) => g.recoveryPlan.bootGroups.find((b) => b.id === id)?.name ?? '—';
  const syncing = g.members.filter((m) => m.syncState === 'syncing').length;
  const manage = canEdit && (
    <Link prefetch={false} href={`/vms?site=${g.sourceSiteId}`} className={buttonClasses({ size: 'sm' })}>
      Add or remove VMs
    </Link>
  );

  return (
    <Card id="members" data-testid="members-card">
      <CardHeader
        title={`Members (${plural(g.members.length, 'VM')})`}
        description={syncing ? `Initial sync: ${g.members.length - syncing} of ${g.members.length} VMs synced` : 'Every member is synced'}
        actions={manage}
      />
      {g.members.length === 0 ? (
        <EmptyState icon="server" title="This group has no VMs" description="A group without VMs protects nothing and has no recovery point." action={manage || undefined} />
      ) : (
        <Table caption="Member VMs">
          <THead>
            <tr>
              <Th>VM</Th>
              <Th>OS</Th>
              <Th numeric>Disks</Th>
              <Th>Boot group</Th>
              <Th>Consistency</Th>
              <Th className="w-48">Initial sync</Th>
            </tr>
          </THead>
          <TBody>
            {g.members.map((m) => (
              <Tr key={m.vmId} data-testid={`member-${m.vmId}`}>
                <Td>
                  <span className="font-medium text-slate-900 dark:text-slate-100">{m.name}</span>
                  {m.continuousWriter && (
                    <Badge tone="warning" icon="warning" className="ml-2" title="Writes continuously (e.g. a backup server): can outrun the link and grow the RPO">
                      Continuous writer
                    </Badge>
                  )}
                </Td>
                <Td className="capitalize">{m.os}</Td>
                <Td numeric>{formatGb(m.diskGb)}</Td>
                <Td>{bootGroupName(m.bootGroupId)}</Td>
                <Td>
                  {m.agentInstalled ? (
                    <Badge tone="success" icon="checkCircle">
                      App-consistent (agent)
                    </Badge>
                  ) : (
                    <Badge tone="neutral">Crash-consistent</Badge>
                  )}
                </Td>
                <Td>
                  {m.syncState === 'synced' ? (
                    <Badge tone="success" icon="check">
                      Synced
                    </Badge>
                  ) : (
                    <span className="flex items-center gap-2">
                      <ProgressBar value={m.syncProgress} label={`Initial sync of ${m.name}`} tone="warning" />
                      <span className="w-10 text-right text-xs tabular-nums">{formatPercent(m.syncProgress * 100, 0)}</span>
                    </span>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
