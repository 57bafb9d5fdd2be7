import { apiRoute } from '@/lib/api/handler';
import { listAudit } from '@/lib/domain/audit-log';
import type { AuditEntryDto } from '@/lib/domain/dto';
import { csvResponse, toCsv } from '../../_lib/csv';
import { auditQuery, parseAuditFilters } from '../audit-query';

/** Most entries one export holds; narrow the dates for more. */
const MAX_ROWS = 20_000;

/** The audit trail as CSV with the page's filters (ISO 27001 / SOC 1 evidence). Authorised by the domain. */
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
      ['Time (UTC)', 'Actor', 'Role', 'Action', 'Target type', 'Target', 'Outcome', 'Source IP', 'Details'],
      rows.map((e) => [e.time, e.actorEmail, e.actorRole, e.action, e.targetType, e.targetId, e.outcome, e.sourceIp, e.details ? JSON.stringify(e.details) : '']),
    ),
  );
});
