import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { VmsTable } from '@/components/portal/vms/vms-table';
import { parseVmFilters } from '@/components/portal/vms/vm-filters';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listGroups } from '@/lib/domain/groups/groups';
import { listSites } from '@/lib/domain/inventory/sites';
import { listVms } from '@/lib/domain/inventory/vms';

export const metadata: Metadata = { title: 'Virtual machines' };

export default async function VmsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/vms');
  const db = getDb();
  const [vms, groups, sites, params] = await Promise.all([listVms(db, actor), listGroups(db, actor), listSites(db, actor), searchParams]);
  return (
    <>
      <PageHeader title="Virtual machines" description="Your production VMs, where they run and how they are protected. Continuous writers (backup servers) can outrun the link and grow a group's RPO." />
      <Card>
        <VmsTable initialVms={vms} initialGroups={groups} initialSites={sites} initialFilters={parseVmFilters(params)} canEdit={can(actor.role, 'group:write')} />
      </Card>
    </>
  );
}
