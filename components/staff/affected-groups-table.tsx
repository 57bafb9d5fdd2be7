import { EmptyState } from '@/components/ui/empty-state';
import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { GroupStatus } from '@/lib/schemas/groups';
import { formatDuration } from '@/lib/format';
import type { AffectedGroupDto } from '@/lib/domain/staff/dto';

const ROLE: Record<AffectedGroupDto['role'], string> = { source: 'Replicates from here', target: 'Replicates to here', link: 'Crosses the link' };

/** Groups hit by a site or link fault, with their live status so the effect shows. */
export function AffectedGroupsTable({ groups, siteName }: { groups: AffectedGroupDto[]; siteName: Record<string, string> }) {
  if (!groups.length) return <EmptyState icon="shield" title="No groups affected" description="No protection group replicates from, to or through here." />;
  return (
    <Table caption="Affected protection groups" data-testid="affected-groups">
      <THead>
        <tr>
          <Th>Tenant</Th>
          <Th>Group</Th>
          <Th>Direction</Th>
          <Th>Why affected</Th>
          <Th>Status</Th>
          <Th numeric>RPO / target</Th>
        </tr>
      </THead>
      <TBody>
        {groups.map((g) => (
          <Tr key={g.id}>
            <Td>{g.tenantName}</Td>
            <Td className="font-medium text-slate-900 dark:text-slate-100">{g.name}</Td>
            <Td className="whitespace-nowrap">
              {siteName[g.sourceSiteId] ?? g.sourceSiteId} → {siteName[g.targetSiteId] ?? g.targetSiteId}
            </Td>
            <Td>
              <Badge tone="neutral">{ROLE[g.role]}</Badge>
            </Td>
            <Td>
              <StatusBadge status={g.status as GroupStatus} subStatus={g.subStatus} />
            </Td>
            <Td numeric>
              {formatDuration(g.rpoSeconds)} / {formatDuration(g.rpoTargetSeconds)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
