import Link from 'next/link';
import { Icon } from '@/components/ui/icons';
import type { DegradedSiteDto } from '@/lib/domain/recovery/degraded-sites';

/**
 * Below an outage banner: a site the tenant's groups use runs degraded (slower storage, hosts
 * down). Replication to it may fall behind (IOPS-limited) and recoveries there take longer.
 */
export function DegradedSitesBanner({ sites }: { sites: DegradedSiteDto[] }) {
  if (!sites.length) return null;
  return (
    <div className="mb-4 space-y-3" data-testid="degraded-banner">
      {sites.map((s) => {
        const what = `${s.siteName} is degraded`;
        const detail = [s.storageIopsPercent < 100 && `storage at ${s.storageIopsPercent}% of its IOPS`, s.hostsDown > 0 && `${s.hostsDown} of ${s.hostsTotal} hosts down`].filter(Boolean).join(', ');
        const targets = s.groups.filter((g) => g.role === 'target');
        return (
          <section
            key={s.siteId}
            role="status"
            aria-label={what}
            data-testid={`degraded-site-${s.siteId}`}
            className="rounded-lg border border-amber-500 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-400 dark:bg-amber-500/10 dark:text-amber-100"
          >
            <div className="flex items-start gap-2.5">
              <Icon name="warning" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" />
              <div className="min-w-0">
                <p className="font-semibold">
                  {what}: {detail}.
                </p>
                <p className="mt-1 text-sm">
                  {targets.length > 0 && 'Replication to it may fall behind and recoveries there take longer. '}
                  Your groups on it:{' '}
                  {s.groups.map((g, i) => (
                    <span key={g.id}>
                      {i > 0 && ', '}
                      <Link prefetch={false} href={`/groups/${g.id}`} className="font-medium underline underline-offset-2 hover:no-underline">
                        {g.name}
                      </Link>{' '}
                      ({g.role === 'target' ? 'recovers here' : 'replicates from here'}
                      {g.limitReason === 'iops-limited' ? ', IOPS-limited now' : ''})
                    </span>
                  ))}
                </p>
              </div>
            </div>
          </section>
        );
      })}
    </div>
  );
}
