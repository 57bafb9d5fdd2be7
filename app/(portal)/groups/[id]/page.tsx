import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { Direction, LastTestBadge, PriorityBadge } from '@/components/portal/badges';
import { FlashToast } from '@/components/portal/flash-toast';
import { plural, siteName } from '@/components/portal/labels';
import { DeleteGroup } from '@/components/portal/group/delete-group';
import { GroupActions } from '@/components/portal/group/group-actions';
import { EditableGroupSettings, EditableRecoveryPlan } from '@/components/portal/group/editable-sections';
import { GroupSettingsView } from '@/components/portal/group/group-settings-view';
import { GroupStatusLive } from '@/components/portal/group/group-status-live';
import { GroupSummary } from '@/components/portal/group/group-summary';
import { JournalCard } from '@/components/portal/group/journal-card';
import { LiveGroupProvider } from '@/components/portal/group/live-group';
import { MembersCard } from '@/components/portal/group/members-card';
import { NetworksCard } from '@/components/portal/group/networks-card';
import { readGroupNetworks } from '@/lib/domain/groups/group-networks';
import { OperationHistory } from '@/components/portal/group/operation-history';
import { RecoveryPlanView } from '@/components/portal/group/recovery-plan-view';
import { ReplicationCharts } from './replication-charts';
import { SectionNav } from '@/components/portal/group/section-nav';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { simNow } from '@/lib/domain/core/clock';
import { listOperations } from '@/lib/domain/operations/operations';
import { listSites } from '@/lib/domain/inventory/sites';
import { loadGroup } from './load-group';
import { StorageCard } from '@/components/portal/group/storage-card';
import { getGroupStorage } from '@/lib/domain/resources/resources';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const group = await loadGroup(await requireActor(`/groups/${id}`), id);
  return { title: group.name };
}

/** One protection group: status, replication over time, journal, members, plan, settings, history. */
export default async function GroupPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/groups/${id}`);
  const group = await loadGroup(actor, id);
  const db = getDb();
  const [sites, operations, now, { created }, networks] = await Promise.all([
    listSites(db, actor), listOperations(db, actor, { groupId: id, limit: 20 }), simNow(), searchParams, readGroupNetworks(db, actor, id),
  ]);
  const admin = can(actor.role, 'group:write');
  const from = siteName(sites, group.sourceSiteId);
  const to = siteName(sites, group.targetSiteId);

  return (
    <LiveGroupProvider initial={group}>
      {created && <FlashToast param="created" toast={{ tone: 'success', title: `Protection group “${group.name}” created`, description: 'Initial sync of its VMs has started.' }} />}
      <PageHeader
        title={group.name}
        breadcrumbs={[{ label: 'Protection groups', href: '/groups' }, { label: group.name }]}
        meta={<GroupStatusLive />}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Direction from={from} to={to} className="font-medium text-slate-800 dark:text-slate-200" />
            <PriorityBadge priority={group.priority} />
            <span>{plural(group.members.length, 'VM')}</span>
            <span className="flex items-center gap-1.5">
              Annual test <LastTestBadge test={group} nowMs={now} showDate />
            </span>
            {group.description && <span className="w-full text-slate-500 dark:text-slate-400">{group.description}</span>}
          </span>
        }
        actions={admin ? <GroupActions siteNames={Object.fromEntries(sites.map((s) => [s.id, s.name]))} /> : undefined}
      />
      <SectionNav
        items={[
          { href: '#replication', label: 'Replication' },
          { href: '#members', label: 'Members' },
          { href: '#journal', label: 'Journal' },
          { href: '#recovery-plan', label: 'Recovery plan' },
          { href: '#networks', label: 'Networks' },
          { href: '#settings', label: 'Settings' },
          { href: '#history', label: 'History' },
        ]}
      />
      <div className="space-y-4">
        <GroupSummary />
        <ReplicationCharts groupId={group.id} nowMs={now} siteNames={Object.fromEntries(sites.map((s) => [s.id, s.name]))} />
        <MembersCard canEdit={admin} />
        <StorageCard storage={getGroupStorage(db, actor, group.id)} siteName={to} showResourcesLink={can(actor.role, 'resources:read')} />
        <div className="grid items-start gap-4 xl:grid-cols-2">
          <JournalCard canTag={can(actor.role, 'checkpoint:tag')} nowMs={now} />
          {admin ? <EditableRecoveryPlan group={group} /> : <RecoveryPlanView group={group} />}
        </div>
        <NetworksCard initial={networks} canEdit={admin} />
        {admin ? <EditableGroupSettings group={group} /> : <GroupSettingsView group={group} />}
        <OperationHistory operations={operations.items} />
        {admin && <DeleteGroup />}
      </div>
    </LiveGroupProvider>
  );
}
