import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { buttonClasses } from '@/components/ui/button';
import { AvailabilityTable, RpoComplianceTable, SlaBandsTable } from '@/components/portal/reports/compliance-tables';
import { RecoveryFilters } from '@/components/portal/reports/recovery-filters';
import { RecoveryTable } from '@/components/portal/reports/recovery-table';
import { PrintButton } from '@/components/portal/reports/print-button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { availabilityHistory, rpoCompliance } from '@/lib/domain/reports/compliance';
import { SLA_TABLE } from '@/lib/domain/reports/sla-table';
import { listGroups } from '@/lib/domain/groups/groups';
import { RECOVERY_REPORT_MAX_ROWS, recoveryReport } from '@/lib/domain/reports/recovery-report';
import { formatDateTime, formatNumber } from '@/lib/format';
import { simNow } from '@/lib/domain/core/clock';
import { reportQuery, reportQueryString } from './recovery-report-query';
import './print.css';

export const metadata: Metadata = { title: 'Reports' };

/** Evidence for auditors and the service review: recoveries and DR tests, RPO compliance, availability and credits. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/reports');
  const db = getDb();
  const { query, problems } = reportQuery(await searchParams);
  const groups = await listGroups(db, actor);
  const [report, compliance, availability, now] = await Promise.all([recoveryReport(db, actor, query), rpoCompliance(db, actor), availabilityHistory(db, actor), simNow()]);
  const qs = reportQueryString(query);

  return (
    <div data-print-report>
      <PageHeader
        title="Reports"
        description={`Disaster-recovery evidence for your auditors (ISO 27001, SOC 1) and your service review. Generated ${formatDateTime(now)}.`}
        actions={
          <>
            <Link href="/reports/runbook" className={buttonClasses({ className: 'print:hidden' })}>
              DR runbook
            </Link>
            <PrintButton />
          </>
        }
      />
      <div className="space-y-4">
        <Card>
          <CardHeader
            title="Recovery report"
            description="Every test failover, live failover, move and failback: who ran it, when, from which checkpoint, the data loss, the RTO achieved against the target (per group and per VM) and the result"
          />
          <RecoveryFilters groups={groups} value={query} csvHref={`/reports/recovery-report.csv${qs ? `?${qs}` : ''}`} />
          {problems.length > 0 && (
            <p role="status" className="border-b border-slate-200 px-4 py-2 text-sm text-amber-800 dark:border-slate-800 dark:text-amber-300">
              Filters ignored: {problems.join(' ')}
            </p>
          )}
          <RecoveryTable items={report.items} />
          {report.truncated && (
            <p className="px-4 py-2 text-xs text-slate-500 dark:text-slate-400">
              The newest {formatNumber(RECOVERY_REPORT_MAX_ROWS)} operations are listed; narrow the filters for older ones.
            </p>
          )}
        </Card>
        <Card>
          <CardHeader title="RPO compliance" description="Share of each month's samples within the group's RPO target, and RPO breaches raised" />
          <RpoComplianceTable rows={compliance} />
        </Card>
        <Card>
          <CardHeader title="Availability and service credit" description="Target 99.9 % per calendar month; scheduled maintenance does not count against it" />
          <AvailabilityTable months={availability} />
          <div className="border-t border-slate-200 dark:border-slate-800">
            <SlaBandsTable bands={SLA_TABLE} />
          </div>
        </Card>
      </div>
    </div>
  );
}
