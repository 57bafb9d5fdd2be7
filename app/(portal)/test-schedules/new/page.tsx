import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { ScheduleForm } from '@/components/portal/test-schedules/schedule-form';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { simNow } from '@/lib/domain/core/clock';
import { listGroups } from '@/lib/domain/groups/groups';
import { listPlans } from '@/lib/domain/recovery/plans';

export const metadata: Metadata = { title: 'New test schedule' };

export default async function NewTestSchedulePage() {
  const actor = await requireActor('/test-schedules/new');
  const crumbs = [{ label: 'Test schedules', href: '/test-schedules' }, { label: 'New' }];
  if (!(actor.role === 'client_admin' || (actor.role === 'staff' && actor.tenantId))) {
    // The domain refuses a user too (403); staff act for the tenant first (or use the API with ?tenantId=).
    return (
      <>
        <PageHeader title="New test schedule" breadcrumbs={crumbs} />
        <EmptyState
          icon="flask"
          title="Only client administrators create test schedules"
          description="Ask a client administrator of your organisation to schedule a test."
          action={<Link href="/test-schedules" className={buttonClasses()}>Back to test schedules</Link>}
        />
      </>
    );
  }
  const db = getDb();
  const [groups, plans, nowMs] = await Promise.all([listGroups(db, actor), listPlans(db, actor), simNow()]);
  if (!groups.length) {
    return (
      <>
        <PageHeader title="New test schedule" breadcrumbs={crumbs} />
        <EmptyState icon="shield" title="No protection groups to test" description="A schedule tests protection groups: create a group first." action={<Link href="/groups/new" className={buttonClasses({ variant: 'primary' })}>Create protection group</Link>} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="New test schedule" breadcrumbs={crumbs} description="The system starts a test failover at each time the schedule gives, checks the applications, stops after the duration and records the result." />
      <ScheduleForm groups={groups.map((g) => ({ id: g.id, name: g.name }))} plans={plans.map((p) => ({ id: p.id, name: p.name }))} nowMs={nowMs} />
    </>
  );
}
