import { recoveryReportQuerySchema, type RecoveryReportQuery } from '@/lib/schemas/reports';

/**
 * The report's filters from the URL, read with the API's own schema. A page should still render
 * with a bad link, so invalid filters are dropped and named instead of failing the report.
 */
export function reportQuery(params: Record<string, string | string[] | undefined>): { query: RecoveryReportQuery; problems: string[] } {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = recoveryReportQuerySchema.safeParse(first);
  if (parsed.success) return { query: parsed.data, problems: [] };
  return { query: {}, problems: parsed.error.issues.map((i) => i.message) };
}

/** The query string of the filters set (for the CSV link); "" when none are. */
export function reportQueryString(q: RecoveryReportQuery): string {
  return new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
}
