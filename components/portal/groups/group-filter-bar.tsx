'use client';

import { GROUP_STATUSES, PRIORITIES } from '@/lib/schemas/vocabulary';
import type { SiteDto } from '@/lib/domain/core/dto';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { FilterBar, FilterField, FilterSelect } from '@/components/ui/filter-bar';
import { GROUP_STATUS } from '@/components/ui/status';
import { PRIORITY } from '../labels';
import { NO_FILTERS, type GroupFilters } from './group-filters';

/** Search by name; filter by status, site (either end) and priority. */
export function GroupFilterBar({ value, onChange, sites }: { value: GroupFilters; onChange: (f: GroupFilters) => void; sites: SiteDto[] }) {
  const set = <K extends keyof GroupFilters>(k: K, v: GroupFilters[K]) => onChange({ ...value, [k]: v });
  return (
    <FilterBar label="Filter protection groups">
      <FilterField id="group-q" label="Search by name" width="w-56">
        <Input id="group-q" type="search" value={value.q} placeholder="e.g. database" onChange={(e) => set('q', e.target.value)} />
      </FilterField>
      <FilterSelect
        id="group-status"
        label="Status"
        width="w-52"
        all="All statuses"
        options={GROUP_STATUSES.map((s) => ({ value: s, label: GROUP_STATUS[s].label }))}
        value={value.status}
        onChange={(e) => set('status', e.target.value as GroupFilters['status'])}
      />
      <FilterSelect id="group-site" label="Site" width="w-40" all="All sites" options={sites.map((s) => ({ value: s.id, label: s.name }))} value={value.site} onChange={(e) => set('site', e.target.value)} />
      <FilterSelect
        id="group-priority"
        label="Priority"
        width="w-36"
        all="All priorities"
        options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY[p].label }))}
        value={value.priority}
        onChange={(e) => set('priority', e.target.value as GroupFilters['priority'])}
      />
      {Object.values(value).some(Boolean) && (
        <Button variant="ghost" icon="x" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </FilterBar>
  );
}
