import { apiRoute } from '@/lib/api/handler';
import { csvResponse, toCsv } from '../../_lib/csv';
import { EVIDENCE_HEADER, evidenceRow, parseEvidenceFilters, testEvidence } from '../test-evidence';

/** The DR test evidence as CSV, with the page's filters. Same rules as the page (session or token). */
export const GET = apiRoute(async ({ db, actor, req }) => {
  const filters = parseEvidenceFilters(Object.fromEntries(req.nextUrl.searchParams));
  const rows = await testEvidence(db, actor, filters);
  return csvResponse('dr-test-evidence.csv', toCsv(EVIDENCE_HEADER, rows.map(evidenceRow)));
});
