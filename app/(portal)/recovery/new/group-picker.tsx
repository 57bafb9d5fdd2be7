'use client';

import { plural } from '@/components/portal/labels';
import { Select } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { StatusBadge } from '@/components/ui/status-badge';
import type { GroupDto, SiteDto } from '@/lib/domain/core/dto';
import type { RecoveryPlanDto } from '@/lib/domain/recovery/plan-dto';
import { formatDuration } from '@/lib/format';
import type { GroupChoice } from './run-wizard-state';

type Props = { groups: GroupDto[]; sites: SiteDto[]; plans: RecoveryPlanDto[]; value: GroupChoice; onChange: (c: GroupChoice) => void };

/**
 * Which groups the run covers: every group replicating from a site (what a site outage calls
 * for), a hand-picked set, or a saved recovery plan (its tiers). The groups are shown each way,
 * with their direction and status.
 */
export function GroupPicker({ groups, sites, plans, value, onChange }: Props) {
  const siteOf = (id: string) => sites.find((s) => s.id === id);
  const sources = sites.filter((s) => groups.some((g) => g.sourceSiteId === s.id));
  const picked = value.by === 'groups' ? value.groupIds : [];
  const toggle = (id: string, on: boolean) => onChange({ by: 'groups', groupIds: on ? [...picked, id] : picked.filter((x) => x !== id) });
  const fromSite = value.by === 'site' ? groups.filter((g) => g.sourceSiteId === value.siteId) : [];
  const plan = value.by === 'plan' ? plans.find((p) => p.id === value.planId) : undefined;

  return (
    <div className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">Which groups</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="run-groups-by" className="mt-1" checked={value.by === 'site'} onChange={() => onChange({ by: 'site', siteId: sources[0]?.id ?? '' })} />
          <span className="min-w-0 flex-1">
            <span className="font-medium">Every group replicating from a site</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">What a site outage calls for: each group recovers to its own recovery site.</span>
          </span>
        </label>
        {value.by === 'site' && (
          <div className="ml-6 space-y-2">
            <label htmlFor="run-source-site" className="sr-only">
              Source site
            </label>
            <Select id="run-source-site" className="max-w-xs" value={value.siteId} onChange={(e) => onChange({ by: 'site', siteId: e.target.value })}>
              <option value="" disabled>
                Choose a site…
              </option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.status === 'offline' ? ' (offline)' : ''} — {plural(groups.filter((g) => g.sourceSiteId === s.id).length, 'group')}
                </option>
              ))}
            </Select>
            {value.siteId && (
              <ul className="space-y-1 text-sm" data-testid="run-site-groups">
                {fromSite.length === 0 && <li className="text-slate-500">None of your groups replicates from {siteOf(value.siteId)?.name ?? value.siteId}.</li>}
                {fromSite.map((g) => (
                  <li key={g.id} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{g.name}</span>
                    <Direction from={siteOf(g.sourceSiteId)?.name} to={siteOf(g.targetSiteId)?.name} />
                    <StatusBadge status={g.status} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="run-groups-by" className="mt-1" checked={value.by === 'groups'} onChange={() => onChange({ by: 'groups', groupIds: fromSite.map((g) => g.id) })} />
          <span>
            <span className="font-medium">Groups I choose</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">Any of your groups, from any sites.</span>
          </span>
        </label>
        {value.by === 'groups' && (
          <fieldset className="ml-6 divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700" data-testid="run-group-checkboxes">
            <legend className="sr-only">Groups to recover</legend>
            {groups.map((g) => (
              <label key={g.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <input type="checkbox" checked={picked.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
                <span className="font-medium">{g.name}</span>
                <Direction from={siteOf(g.sourceSiteId)?.name} to={siteOf(g.targetSiteId)?.name} />
                <span className="text-xs text-slate-500">{plural(g.vmIds.length, 'VM')}</span>
                <StatusBadge status={g.status} />
                {siteOf(g.sourceSiteId)?.status === 'offline' && <span className="text-xs font-medium text-red-700 dark:text-red-400">{siteOf(g.sourceSiteId)?.name} is down</span>}
              </label>
            ))}
          </fieldset>
        )}
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="run-groups-by" className="mt-1" checked={value.by === 'plan'} disabled={plans.length === 0} onChange={() => onChange({ by: 'plan', planId: plans[0]?.id ?? '' })} />
          <span>
            <span className="font-medium">A saved recovery plan</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              {plans.length ? 'Its groups in tiers: each tier starts when the VMs of the tier before are up, after its delay.' : 'No recovery plans yet: create one under Recovery plans.'}
            </span>
          </span>
        </label>
        {value.by === 'plan' && (
          <div className="ml-6 space-y-2">
            <label htmlFor="run-plan" className="sr-only">
              Recovery plan
            </label>
            <Select id="run-plan" className="max-w-xs" value={value.planId} onChange={(e) => onChange({ by: 'plan', planId: e.target.value })}>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {plural(p.groupCount, 'group')}
                </option>
              ))}
            </Select>
            {plan && (
              <ol className="space-y-1 text-sm" data-testid="run-plan-tiers">
                {plan.tiers.map((t, i) => (
                  <li key={t.tier}>
                    <span className="font-semibold">Tier {t.tier}:</span> {t.groups.map((g) => `${g.name} (${siteOf(g.sourceSiteId)?.name ?? g.sourceSiteId} → ${siteOf(g.targetSiteId)?.name ?? g.targetSiteId})`).join(', ')}
                    {t.delayAfterSeconds > 0 && i < plan.tiers.length - 1 && <span className="text-xs text-slate-500">, then wait {formatDuration(t.delayAfterSeconds)}</span>}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </fieldset>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Every group recovers to its latest checkpoint. A group failed over earlier with reverse protection fails back to its home site.
      </p>
    </div>
  );
}

function Direction({ from, to }: { from?: string; to?: string }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
      {from} <Icon name="arrowRight" className="size-3.5" /> {to}
    </span>
  );
}
