import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import type { OutageDto } from '@/lib/domain/recovery/outages';
import { formatDate, formatDateTime, formatDuration } from '@/lib/format';
import { plural } from '../labels';

/** "09:12 UTC" on the day it happens, the full date once it has lasted past midnight. */
function sinceText(since: string | null, nowIso: string): string {
  if (!since) return '';
  const sameDay = formatDate(since) === formatDate(nowIso);
  return ` since ${sameDay ? formatDateTime(since).split(', ')[1] : formatDateTime(since)}`;
}

/** Where the Recover action opens the run wizard: live failover of the groups the outage hits. */
export function recoverHref(outage: OutageDto): string {
  const q = new URLSearchParams({ type: 'failover' });
  if (outage.kind === 'site' && outage.siteId) q.set('sourceSiteId', outage.siteId);
  // A cut link leaves the source running: only the groups crossing it, not every group of the site.
  else q.set('groupIds', outage.groups.map((g) => g.id).join(','));
  return `/recovery/new?${q}`;
}

/**
 * The outage at the very top of the dashboard: what is down, which groups replicate from it and
 * the data each would lose now, and, for those who may start one, the recovery.
 */
export function OutageBanner({ outages, canRecover, nowIso }: { outages: OutageDto[]; canRecover: boolean; nowIso: string }) {
  if (!outages.length) return null;
  return (
    <div className="mb-4 space-y-3" data-testid="outage-banner">
      {outages.map((o) => {
        const what = o.kind === 'site' ? `${o.siteName} is down` : `The link ${o.linkLabel} is cut`;
        const names = o.groups.map((g) => g.name).join(', ');
        return (
          <section
            key={o.siteId ?? o.linkId}
            role="alert"
            aria-label={what}
            data-testid={`outage-${o.kind}-${o.siteId ?? o.linkId}`}
            className="rounded-lg border-2 border-red-600 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-500/10 dark:text-red-100"
          >
            <div className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
              <div className="flex min-w-0 items-start gap-2.5">
                <Icon name="error" className="mt-0.5 size-5 shrink-0 text-red-600 dark:text-red-400" />
                <div className="min-w-0">
                  <p className="font-semibold">
                    {what}
                    {sinceText(o.since, nowIso)} — {o.groups.length === 1 ? '1 of your groups replicates' : `${o.groups.length} of your groups replicate`} {o.kind === 'site' ? 'from' : 'over'} it: {names}
                  </p>
                  <ul className="mt-1.5 space-y-0.5 text-sm">
                    {o.groups.map((g) => (
                      <li key={g.id} data-testid={`outage-group-${g.id}`}>
                        <Link prefetch={false} href={`/groups/${g.id}`} className="font-medium underline underline-offset-2 hover:no-underline">
                          {g.name}
                        </Link>
                        {': '}
                        {plural(g.vmCount, 'VM')}, data loss now <span className="font-semibold tabular-nums">{formatDuration(g.rpoSeconds)}</span> (target {formatDuration(g.rpoTargetSeconds)}), recovers to {g.targetSiteName}
                        {g.targetSiteDown && <strong className="ml-1">— {g.targetSiteName} is down too, so it cannot recover there</strong>}
                      </li>
                    ))}
                  </ul>
                  {!canRecover && <p className="mt-2 text-sm" data-testid="outage-ask-admin">Your administrators can start the recovery.</p>}
                </div>
              </div>
              {canRecover && (
                <Link prefetch={false} href={recoverHref(o)} className={buttonClasses({ variant: 'danger' })} data-testid="outage-recover">
                  <Icon name="switch" className="size-4" />
                  Recover
                </Link>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
