'use client';

import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { formatDuration, formatGb, formatMBps, formatMinutes } from '@/lib/format';
import { Meter } from '../meter';
import { useLiveGroup } from './live-group';
import { RpoFigure } from '../rpo-figure';
import { forecastJournal, JOURNAL_WARN_SHARE } from './journal-forecast';

function Tile({ label, children, hint, testId }: { label: string; children: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 px-4 py-3" data-testid={testId}>
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{children}</dd>
      {hint && <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</dd>}
    </div>
  );
}

/** While a sync runs, the backlog is mostly what it still has to send (the engine counts both). */
const BACKLOG_HINT: Partial<Record<GroupDetailDto['status'], string>> = {
  initialising: 'Not yet at the recovery site, including the initial sync still to send',
  'reverse-replicating': 'Not yet at the recovery site, including the delta sync still to send',
};

/** The group's vital figures at a glance, live: RPO, history, journal, traffic, backlog, RTO. */
export function GroupSummary() {
  const g = useLiveGroup();
  const j = forecastJournal({ ...g.journal, configuredHours: g.journalHistoryHours });
  return (
    <Card as="div">
      <dl className="grid grid-cols-2 divide-slate-200 sm:grid-cols-3 lg:grid-cols-6 lg:divide-x dark:divide-slate-800">
        <Tile label="Actual RPO / target" testId="summary-rpo">
          <RpoFigure rpoSeconds={g.rpoSeconds} targetSeconds={g.rpoTargetSeconds} className="text-base" />
        </Tile>
        <Tile label="Journal history" hint={<Meter share={j.historyShare} tone={j.historyShare >= 0.99 ? 'success' : 'warning'} />}>
          {formatDuration(g.journal.historyCoveredSeconds)} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">of {formatDuration(g.journalHistoryHours * 3600)}</span>
        </Tile>
        <Tile label="Journal used / limit" hint={<Meter share={j.usedShare} tone={j.tone} mark={JOURNAL_WARN_SHARE} />}>
          {formatGb(g.journal.journalUsedGb)} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">of {formatGb(g.journal.journalLimitGb)}</span>
        </Tile>
        <Tile
          label="Write throughput"
          hint={g.throughputMBps > g.wanMBps * 1.05 ? `WAN ${formatMBps(g.wanMBps)}: the link is falling behind` : `WAN traffic ${formatMBps(g.wanMBps)}`}
        >
          {formatMBps(g.throughputMBps)}
        </Tile>
        <Tile label="Backlog at source" hint={BACKLOG_HINT[g.status] ?? 'Data written but not yet at the recovery site'} testId="summary-backlog">
          {formatGb(g.backlogMB / 1024)}
        </Tile>
        <Tile label="RTO target" hint="Time to have the VMs running at recovery">
          {formatMinutes(g.rtoTargetMinutes)}
        </Tile>
      </dl>
    </Card>
  );
}
