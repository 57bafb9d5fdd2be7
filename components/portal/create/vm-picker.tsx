'use client';

import type { VmDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatGb } from '@/lib/format';

/** Unprotected VMs of the production site, as checkboxes, with what matters to replication. */
export function VmPicker({ vms, selected, onChange, errors }: { vms: VmDto[]; selected: string[]; onChange: (ids: string[]) => void; errors: string[] }) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <Card>
      <CardHeader title="Virtual machines" description="Unprotected VMs running at the production site; each starts an initial sync when the group is created" />
      {vms.length === 0 ? (
        <EmptyState icon="server" title="No unprotected VMs at this site" description="Choose another production site, or create the group empty and add VMs later." />
      ) : (
        <fieldset className="divide-y divide-slate-100 dark:divide-slate-800" aria-describedby={errors.length ? 'new-vms-error' : undefined}>
          <legend className="sr-only">VMs to protect</legend>
          {vms.map((v) => (
            <label key={v.id} className="flex cursor-pointer items-center gap-3 px-4 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <input type="checkbox" className="size-4 accent-sky-700" checked={selected.includes(v.id)} onChange={(e) => toggle(v.id, e.target.checked)} />
              <span className="min-w-40 font-medium">{v.name}</span>
              <span className="w-20 capitalize text-slate-500 dark:text-slate-400">{v.os}</span>
              <span className="w-20 text-right tabular-nums text-slate-500 dark:text-slate-400">{formatGb(v.diskGb)}</span>
              <span className="flex flex-wrap gap-1">
                {v.agentInstalled && <Badge tone="success">Agent: app-consistent</Badge>}
                {v.continuousWriter && (
                  <Badge tone="warning" icon="warning">
                    Continuous writer: may outrun the link
                  </Badge>
                )}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {errors.length > 0 && (
        <div id="new-vms-error" className="border-t border-slate-200 px-4 py-2 text-xs font-medium text-red-700 dark:border-slate-800 dark:text-red-400">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
    </Card>
  );
}
