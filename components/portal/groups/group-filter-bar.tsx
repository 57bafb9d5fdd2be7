'use client';

import { GROUP_STATUSES, PRIORITIES } from '@/db/schema/groups';
import type { SiteDto } from '@/lib/domain/dto';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/field';
import { GROUP_STATUS } from '@/components/ui/status';
import { PRIORITY } from '../labels';
import { NO_FILTERS, type GroupFilters } from './group-filters';

const label = 'mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400';

/** Search by name; filter by status, site (either end) and priority. */
export function GroupFilterBar({ value, onChange, sites }: { value: GroupFilters; onChange: (f: GroupFilters) => void; sites: SiteDto[] }) {
  const set = <K extends keyof GroupFilters>(k: K, v: GroupFilters[K]) => onChange({ ...value, [k]: v });
  const active = Object.values(value).some(Boolean);
  return (
    <div role="search" aria-label="Filter protection groups" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
      <div className="w-56">
        <label htmlFor="group-q" className={label}>
          Search by name
        </label>
        <Input id="group-q" type="search" value={value.q} placeholder="e.g. database" onChange={(e) => set('q', e.target.value)} />
      </div>
      <div className="w-52">
        <label htmlFor="group-status" className={label}>
          Status
        </label>
        <Select id="group-status" value={value.status} onChange={(e) => set('status', e.target.value as GroupFilters['status'])}>
          <option value="">All statuses</option>
          {GROUP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {GROUP_STATUS[s].label}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-40">
        <label htmlFor="group-site" className={label}>
          Site
        </label>
        <Select id="group-site" value={value.site} onChange={(e) => set('site', e.target.value)}>
          <option value="">All sites</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-36">
        <label htmlFor="group-priority" className={label}>
          Priority
        </label>
        <Select id="group-priority" value={value.priority} onChange={(e) => set('priority', e.target.value as GroupFilters['priority'])}>
          <option value="">All priorities</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY[p].label}
            </option>
          ))}
        </Select>
      </div>
      {active && (
        <Button variant="ghost" icon="x" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
