import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { DashboardLive } from '@/components/portal/dashboard/dashboard-live';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { getDashboard } from '@/lib/domain/reports/dashboard';
import { getTenantOutages } from '@/lib/domain/recovery/outages';
import { OutageBanner } from '@/components/portal/dashboard/outage-banner';
import { PendingApprovalsBanner } from '@/components/portal/dashboard/pending-approvals-banner';
import { listApprovals } from '@/lib/domain/approvals/approvals';
import { DegradedSitesBanner } from '@/components/portal/dashboard/degraded-sites-banner';
import { getTenantDegradedSites } from '@/lib/domain/recovery/degraded-sites';

export const metadata: Metadata = { title: 'Dashboard' };

/** Are we protected, and could we recover right now? Then the detail an administrator drills into. */
export default async function DashboardPage() {
  const actor = await requireActor('/');
  const dashboard = await getDashboard(getDb(), actor);
  const outages = getTenantOutages(getDb(), actor);
  // Four-eyes approval: requests this reader may decide (not their own).
  const awaiting = listApprovals(getDb(), actor, { status: 'pending' }).items.filter((a) => a.mayDecide);
  const degradedSites = getTenantDegradedSites(getDb(), actor);
  return (
    <>
      {/* First thing on the page: a site or link the tenant replicates from is down, and what to do. */}
      <OutageBanner outages={outages} canRecover={can(actor.role, 'operation:run')} nowIso={dashboard.at} />
      <PendingApprovalsBanner approvals={awaiting} />
      <DegradedSitesBanner sites={degradedSites} />
      <PageHeader title="Dashboard" description="Replication health of your protection groups, updated live." />
      <DashboardLive initial={dashboard} canCreate={can(actor.role, 'group:write')} />
    </>
  );
}
