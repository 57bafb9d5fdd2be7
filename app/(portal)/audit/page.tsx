import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AuditTrailCard } from '@/components/portal/audit/audit-trail-card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listAudit } from '@/lib/domain/audit/audit-log';
import { ValidationError } from '@/lib/core/errors';
import { auditQuery, filterQueryString, parseAuditFilters } from '@/components/portal/audit/audit-query';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/audit');
  const description = 'Every change and every failover action in your organisation: who, when, from where and the outcome.';
  if (!can(actor.role, 'audit:read')) {
    return (
      <>
        <PageHeader title="Audit log" description={description} />
        <EmptyState icon="audit" title="Client administrators read the audit log" description="Ask an administrator of your organisation for an export." />
      </>
    );
  }
  // The tenant is the actor's own here (the domain pins it); only the console chooses one.
  const { cursor, ...filters } = { ...parseAuditFilters(await searchParams), tenantId: '' };
  const page = await listAudit(getDb(), actor, { ...auditQuery(filters), limit: 100, cursor }).catch((error) => {
    // A stale or edited cursor is not worth an error page: start from the newest entry instead.
    if (error instanceof ValidationError) return listAudit(getDb(), actor, { ...auditQuery(filters), limit: 100 });
    throw error;
  });
  return (
    <>
      <PageHeader title="Audit log" description={description} />
      <AuditTrailCard path="/audit" filters={filters} qs={filterQueryString(filters)} entries={page.items} cursor={cursor} nextCursor={page.nextCursor} />
    </>
  );
}
