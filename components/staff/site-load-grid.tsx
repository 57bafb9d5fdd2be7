import Link from 'next/link';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { cn } from '@/components/ui/cn';
import type { Load, SiteLoadDto } from '@/lib/domain/staff/dto';
import { LoadBar } from './load-bar';
import { plural } from './plural';

// Site storage runs to petabytes: TB keeps the figures short.
const inTb = (l: Load): Load => ({ ...l, allocated: l.allocated / 1000, capacity: l.capacity / 1000 });

/** The eight sites: status and load (allocated vDC resources against capacity). */
export function SiteLoadGrid({ sites }: { sites: SiteLoadDto[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="site-load">
      {sites.map((s) => (
        <li
          key={s.id}
          className={cn(
            'rounded-lg border bg-white p-3 dark:bg-slate-900',
            s.down ? 'border-red-300 dark:border-red-500/50' : 'border-slate-200 dark:border-slate-800',
          )}
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <Link href={`/staff/sites/${s.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
              {s.name}
            </Link>
            <SiteStatusBadge status={s.down && s.status === 'online' ? 'offline' : s.status} />
          </div>
          <div className="space-y-2">
            <LoadBar label="vCPU" load={s.load.vcpuGhz} unit="GHz" />
            <LoadBar label="Memory" load={s.load.memoryGb} unit="GB" />
            <LoadBar label="Storage" load={inTb(s.load.storageGb)} unit="TB" />
          </div>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            {plural(s.vdcCount, 'vDC')} · {plural(s.groupCount, 'group')} replicating from or to it
          </p>
        </li>
      ))}
    </ul>
  );
}
