'use client';

import type { GroupDto, SiteDto } from '@/lib/domain/core/dto';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { FilterBar, FilterField, FilterSelect } from '@/components/ui/filter-bar';
import { NO_VM_FILTERS, VM_STATUS_FILTERS, type VmFilters, type VmStatusFilter } from './vm-filters';

export function VmFilterBar({ value, onChange, sites, groups }: { value: VmFilters; onChange: (f: VmFilters) => void; sites: SiteDto[]; groups: GroupDto[] }) {
  const set = <K extends keyof VmFilters>(k: K, v: VmFilters[K]) => onChange({ ...value, [k]: v });
  return (
    <FilterBar label="Filter virtual machines">
      <FilterField id="vm-q" label="Search by name" width="w-56">
        <Input id="vm-q" type="search" value={value.q} placeholder="e.g. sql" onChange={(e) => set('q', e.target.value)} />
      </FilterField>
      <FilterSelect id="vm-site" label="Site" width="w-40" all="All sites" options={sites.map((s) => ({ value: s.id, label: s.name }))} value={value.site} onChange={(e) => set('site', e.target.value)} />
      <FilterSelect
        id="vm-group"
        label="Protection group"
        width="w-52"
        all="Any group"
        options={[{ value: 'none', label: 'In no group' }, ...groups.map((g) => ({ value: g.id, label: g.name }))]}
        value={value.group}
        onChange={(e) => set('group', e.target.value)}
      />
      <FilterSelect
        id="vm-status"
        label="Status"
        width="w-52"
        options={Object.entries(VM_STATUS_FILTERS).map(([k, v]) => ({ value: k, label: v }))}
        value={value.status}
        onChange={(e) => set('status', e.target.value as VmStatusFilter)}
      />
      {Object.values(value).some(Boolean) && (
        <Button variant="ghost" icon="x" onClick={() => onChange(NO_VM_FILTERS)}>
          Clear filters
        </Button>
      )}
    </FilterBar>
  );
}
