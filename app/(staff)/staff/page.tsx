import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { FaultBanner } from '@/components/staff/fault-banner';
import { SiteLoadGrid } from '@/components/staff/site-load-grid';
import { TenantHealthTable } from '@/components/staff/tenant-health-table';
import { Card, CardBody, CardHeader, Stat } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime } from '@/lib/format';
import { staffOverview } from '@/lib/domain/staff/overview';
import { staffActor } from './_lib/staff-actor';

export const metadata: Metadata = { title: 'Service overview' };

export default async function StaffOverviewPage() {
  const o = await staffOverview(getDb(), await staffActor());
  const { totals } = o;
  const downSites = o.sites.filter((s) => o.faults.siteIds.includes(s.id));
  return (
    <>
      <AutoRefresh seconds={10} topics={['groups', 'sites', 'dashboard', 'alerts']} />
      <PageHeader
        title="Service overview"
        description={`Every tenant's protection and the eight sites, as of ${formatDateTime(o.now)} (simulated clock).`}
      />
      <FaultBanner sites={downSites} linkIds={o.faults.linkIds} />
      <dl className="mb-5 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900">
        <Stat label="Tenants" value={totals.tenants} />
        <Stat label="Groups meeting SLA" value={`${totals.meetingSla} / ${totals.groups}`} />
        <Stat label="Open alerts" value={totals.openAlerts} />
        <Stat label="Overdue tests" value={totals.overdueTests} hint="Annual test failover" />
        <Stat
          label="Service requests"
          value={totals.activeRequests}
          hint={
            <Link href="/staff/requests" className={totals.overdueRequests ? 'font-medium text-red-700 dark:text-red-400' : 'hover:underline'}>
              {totals.overdueRequests ? `${totals.overdueRequests} past response deadline` : 'View queue'}
            </Link>
          }
        />
        <Stat label="Upcoming maintenance" value={totals.upcomingMaintenance} hint={<Link href="/staff/maintenance" className="hover:underline">Schedule</Link>} />
      </dl>
      <Card className="mb-5">
        <CardHeader title="Tenants" description="Worst first. Worst RPO is the group furthest over, or closest to, its target." />
        <TenantHealthTable tenants={o.tenants} />
      </Card>
      <Card>
        <CardHeader
          title="Sites"
          description="Status and load: vDC resources allocated against each site's capacity."
          actions={
            <Link href="/staff/sites" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
              Sites and faults
            </Link>
          }
        />
        <CardBody className="py-4">
          <SiteLoadGrid sites={o.sites} />
        </CardBody>
      </Card>
    </>
  );
}
