import { dayFilter } from '@/lib/schemas/dates';

export type AuditFilters = { action: string; from: string; to: string };

/** Filters from the query string (dates as YYYY-MM-DD, whole UTC days). Malformed values are dropped. */
export function parseAuditFilters(p: Record<string, string | string[] | undefined>): AuditFilters & { cursor?: string } {
  const one = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).trim() : '');
  const cursor = one('cursor');
  return { action: one('action').slice(0, 100), from: dayFilter(one('from')), to: dayFilter(one('to')), cursor: cursor || undefined };
}

/** The domain's query: `from`/`to` as ISO times covering whole days. */
export function auditQuery(f: AuditFilters) {
  return {
    action: f.action || undefined,
    from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
    to: f.to ? `${f.to}T23:59:59.999Z` : undefined,
  };
}

export const filterQueryString = (f: AuditFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
