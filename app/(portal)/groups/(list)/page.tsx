import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { FlashToast } from '@/components/portal/flash-toast';
import { GroupsTable } from '@/components/portal/groups/groups-table';
import { parseGroupFilters } from '@/components/portal/groups/group-filters';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listAlerts } from '@/lib/domain/replication/alerts';
import { simNow } from '@/lib/domain/core/clock';
import { listGroups } from '@/lib/domain/groups/groups';
import { listOperations } from '@/lib/domain/operations/operations';
import { listSites } from '@/lib/domain/inventory/sites';

export const metadata: Metadata = { title: 'Protection groups' };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/groups');
  const db = getDb();
  const [groups, sites, alerts, operations, now, params] = await Promise.all([
    listGroups(db, actor),
    listSites(db, actor),
    listAlerts(db, actor, { status: 'open', limit: 200 }),
    listOperations(db, actor, { limit: 50 }),
    simNow(),
    searchParams,
  ]);
  const create = can(actor.role, 'group:write') && (
    <Link href="/groups/new" className={buttonClasses({ variant: 'primary' })}>
      <Icon name="shield" className="size-4" />
      Create protection group
    </Link>
  );
  return (
    <>
      {params.deleted && <FlashToast param="deleted" toast={{ tone: 'success', title: 'Protection group deleted', description: 'Its VMs are no longer protected.' }} />}
      <PageHeader
        title="Protection groups"
        description="VMs replicated together to a recovery site, with their status, actual RPO against target and last test."
        actions={create}
      />
      <Card>
        <GroupsTable
          initialGroups={groups}
          initialSites={sites}
          initialAlerts={alerts}
          initialOperations={operations.items}
          initialFilters={parseGroupFilters(params)}
          nowMs={now}
          emptyAction={create || undefined}
        />
      </Card>
    </>
  );
}
