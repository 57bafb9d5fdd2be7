'use client';

import { ChartFrame } from '@/components/charts/chart-frame';
import { CheckpointTimeline } from '@/components/charts/checkpoint-timeline';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDateTime, formatDuration, formatGb, formatPercent } from '@/lib/format';
import { CHECKPOINT_KIND } from '../labels';
import { Meter } from '../meter';
import { useLiveGroup } from './live-group';
import { forecastJournal, JOURNAL_WARN_SHARE } from './journal-forecast';
import { TagCheckpointForm } from './tag-checkpoint-form';
import { useCheckpoints } from './use-checkpoints';

/** The journal: history against the window, size against the hard limit, and its checkpoints. */
export function JournalCard({ canTag, nowMs }: { canTag: boolean; nowMs: number }) {
  const g = useLiveGroup();
  const checkpoints = useCheckpoints(g.id);
  const j = forecastJournal({ ...g.journal, configuredHours: g.journalHistoryHours });
  const windowMs = g.journalHistoryHours * 3600_000;
  const all = checkpoints.data ? [...checkpoints.data.crash, ...checkpoints.data.app, ...checkpoints.data.tagged] : [];
  const newest = all.reduce((m, c) => Math.max(m, Date.parse(c.time)), 0);
  const toMs = newest || nowMs;
  const latestCrash = checkpoints.data?.crash[0]?.time ?? null;
  const marked = checkpoints.data ? [...checkpoints.data.tagged, ...checkpoints.data.app].sort((a, b) => b.time.localeCompare(a.time)).slice(0, 6) : [];

  return (
    <Card id="journal" data-testid="journal-card">
      <CardHeader title="Journal" description="Checkpoints kept at the recovery site, to recover to any point in the history window" />
      <CardBody className="space-y-4">
        <div className="space-y-3">
          <div>
            <p className="flex justify-between text-sm">
              <span className="font-medium">History covered</span>
              <span className="tabular-nums" data-testid="journal-history">
                {formatDuration(g.journal.historyCoveredSeconds)} of {formatDuration(g.journalHistoryHours * 3600)}
              </span>
            </p>
            <Meter share={j.historyShare} tone={j.historyShare >= 0.99 ? 'success' : 'warning'} className="mt-1.5" />
          </div>
          <div>
            <p className="flex justify-between text-sm">
              <span className="font-medium">Journal used</span>
              <span className="tabular-nums">
                {formatGb(g.journal.journalUsedGb)} of {formatGb(g.journal.journalLimitGb)} ({formatPercent(j.usedShare * 100, 0)})
              </span>
            </p>
            <Meter share={j.usedShare} tone={j.tone} mark={JOURNAL_WARN_SHARE} className="mt-1.5" />
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Mark: warning at {formatPercent(JOURNAL_WARN_SHARE * 100, 0)} of the hard limit</p>
          </div>
        </div>
        {j.limitCapsHoursAt != null && j.gbPerHour != null && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200" data-testid="journal-warning">
            At the current change rate ({formatGb(j.gbPerHour)} of journal per hour) {formatDuration(g.journalHistoryHours * 3600)} of history needs {formatGb(j.neededGb)}: the
            hard limit of {formatGb(g.journal.journalLimitGb)} will cut history to about {formatDuration(j.limitCapsHoursAt * 3600)}. Raise the limit or shorten the window.
          </p>
        )}
        <div>
          <h3 className="mb-1 text-sm font-medium">Checkpoints</h3>
          {checkpoints.isPending ? (
            // The timeline's own height and a line for its caption: nothing below moves when it arrives.
            <div aria-busy="true">
              <Skeleton className="h-[150px] w-full" />
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Loading checkpoints…</p>
            </div>
          ) : (
            <ChartFrame
              height={150}
              testId="checkpoint-timeline"
              summary={`Crash-consistent checkpoints every few seconds across ${formatDuration(g.journal.historyCoveredSeconds)} of history (latest ${latestCrash ? formatDateTime(latestCrash, { seconds: true }) : 'none yet'}); ${checkpoints.data?.app.length ?? 0} application-consistent and ${checkpoints.data?.tagged.length ?? 0} tagged.`}
            >
              <CheckpointTimeline
                fromMs={toMs - windowMs}
                toMs={toMs}
                lanes={(['crash', 'app', 'tagged'] as const).map((kind) => ({
                  kind,
                  label: CHECKPOINT_KIND[kind].short,
                  hex: CHECKPOINT_KIND[kind].hex,
                  points: kind === 'crash' ? [] : (checkpoints.data?.[kind] ?? []).map((c) => ({ t: Date.parse(c.time), tag: c.tag })),
                  band: kind === 'crash' && g.journal.historyCoveredSeconds > 0 ? { fromMs: toMs - g.journal.historyCoveredSeconds * 1000, toMs } : undefined,
                }))}
              />
            </ChartFrame>
          )}
          {marked.length > 0 && (
            <ul className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800" aria-label="Recent tagged and application-consistent checkpoints">
              {marked.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 py-1.5">
                  <span className="flex min-w-0 items-center gap-2">
                    <Badge tone={c.kind === 'tagged' ? 'info' : 'success'}>{CHECKPOINT_KIND[c.kind].short}</Badge>
                    <span className="truncate">{c.tag ?? 'Application-consistent'}</span>
                  </span>
                  <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">{formatDateTime(c.time, { seconds: true })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {canTag && <TagCheckpointForm groupId={g.id} />}
      </CardBody>
    </Card>
  );
}
