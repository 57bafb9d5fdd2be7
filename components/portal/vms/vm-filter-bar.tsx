'use client';

import type { GroupDto, SiteDto } from '@/lib/domain/dto';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { NO_VM_FILTERS, VM_STATUS_FILTERS, type VmFilters, type VmStatusFilter } from './vm-filters';

const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400';

export function VmFilterBar({ value, onChange, sites, groups }: { value: VmFilters; onChange: (f: VmFilters) => void; sites: SiteDto[]; groups: GroupDto[] }) {
  const set = <K extends keyof VmFilters>(k: K, v: VmFilters[K]) => onChange({ ...value, [k]: v });
  return (
    <div role="search" aria-label="Filter virtual machines" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
      <div className="w-56">
        <label htmlFor="vm-q" className={label}>
          Search by name
        </label>
        <Input id="vm-q" type="search" value={value.q} placeholder="e.g. sql" onChange={(e) => set('q', e.target.value)} />
      </div>
      <div className="w-40">
        <label htmlFor="vm-site" className={label}>
          Site
        </label>
        <Select id="vm-site" value={value.site} onChange={(e) => set('site', e.target.value)}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-52">
        <label htmlFor="vm-group" className={label}>
          Protection group
        </label>
        <Select id="vm-group" value={value.group} onChange={(e) => set('group', e.target.value)}>
          <option value="">Any group</option>
          <option value="none">In no group</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-52">
        <label htmlFor="vm-status" className={label}>
          Status
        </label>
        <Select id="vm-status" value={value.status} onChange={(e) => set('status', e.target.value as VmStatusFilter)}>
          {Object.entries(VM_STATUS_FILTERS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </Select>
      </div>
      {Object.values(value).some(Boolean) && (
        <Button variant="ghost" icon="x" onClick={() => onChange(NO_VM_FILTERS)}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
