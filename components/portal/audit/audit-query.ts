import { dayFilter } from '@/lib/schemas/dates';

export type AuditFilters = { action: string; targetId: string; from: string; to: string; tenantId: string };

/**
 * Filters from the query string (dates as YYYY-MM-DD, whole UTC days; `tenantId` narrows a staff
 * member's service-wide trail and is ignored for client roles). Malformed values are dropped.
 */
export function parseAuditFilters(p: Record<string, string | string[] | undefined>): AuditFilters & { cursor?: string } {
  const one = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).trim() : '');
  const cursor = one('cursor');
  return { action: one('action').slice(0, 100), targetId: one('targetId').slice(0, 100), from: dayFilter(one('from')), to: dayFilter(one('to')), tenantId: one('tenantId').slice(0, 100), cursor: cursor || undefined };
}

/** The domain's query: `from`/`to` as ISO times covering whole days. */
export function auditQuery(f: AuditFilters) {
  return {
    action: f.action || undefined,
    targetId: f.targetId || undefined,
    from: f.from ? `${f.from}T00:00:00.000Z` : undefined,
    to: f.to ? `${f.to}T23:59:59.999Z` : undefined,
    tenantId: f.tenantId || undefined,
  };
}

export const filterQueryString = (f: AuditFilters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
