import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { AuditFilters } from '@/components/portal/audit/audit-filters';
import { AuditTable } from '@/components/portal/audit/audit-table';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireActor } from '@/lib/auth/current-actor';
import { can } from '@/lib/auth/policy';
import { listAudit } from '@/lib/domain/audit-log';
import { ValidationError } from '@/lib/domain/errors';
import { auditQuery, filterQueryString, parseAuditFilters } from './audit-query';

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
  const { cursor, ...filters } = parseAuditFilters(await searchParams);
  const page = await listAudit(getDb(), actor, { ...auditQuery(filters), limit: 100, cursor }).catch((error) => {
    // A stale or edited cursor is not worth an error page: start from the newest entry instead.
    if (error instanceof ValidationError) return listAudit(getDb(), actor, { ...auditQuery(filters), limit: 100 });
    throw error;
  });
  const qs = filterQueryString(filters);
  return (
    <>
      <PageHeader title="Audit log" description={description} />
      <Card>
        <AuditFilters value={filters} csvHref={`/audit/export.csv${qs ? `?${qs}` : ''}`} />
        <AuditTable entries={page.items} />
        <div className="flex justify-between border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <span>Newest first, in the order recorded · real time, UTC; “sim” is the simulated clock the other pages show</span>
          <span className="flex gap-3">
            {cursor && (
              <Link href={`/audit${qs ? `?${qs}` : ''}`} className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
                Newest
              </Link>
            )}
            {page.nextCursor && (
              <Link href={`/audit?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(qs)), cursor: page.nextCursor })}`} className={buttonClasses({ size: 'sm' })}>
                Older entries
              </Link>
            )}
          </span>
        </div>
      </Card>
    </>
  );
}
