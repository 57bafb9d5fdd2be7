'use client';

import type { GroupDto, SiteDto } from '@/lib/domain/dto';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { plural } from '../labels';
import { useGroups, useSites } from '../queries';

/** The datacentres this tenant's protection depends on, as production or recovery site. */
export function SitesCard({ initialSites, initialGroups }: { initialSites: SiteDto[]; initialGroups: GroupDto[] }) {
  const sites = useSites(initialSites).data ?? [];
  const groups = useGroups(initialGroups).data ?? [];
  const involved = sites
    .map((s) => ({
      site: s,
      production: groups.filter((g) => g.sourceSiteId === s.id).length,
      recovery: groups.filter((g) => g.targetSiteId === s.id).length,
    }))
    .filter((x) => x.production + x.recovery > 0);

  return (
    <Card data-testid="sites-card">
      <CardHeader title="Sites" description="Datacentres your groups replicate from and to" />
      {involved.length === 0 ? (
        <EmptyState icon="globe" title="No sites in use" description="Sites appear here once a group replicates between them." />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {involved.map(({ site, production, recovery }) => (
            <li key={site.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm" data-testid={`site-${site.id}`}>
              <div className="min-w-0">
                <p className="font-medium">{site.name}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {[production && `production for ${plural(production, 'group')}`, recovery && `recovery for ${plural(recovery, 'group')}`].filter(Boolean).join(' · ')}
                </p>
              </div>
              <SiteStatusBadge status={site.status} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
