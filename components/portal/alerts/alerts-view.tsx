'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AlertDto, GroupDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterSelect } from '@/components/ui/filter-bar';
import { ALERT_LEVEL } from '@/components/ui/status';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { ALERT_CODE } from '../labels';
import { LiveFreshness } from '../live/live-freshness';
import { LIVE_MS, useAlerts } from '../queries';
import { useSimNow } from '../use-sim-now';
import { AckButton } from './ack-button';
import { AlertMessage } from './alert-message';
import { BreachHistory } from './breach-history';

type Tab = 'open' | 'resolved' | 'all';
const TABS: { key: Tab; label: string }[] = [
  { key: 'open', label: 'Open' },
  { key: 'resolved', label: 'Resolved' },
  { key: 'all', label: 'All' },
];

/** Open and resolved alerts, filterable by group and level, with the RPO breach history. */
export function AlertsView({ initial, groups, canAck, initialTab, initialGroup, nowMs }: { initial: AlertDto[]; groups: GroupDto[]; canAck: boolean; initialTab: Tab; initialGroup: string; nowMs: number }) {
  const query = useAlerts('all', initial);
  const alerts = query.data ?? [];
  const now = useSimNow(nowMs);
  const [tab, setTab] = useState<Tab>(initialTab);
  const [groupId, setGroupId] = useState(initialGroup);
  const [level, setLevel] = useState('');
  const shown = alerts.filter((a) => (tab === 'all' || a.status === tab) && (!groupId || a.groupId === groupId) && (!level || a.level === level));
  const count = (t: Tab) => alerts.filter((a) => t === 'all' || a.status === t).length;

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <div className="flex flex-wrap items-center gap-3">
            <div role="group" aria-label="Alert status" className="inline-flex rounded-md ring-1 ring-slate-300 ring-inset dark:ring-slate-600">
              {TABS.map((t) => (
                <button
                  key={t.key}
                  type="button"
                  aria-pressed={tab === t.key}
                  onClick={() => setTab(t.key)}
                  className={cn(
                    'px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600',
                    tab === t.key ? 'bg-sky-700 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
                  )}
                >
                  {t.label} ({count(t.key)})
                </button>
              ))}
            </div>
            <LiveFreshness query={query} pollMs={LIVE_MS} />
          </div>
          <div className="flex flex-wrap gap-3">
            <FilterSelect id="alert-group" label="Protection group" width="w-52" all="All groups" options={groups.map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={(e) => setGroupId(e.target.value)} />
            <FilterSelect
              id="alert-level"
              label="Level"
              width="w-36"
              all="All levels"
              options={[
                { value: 'error', label: 'Error' },
                { value: 'warning', label: 'Warning' },
              ]}
              value={level}
              onChange={(e) => setLevel(e.target.value)}
            />
          </div>
        </div>
        {shown.length === 0 ? (
          <EmptyState icon="checkCircle" title={tab === 'open' ? 'No open alerts' : 'No alerts match'} description={tab === 'open' ? 'Replication is not reporting any problem.' : undefined} />
        ) : (
          <Table caption="Alerts" data-testid="alerts-table">
            <THead>
              <tr>
                <Th>Level</Th>
                <Th>Alert</Th>
                <Th>Group</Th>
                <Th>Raised</Th>
                <Th>Resolved</Th>
                <Th>Acknowledged</Th>
              </tr>
            </THead>
            <TBody>
              {shown.map((a) => {
                const lv = ALERT_LEVEL[a.level];
                return (
                  <Tr key={a.id} data-testid={`alert-${a.id}`}>
                    <Td>
                      <Badge tone={lv.tone} icon={lv.icon}>
                        {lv.label}
                      </Badge>
                    </Td>
                    <Td>
                      <span className="font-medium text-slate-900 dark:text-slate-100">{ALERT_CODE[a.code] ?? a.code}</span>
                      <AlertMessage message={a.message} current={a.current} className="max-w-md text-xs" />
                    </Td>
                    <Td>{a.groupId ? <Link href={`/groups/${a.groupId}`} className="hover:underline">{a.groupName}</Link> : '—'}</Td>
                    <Td className="whitespace-nowrap">{formatDateTime(a.raisedAt)}</Td>
                    <Td className="whitespace-nowrap">{a.resolvedAt ? formatDateTime(a.resolvedAt) : <Badge tone={lv.tone}>Open</Badge>}</Td>
                    <Td>
                      {a.acknowledgedAt ? (
                        <span className="text-xs">
                          {a.acknowledgedBy}
                          <span className="block text-slate-500 dark:text-slate-400">{formatDateTime(a.acknowledgedAt)}</span>
                        </span>
                      ) : canAck && a.status === 'open' ? (
                        <AckButton alertId={a.id} label={`${ALERT_CODE[a.code] ?? a.code}${a.groupName ? ` on ${a.groupName}` : ''}`} />
                      ) : (
                        <span className="text-slate-500 dark:text-slate-400">—</span>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
      <BreachHistory alerts={groupId ? alerts.filter((a) => a.groupId === groupId) : alerts} nowMs={now} />
    </div>
  );
}
