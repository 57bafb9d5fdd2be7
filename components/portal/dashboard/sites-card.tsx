import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { plural } from '../labels';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';

/** The datacentres this tenant's protection depends on, as production or recovery site. */
export function SitesCard({ sites }: { sites: DashboardDto['sites'] }) {

  return (
    <Card data-testid="sites-card">
      <CardHeader title="Sites" description="Datacentres your groups replicate from and to" />
      {sites.length === 0 ? (
        <EmptyState icon="globe" title="No sites in use" description="Sites appear here once a group replicates between them." />
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {sites.map((site) => (
            <li key={site.id} className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm" data-testid={`site-${site.id}`}>
              <div className="min-w-0">
                <p className="font-medium">{site.name}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {[site.production && `production for ${plural(site.production, 'group')}`, site.recovery && `recovery for ${plural(site.recovery, 'group')}`].filter(Boolean).join(' · ')}
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
