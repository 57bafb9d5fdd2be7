import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { WhatIfCapacity, WhatIfExplanation, WhatIfGroupsTable, WhatIfHeadline } from '@/components/portal/what-if/what-if-view';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterForm, FilterSelect } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { formatDateTime } from '@/lib/format';
import { requireActor } from '@/lib/auth/current-actor';
import { getWhatIf, whatIfChoices } from '@/lib/domain/recovery/what-if';
import { orNotFound } from '@/app/_lib/or-not-found';
import { NotFoundError, ValidationError } from '@/lib/core/errors';

export const metadata: Metadata = { title: 'What if a site failed' };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "If site X failed now": a read-only forecast over the tenant's groups at a site, any role. */
export default async function WhatIfPage({ searchParams }: { searchParams: Promise<{ siteId?: string; planId?: string }> }) {
  const actor = await requireActor('/what-if');
  const db = getDb();
  const { siteId: asked, planId } = await searchParams;
  const choices = whatIfChoices(db, actor);
  const siteId = asked || choices.sites[0]?.id;

  const header = (
    <PageHeader
      title="What if a site failed?"
      description="If one of your production sites failed now: the data each group would lose, how long its recovery would take, whether the recovery site has room, and which targets would be missed."
    />
  );
  if (!siteId) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="No protection groups yet"
            description="The forecast covers the groups that replicate from a site; create one to see what a failure would mean."
            action={<Link href="/groups" className={buttonClasses({ variant: 'secondary' })}>Protection groups</Link>}
          />
        </Card>
      </>
    );
  }
  // A hand-typed URL with a malformed id reads as "not found", like an unknown one.
  const whatIf = await orNotFound(async () => {
    try {
      return await getWhatIf(db, actor, { siteId, ...(planId ? { planId } : {}) });
    } catch (error) {
      if (error instanceof ValidationError) throw new NotFoundError('site or plan', [siteId, planId].filter(Boolean).join(', '));
      throw error;
    }
  });
  const siteOptions = choices.sites.map((s) => ({ value: s.id, label: `${s.name} (${plural(s.groupCount, 'group')})${s.status === 'offline' ? ' · offline now' : ''}` }));
  if (!choices.sites.some((s) => s.id === whatIf.siteId)) siteOptions.push({ value: whatIf.siteId, label: whatIf.siteName });

  return (
    <>
      {header}
      <AutoRefresh seconds={10} topics={['groups', 'sites', 'dashboard', 'alerts']} />
      <Card className="mb-4">
        <FilterForm label="Forecast for" action="/what-if" className="border-b-0">
          <FilterSelect id="what-if-site" name="siteId" label="If this site failed" width="w-64" options={siteOptions} defaultValue={whatIf.siteId} />
          {choices.plans.length > 0 && (
            <FilterSelect
              id="what-if-plan"
              name="planId"
              label="Recovery plan"
              width="w-64"
              all="All groups at once"
              options={choices.plans.map((p) => ({ value: p.id, label: p.name }))}
              defaultValue={whatIf.planId ?? ''}
            />
          )}
        </FilterForm>
      </Card>

      <WhatIfHeadline whatIf={whatIf} />

      <Card className="mb-4">
        <CardHeader
          title={
            <span className="inline-flex items-center gap-2">
              Groups running at {whatIf.siteName} <SiteStatusBadge status={whatIf.siteStatus} />
            </span>
          }
          description={`Forecast at ${formatDateTime(whatIf.evaluatedAt, { seconds: true })} (simulated clock)${whatIf.planName ? `, in the tiers of "${whatIf.planName}"` : ''}.`}
        />
        {whatIf.groups.length ? (
          <WhatIfGroupsTable groups={whatIf.groups} showTier={!!whatIf.planId} />
        ) : (
          <EmptyState title={`No group replicates from ${whatIf.siteName}`} description="A failure of this site would not need a recovery of your protection groups." />
        )}
        {whatIf.unprotected.length > 0 && (
          <p className="border-t border-slate-200 px-4 py-3 text-sm text-red-700 dark:border-slate-800 dark:text-red-400">
            Failed over without reverse protection and running at {whatIf.siteName}, with no replica to recover from:{' '}
            {whatIf.unprotected.map((u) => `${u.groupName} (${plural(u.vmCount, 'VM')})`).join(', ')}.
          </p>
        )}
        {whatIf.losingProtection.length > 0 && (
          <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300">
            Recovering to {whatIf.siteName}, these groups keep running but would be left without a replica until the site is back:{' '}
            {whatIf.losingProtection.map((l) => l.groupName).join(', ')}.
          </p>
        )}
      </Card>

      {whatIf.groups.length > 0 && (
        <Card className="mb-4">
          <CardHeader title="Recovery capacity" description="Every affected group recovering to the same vDC, together, against what that vDC has free now." />
          <WhatIfCapacity capacity={whatIf.capacity} />
        </Card>
      )}

      <WhatIfExplanation />
    </>
  );
}
