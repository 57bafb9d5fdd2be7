import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { slaReport, slaReportCsv } from '@/lib/domain/staff/sla-report';

/** `?month=YYYY-MM` (default: this month); `&format=csv` downloads the same rows as CSV. */
export const GET = apiRoute(async ({ db, actor, req }) => {
  const query = queryOf(req);
  const report = await slaReport(db, actor, query);
  if (query.format !== 'csv') return report;
  return new Response(slaReportCsv(report), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cloudshield-sla-${report.month}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
