import Link from 'next/link';
import type { AuditEntryDto } from '@/lib/domain/core/dto';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';

type Props = {
  /** The page's path: the client portal's /audit or the console's /staff/audit. */
  path: string;
  filters: { action: string; targetId: string; from: string; to: string; tenantId: string };
  /** The filters as a query string (no cursor). */
  qs: string;
  entries: AuditEntryDto[];
  cursor?: string;
  nextCursor: string | null;
  tenants?: { value: string; label: string }[];
};

/** The audit trail with its filters, CSV export and paging (newest first, in the order recorded). */
export function AuditTrailCard({ path, filters, qs, entries, cursor, nextCursor, tenants }: Props) {
  return (
    <Card>
      <AuditFilters value={filters} path={path} tenants={tenants} csvHref={`/audit/export.csv${qs ? `?${qs}` : ''}`} />
      <AuditTable entries={entries} />
      <div className="flex justify-between gap-3 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <span>Newest first, in the order recorded · real time, UTC; “sim” is the simulated clock the other pages show</span>
        <span className="flex gap-3">
          {cursor && (
            <Link href={`${path}${qs ? `?${qs}` : ''}`} className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
              Newest
            </Link>
          )}
          {nextCursor && (
            <Link href={`${path}?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(qs)), cursor: nextCursor })}`} className={buttonClasses({ size: 'sm' })}>
              Older entries
            </Link>
          )}
        </span>
      </div>
    </Card>
  );
}
