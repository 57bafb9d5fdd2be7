'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { DashboardDto } from '@/lib/domain/reports/dashboard';
import { UpcomingMaintenance } from '@/components/staff/upcoming-maintenance';
import { LiveFreshness } from '../live/live-freshness';
import { LIVE_MS, useDashboard } from '../queries';
import { AlertsCard } from './alerts-card';
import { AvailabilityCard } from './availability-card';
import { HealthCard } from './health-card';
import { ProtectionHeadline } from './protection-headline';
import { RpoTargetsCard } from './rpo-targets-card';
import { SitesCard } from './sites-card';
import { TestComplianceCard } from './test-compliance-card';

/**
 * The dashboard's cards over one live summary: the server renders it with the page, then it
 * polls GET /api/v1/dashboard so every card follows replication together, without a reload.
 */
export function DashboardLive({ initial, canCreate }: { initial: DashboardDto; canCreate: boolean }) {
  const query = useDashboard(initial);
  const d = query.data ?? initial;
  const nowMs = Date.parse(d.at);
  useOutageRefresh(d);
  return (
    <>
      <div className="-mt-2 mb-2 flex justify-end">
        <LiveFreshness query={query} pollMs={LIVE_MS} />
      </div>
      <ProtectionHeadline summary={d} canCreate={canCreate} />
      {d.maintenance.length > 0 && (
        <div className="mb-4">
          <UpcomingMaintenance windows={d.maintenance} now={new Date(nowMs)} />
        </div>
      )}
      {/* grid-cols-1 is minmax(0, 1fr): without it one long alert line sizes the column, not the screen. */}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <HealthCard groups={d.groups} />
        <div className="lg:col-span-2">
          <RpoTargetsCard rpo={d.rpo} />
        </div>
        <div className="lg:col-span-2">
          <AlertsCard alerts={d.alerts} />
        </div>
        <AvailabilityCard sla={d.sla} />
        <div className="lg:col-span-2">
          <TestComplianceCard tests={d.tests} nowMs={nowMs} />
        </div>
        <SitesCard sites={d.sites} />
      </div>
    </>
  );
}

/**
 * The outage banner above is rendered by the server: when a site this tenant uses goes down or
 * comes back (or an outage alert opens or resolves), re-render the page so the banner follows.
 */
function useOutageRefresh(d: DashboardDto) {
  const router = useRouter();
  const key = `${d.sites.map((s) => `${s.id}:${s.status}`).join(',')}|${d.alerts.latest.filter((a) => a.code === 'site-down' || a.code === 'link-down').map((a) => a.id).join(',')}`;
  const seen = useRef(key);
  useEffect(() => {
    if (seen.current === key) return;
    seen.current = key;
    router.refresh();
  }, [key, router]);
}
