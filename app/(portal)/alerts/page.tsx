import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AlertsView } from '@/components/portal/alerts/alerts-view';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listAlerts } from '@/lib/domain/replication/alerts';
import { simNow } from '@/lib/domain/core/clock';
import { listGroups } from '@/lib/domain/groups/groups';

export const metadata: Metadata = { title: 'Alerts' };

type Search = Promise<{ status?: string; groupId?: string }>;

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireActor('/alerts');
  const db = getDb();
  const [alerts, groups, now, params] = await Promise.all([listAlerts(db, actor, { status: 'all', limit: 200 }), listGroups(db, actor), simNow(), searchParams]);
  const tab = params.status === 'resolved' || params.status === 'all' ? params.status : 'open';
  return (
    <>
      <PageHeader title="Alerts" description="Raised by replication monitoring and closed automatically when the cause clears. Acknowledging records that someone is on it." />
      <AlertsView
        initial={alerts}
        groups={groups}
        canAck={can(actor.role, 'alert:ack')}
        initialTab={tab}
        initialGroup={groups.some((g) => g.id === params.groupId) ? (params.groupId as string) : ''}
        nowMs={now}
      />
    </>
  );
}
