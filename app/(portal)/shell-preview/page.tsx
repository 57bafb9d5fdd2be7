// TEMPORARY (shell helper): a gallery to screenshot the shell and components. Deleted before hand-off.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress';
import { CardSkeleton } from '@/components/ui/skeleton';
import { GROUP_STATUS } from '@/components/ui/status';
import { StatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { GroupStatus } from '@/db/schema';
import { formatDuration, formatGb, formatRelative } from '@/lib/format';
import { PreviewClient } from './preview-client';

export default function ShellPreview() {
  const now = new Date();
  const statuses = Object.keys(GROUP_STATUS) as GroupStatus[];
  return (
    <>
      <PageHeader
        title="Protection groups"
        description="Replication status of every group, updated live."
        breadcrumbs={[{ label: 'Dashboard', href: '/' }, { label: 'Protection groups' }]}
        actions={<><Button>Export</Button><Button variant="primary" icon="shield">New group</Button></>}
      />
      <div className="grid gap-4 md:grid-cols-4">
        <Card><CardBody><dl><Stat label="Groups meeting SLA" value="5 of 6" hint="1 breach" /></dl></CardBody></Card>
        <Card><CardBody><dl><Stat label="Average RPO" value={formatDuration(8)} /></dl></CardBody></Card>
        <Card><CardBody><dl><Stat label="Protected storage" value={formatGb(4120)} /></dl></CardBody></Card>
        <Card><CardBody><dl><Stat label="Last test" value={formatRelative(new Date(now.getTime() - 3 * 86400_000), now)} /></dl></CardBody></Card>
      </div>
      <Card className="mt-4">
        <CardHeader title="Groups" description="All statuses" actions={<Badge tone="info">10</Badge>} />
        <Table caption="Groups">
          <THead><tr><Th>Name</Th><Th>Status</Th><Th numeric>RPO</Th><Th>Sync</Th></tr></THead>
          <TBody>
            {statuses.map((s, i) => (
              <Tr key={s}>
                <Td className="font-medium">group-{i}</Td>
                <Td><StatusBadge status={s} subStatus={s === 'initialising' ? 'initial sync 3 of 5 VMs, ETA 12 min' : null} /></Td>
                <Td numeric>{formatDuration(i * 37)}</Td>
                <Td><ProgressBar value={i / 9} label={`group-${i} sync`} /></Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        <Card><EmptyState title="No open alerts" description="Alerts appear here when a group misses its RPO." action={<Button size="sm">View history</Button>} /></Card>
        <CardSkeleton />
        <Card><CardBody className="flex flex-wrap gap-2"><Button variant="primary">Primary</Button><Button>Secondary</Button><Button variant="danger">Fail over</Button><Button variant="ghost">Ghost</Button><Button pending>Saving</Button><PreviewClient /></CardBody></Card>
      </div>
    </>
  );
}
