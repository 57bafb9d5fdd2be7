import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PlanGroupOptionDto, RecoveryPlanDto, RecoveryPlanGroupDto } from '@/lib/domain/recovery/plan-dto';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatDuration, formatMinutes } from '@/lib/format';
import { plural } from '../labels';

export type SiteNames = Record<string, string>;

/** "London → Jersey · 3 VMs · RTO target 1 h": what a group brings to a tier. */
export function GroupFacts({ group, sites }: { group: RecoveryPlanGroupDto; sites: SiteNames }) {
  return (
    <span className="text-xs text-slate-600 dark:text-slate-400">
      {sites[group.sourceSiteId] ?? group.sourceSiteId} → {sites[group.targetSiteId] ?? group.targetSiteId} · {plural(group.vmCount, 'VM')} · RTO target {formatMinutes(group.rtoTargetMinutes)}
    </span>
  );
}

/** The group's own boot order, read-only: it still applies inside the tier. */
export function BootOrderHint({ bootOrder }: { bootOrder: PlanGroupOptionDto['bootOrder'] | undefined }) {
  if (!bootOrder || bootOrder.length === 0) return <span className="text-xs text-slate-500 dark:text-slate-400">Boot order: all VMs at once</span>;
  return (
    <span className="text-xs text-slate-500 dark:text-slate-400">
      Boot order:{' '}
      {bootOrder.map((b, i) => (
        <span key={`${b.name}-${i}`}>
          {i > 0 && ' → '}
          {b.name} ({plural(b.vmCount, 'VM')}){b.delayAfterSeconds > 0 && i < bootOrder.length - 1 ? `, wait ${formatDuration(b.delayAfterSeconds)}` : ''}
        </span>
      ))}
    </span>
  );
}

/** What happens between two tiers, in words. */
export function TierGap({ tier, delaySeconds }: { tier: number; delaySeconds: number }) {
  return (
    <p className="flex items-center gap-2 py-1 pl-3 text-xs text-slate-500 dark:text-slate-400">
      <span aria-hidden="true">↓</span>
      When every VM of tier {tier} is up{delaySeconds > 0 ? `, wait ${formatDuration(delaySeconds)}` : ''}, then start tier {tier + 1}
    </p>
  );
}

/** A saved plan, read-only: its tiers in start order, each with its groups and their boot order. */
export function PlanView({ plan, options, sites, actions }: { plan: RecoveryPlanDto; options: PlanGroupOptionDto[]; sites: SiteNames; actions?: ReactNode }) {
  const bootOrderOf = (id: string) => options.find((o) => o.id === id)?.bootOrder;
  return (
    <Card data-testid="recovery-plan-view">
      <CardHeader
        title="Tiers"
        description="Tier 1 starts first. Each next tier starts when every VM of the tier before it is up, after that tier's delay; inside a tier, each group keeps its own boot order."
        actions={actions}
      />
      <CardBody>
        {plan.tiers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Every group of this plan has been deleted since it was saved: edit the plan to add groups.</p>
        ) : (
          <ol className="space-y-1" aria-label="Tiers in start order">
            {plan.tiers.map((t, i) => (
              <li key={t.tier}>
                <section aria-labelledby={`tier-${t.tier}-title`} className="rounded-md border border-slate-200 dark:border-slate-800" data-testid={`plan-tier-${t.tier}`}>
                  <header className="flex items-center gap-3 border-b border-slate-100 px-3 py-2 dark:border-slate-800">
                    <span className="flex size-6 shrink-0 items-center justify-center rounded-full bg-sky-100 text-xs font-semibold text-sky-800 dark:bg-sky-500/15 dark:text-sky-300" aria-hidden="true">
                      {t.tier}
                    </span>
                    <h3 id={`tier-${t.tier}-title`} className="text-sm font-semibold">
                      Tier {t.tier}
                    </h3>
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      {plural(t.groups.length, 'group')}, {plural(t.groups.reduce((n, g) => n + g.vmCount, 0), 'VM')}
                    </span>
                  </header>
                  <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                    {t.groups.map((g) => (
                      <li key={g.id} className="flex flex-col gap-0.5 px-3 py-2">
                        <Link href={`/groups/${g.id}`} className="w-fit text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
                          {g.name}
                        </Link>
                        <GroupFacts group={g} sites={sites} />
                        <BootOrderHint bootOrder={bootOrderOf(g.id)} />
                      </li>
                    ))}
                  </ul>
                </section>
                {i < plan.tiers.length - 1 && <TierGap tier={t.tier} delaySeconds={t.delayAfterSeconds} />}
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
