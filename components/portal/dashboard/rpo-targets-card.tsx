import Link from 'next/link';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { TONE_FILL } from '@/components/ui/tone';
import { RpoFigure } from '../rpo-figure';
import { rpoHealth } from '../rpo-health';
import { MoreLink } from './more-link';

/**
 * Each group's actual RPO as a share of its target: the bar crosses the line when it breaches.
 * The groups closest to (or past) their target come first; the rest are on the groups page.
 */
export function RpoTargetsCard({ rpo }: { rpo: DashboardDto['rpo'] }) {
  const groups = rpo.items;
  return (
    <Card data-testid="rpo-targets-card">
      <CardHeader title="RPO against target" description="Actual recovery point age per group; the mark is the alert target" />
      {groups.length === 0 ? (
        <EmptyState title="No groups to measure" />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {groups.map((g) => {
            const h = rpoHealth(g.rpoSeconds, g.rpoTargetSeconds);
            // The bar spans twice the target so a breach is visibly past the mark, not clipped at it.
            const width = h.ratio == null ? 0 : Math.min(100, (h.ratio / 2) * 100);
            return (
              <li key={g.id} className="grid grid-cols-[minmax(0,10rem)_1fr_auto] items-center gap-3 px-4 py-2.5 text-sm" data-testid={`rpo-row-${g.id}`} data-status={g.status}>
                <Link prefetch={false} href={`/groups/${g.id}`} className="truncate font-medium hover:underline">
                  {g.name}
                </Link>
                <div className="relative h-2 rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                  <div className={cn('h-full rounded-full', TONE_FILL[h.tone])} style={{ width: `${Math.max(width, h.ratio == null ? 0 : 1.5)}%` }} />
                  <div className="absolute inset-y-[-3px] left-1/2 w-0.5 bg-slate-500 dark:bg-slate-400" />
                </div>
                <RpoFigure rpoSeconds={g.rpoSeconds} targetSeconds={g.rpoTargetSeconds} />
              </li>
            );
          })}
        </ul>
      )}
      <MoreLink shown={groups.length} total={rpo.total} noun="groups, closest to target first" href="/groups" label="All groups" />
    </Card>
  );
}

