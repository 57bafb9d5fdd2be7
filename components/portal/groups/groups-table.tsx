'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AlertDto, GroupDto, SiteDto } from '@/lib/domain/core/dto';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { StatusBadge } from '@/components/ui/status-badge';
import { Pager, usePage } from '@/components/ui/pager';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { Direction, LastTestBadge, PriorityBadge } from '../badges';
import { plural, siteName } from '../labels';
import { combinePolls } from '../live/freshness';
import { LiveFreshness } from '../live/live-freshness';
import { LIVE_MS, useAlerts, useGroups, useRecentOperations, useSites } from '../queries';
import { RpoFigure } from '../rpo-figure';
import { useSimNow } from '../use-sim-now';
import { AlertMarker } from './alert-marker';
import { GroupFilterBar } from './group-filter-bar';
import { filterGroups, filtersToQuery, NO_FILTERS, type GroupFilters } from './group-filters';
import { RunningOperation } from './running-operation';

export type GroupsTableProps = {
  initialGroups: GroupDto[];
  initialSites: SiteDto[];
  initialAlerts: AlertDto[];
  initialOperations: OperationDto[];
  initialFilters: GroupFilters;
  nowMs: number;
  emptyAction?: React.ReactNode;
};

/** The protection group list, live: every column an operator scans, filtered in the browser. */
export function GroupsTable({ initialGroups, initialSites, initialAlerts, initialOperations, initialFilters, nowMs, emptyAction }: GroupsTableProps) {
  const groupsQuery = useGroups(initialGroups);
  const sitesQuery = useSites(initialSites);
  const alertsQuery = useAlerts('open', initialAlerts);
  const operationsQuery = useRecentOperations(initialOperations);
  const groups = groupsQuery.data ?? [];
  const sites = sitesQuery.data ?? [];
  const alerts = alertsQuery.data ?? [];
  const operations = operationsQuery.data ?? [];
  const now = useSimNow(nowMs);
  const [filters, setFilters] = useState(initialFilters);

  const shown = filterGroups(groups, filters);
  const page = usePage(shown, JSON.stringify(filters));
  const applyFilters = (f: GroupFilters) => {
    setFilters(f);
    // The URL keeps the filters so a filtered list can be bookmarked or shared; no navigation needed.
    window.history.replaceState(null, '', `/groups${filtersToQuery(f)}`);
  };

  if (groups.length === 0) {
    return <EmptyState icon="shield" title="No protection groups yet" description="A protection group replicates a set of VMs together to a recovery site." action={emptyAction} />;
  }

  return (
    <>
      <GroupFilterBar value={filters} onChange={applyFilters} sites={sites} />
      {shown.length === 0 ? (
        <EmptyState
          title="No group matches these filters"
          action={
            <Button variant="secondary" onClick={() => applyFilters(NO_FILTERS)}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <Table caption="Protection groups" data-testid="groups-table">
          <THead>
            <tr>
              <Th className="w-8">
                <span className="sr-only">Alerts</span>
              </Th>
              <Th>Name</Th>
              <Th>Direction</Th>
              <Th>Priority</Th>
              <Th>Status</Th>
              <Th>RPO / target</Th>
              <Th>Operation</Th>
              <Th>Last test</Th>
            </tr>
          </THead>
          <TBody>
            {page.items.map((g) => (
              <Tr key={g.id} data-testid={`group-row-${g.id}`}>
                <Td>
                  <AlertMarker alerts={alerts.filter((a) => a.groupId === g.id)} groupId={g.id} />
                </Td>
                <Td>
                  <Link href={`/groups/${g.id}`} className="whitespace-nowrap font-medium text-slate-900 hover:underline dark:text-slate-100">
                    {g.name}
                  </Link>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{plural(g.vmIds.length, 'VM')}</span>
                </Td>
                <Td>
                  <Direction from={siteName(sites, g.sourceSiteId)} to={siteName(sites, g.targetSiteId)} />
                </Td>
                <Td>
                  <PriorityBadge priority={g.priority} />
                </Td>
                <Td className="max-w-52">
                  <StatusBadge status={g.status} subStatus={g.subStatus} />
                </Td>
                <Td>
                  <RpoFigure rpoSeconds={g.rpoSeconds} targetSeconds={g.rpoTargetSeconds} />
                </Td>
                <Td>
                  <RunningOperation operation={g.openOperationId ? operations.find((o) => o.id === g.openOperationId) : undefined} />
                </Td>
                <Td>
                  <LastTestBadge test={g} nowMs={now} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={page} label="Pages of protection groups" />
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
        <span aria-live="polite">{shown.length === groups.length ? plural(groups.length, 'group') : `${shown.length} of ${plural(groups.length, 'group')}`}</span>
        <LiveFreshness query={combinePolls(groupsQuery, sitesQuery, alertsQuery, operationsQuery)} pollMs={LIVE_MS} />
      </p>
    </>
  );
}
