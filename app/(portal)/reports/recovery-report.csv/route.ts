import { apiRoute } from '@/lib/api/handler';
import { queryOf } from '@/lib/api/request-input';
import { recoveryReport } from '@/lib/domain/reports/recovery-report';
import { csvResponse, toCsv } from '../../_lib/csv';
import { RECOVERY_REPORT_HEADER, recoveryReportRow } from '../recovery-report-csv';

/** The recovery report as CSV, with the page's filters (validated as the API validates them). Session or token. */
export const GET = apiRoute(async ({ db, actor, req }) => {
  const { items } = await recoveryReport(db, actor, queryOf(req));
  return csvResponse('dr-recovery-report.csv', toCsv(RECOVERY_REPORT_HEADER, items.map(recoveryReportRow)));
});
