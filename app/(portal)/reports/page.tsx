import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { buttonClasses } from '@/components/ui/button';
import { AvailabilityTable, RpoComplianceTable } from '@/components/portal/reports/compliance-tables';
import { EvidenceFilters } from '@/components/portal/reports/evidence-filters';
import { EvidenceTable } from '@/components/portal/reports/evidence-table';
import { PrintButton } from '@/components/portal/reports/print-button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { availabilityHistory, rpoCompliance } from '@/lib/domain/compliance';
import { listGroups } from '@/lib/domain/groups';
import { formatDateTime } from '@/lib/format';
import { simNow } from '@/lib/domain/clock';
import { parseEvidenceFilters, testEvidence } from './test-evidence';
import './print.css';

export const metadata: Metadata = { title: 'Reports' };

/** Evidence for auditors and the service review: DR tests, RPO compliance, availability and credits. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/reports');
  const db = getDb();
  const filters = parseEvidenceFilters(await searchParams);
  const groups = await listGroups(db, actor);
  const [evidence, compliance, availability, now] = await Promise.all([testEvidence(db, actor, filters), rpoCompliance(db, actor), availabilityHistory(db, actor), simNow()]);
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();

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
          <CardHeader title="DR test evidence" description="Every test failover: who ran it, when, from which checkpoint, the data loss, the RTO achieved against the target, and the result recorded" />
          <EvidenceFilters groups={groups} value={filters} csvHref={`/reports/test-evidence.csv${query ? `?${query}` : ''}`} />
          <EvidenceTable operations={evidence} />
        </Card>
        <Card>
          <CardHeader title="RPO compliance" description="Share of each month's samples within the group's RPO target, and RPO breaches raised" />
          <RpoComplianceTable rows={compliance} />
        </Card>
        <Card>
          <CardHeader title="Availability and service credit" description="Target 99.9 % per calendar month; scheduled maintenance does not count against it" />
          <AvailabilityTable months={availability} />
        </Card>
      </div>
    </div>
  );
}
