import { apiRoute } from '@/lib/api/handler';
import { listAudit } from '@/lib/domain/audit/audit-log';
import { auditActor } from '@/components/portal/audit/audit-labels';
import type { AuditEntryDto } from '@/lib/domain/core/dto';
import { csvResponse, toCsv } from '../../_lib/csv';
import { auditQuery, parseAuditFilters } from '@/components/portal/audit/audit-query';

/** Most entries one export holds; narrow the dates for more. */
const MAX_ROWS = 20_000;

/**
 * The audit trail as CSV with the page's filters (ISO 27001 / SOC 1 evidence), newest first in the
 * order recorded (`Entry`). Authorised by the domain.
 */
export const GET = apiRoute(async ({ db, actor, req }) => {
  const filters = parseAuditFilters(Object.fromEntries(req.nextUrl.searchParams));
  const rows: AuditEntryDto[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(db, actor, { ...auditQuery(filters), limit: 500, cursor });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_ROWS);
  return csvResponse(
    'audit-log.csv',
    toCsv(
      ['Entry', 'Time (UTC)', 'Clock of time', 'Simulated time (UTC)', 'Actor', 'Role', 'Action', 'Target type', 'Target', 'Target id', 'Outcome', 'Source IP', 'Details', 'Count', 'Last time (UTC)'],
      rows.map((e) => [
        e.id, e.time, e.timeClock, e.simulatedTime, auditActor(e), e.actorRole, e.action, e.targetType, e.targetName, e.targetId, e.outcome, e.sourceIp,
        e.details ? JSON.stringify(e.details) : '', e.count, e.lastTime,
      ]),
    ),
  );
});
