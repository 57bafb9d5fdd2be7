import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AuditTrailCard } from '@/components/portal/audit/audit-trail-card';
import { PageHeader } from '@/components/ui/page-header';
import { listAudit } from '@/lib/domain/audit/audit-log';
import { ValidationError } from '@/lib/core/errors';
import { listTenants } from '@/lib/domain/staff/tenants';
import { auditQuery, filterQueryString, parseAuditFilters } from '@/components/portal/audit/audit-query';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'Audit log' };

/** The whole service's audit trail (staff actions such as faults and maintenance included), or one tenant's. */
export default async function StaffAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await staffActor();
  const db = getDb();
  const tenants = listTenants(db, actor).map((t) => ({ value: t.id, label: t.name }));
  const { cursor, ...parsed } = parseAuditFilters(await searchParams);
  const filters = { ...parsed, tenantId: tenants.some((t) => t.value === parsed.tenantId) ? parsed.tenantId : '' };
  const page = await listAudit(db, actor, { ...auditQuery(filters), limit: 100, cursor }).catch((error) => {
    if (error instanceof ValidationError) return listAudit(db, actor, { ...auditQuery(filters), limit: 100 });
    throw error;
  });
  return (
    <>
      <PageHeader title="Audit log" description="Every change and every failover action across the service: tenants' and the provider's, who, when, from where and the outcome." />
      <AuditTrailCard path="/staff/audit" filters={filters} qs={filterQueryString(filters)} entries={page.items} cursor={cursor} nextCursor={page.nextCursor} tenants={tenants} />
    </>
  );
}
