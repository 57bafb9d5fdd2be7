import type { VmDto } from '@/lib/domain/core/dto';

export const VM_STATUS_FILTERS = {
  '': 'All VMs',
  protected: 'Protected',
  unprotected: 'Unprotected',
  syncing: 'Initial sync in progress',
  'continuous-writer': 'Continuous writers',
  'no-agent': 'Without agent',
} as const;

export type VmStatusFilter = keyof typeof VM_STATUS_FILTERS;
export type VmFilters = { q: string; site: string; group: string; status: VmStatusFilter };
export const NO_VM_FILTERS: VmFilters = { q: '', site: '', group: '', status: '' };

/** `group` is a group id, or "none" for VMs in no group. */
export function parseVmFilters(params: Record<string, string | string[] | undefined>): VmFilters {
  const one = (k: string) => (typeof params[k] === 'string' ? (params[k] as string).slice(0, 100) : '');
  const status = one('status');
  return { q: one('q'), site: one('site'), group: one('group'), status: status in VM_STATUS_FILTERS ? (status as VmStatusFilter) : '' };
}

const STATUS_TEST: Record<VmStatusFilter, (v: VmDto) => boolean> = {
  '': () => true,
  protected: (v) => v.groupId != null,
  unprotected: (v) => v.groupId == null,
  syncing: (v) => v.syncState === 'syncing',
  'continuous-writer': (v) => v.continuousWriter,
  'no-agent': (v) => !v.agentInstalled,
};

export function filterVms(vms: VmDto[], f: VmFilters): VmDto[] {
  const q = f.q.trim().toLowerCase();
  return vms.filter(
    (v) =>
      (!q || v.name.toLowerCase().includes(q)) &&
      (!f.site || v.siteId === f.site) &&
      (!f.group || (f.group === 'none' ? v.groupId == null : v.groupId === f.group)) &&
      STATUS_TEST[f.status](v),
  );
}

export function vmFiltersToQuery(f: VmFilters): string {
  const s = new URLSearchParams(Object.entries(f).filter(([, v]) => v)).toString();
  return s ? `?${s}` : '';
}
