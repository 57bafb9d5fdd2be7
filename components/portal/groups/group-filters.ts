import { type GroupStatus, type Priority, GROUP_STATUSES, PRIORITIES } from '@/lib/schemas/groups';
import type { GroupDto } from '@/lib/domain/core/dto';

export type GroupFilters = { q: string; status: GroupStatus | ''; site: string; priority: Priority | '' };

export const NO_FILTERS: GroupFilters = { q: '', status: '', site: '', priority: '' };

/** Filters from the URL, ignoring values that are not ours (a stale bookmark still opens the list). */
export function parseGroupFilters(params: Record<string, string | string[] | undefined>): GroupFilters {
  const one = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : '');
  const status = one('status');
  const priority = one('priority');
  return {
    q: one('q').slice(0, 100),
    status: (GROUP_STATUSES as readonly string[]).includes(status) ? (status as GroupStatus) : '',
    site: one('site').slice(0, 64),
    priority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : '',
  };
}

export function filterGroups(groups: GroupDto[], f: GroupFilters): GroupDto[] {
  const q = f.q.trim().toLowerCase();
  return groups.filter(
    (g) =>
      (!q || g.name.toLowerCase().includes(q)) &&
      (!f.status || g.status === f.status) &&
      (!f.site || g.sourceSiteId === f.site || g.targetSiteId === f.site) &&
      (!f.priority || g.priority === f.priority),
  );
}

export function filtersToQuery(f: GroupFilters): string {
  const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
