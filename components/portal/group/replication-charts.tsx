'use client';

import { useMemo, useState } from 'react';
import { chartWindow } from '@/components/charts/axis-ticks';
import { ChartFrame } from '@/components/charts/chart-frame';
import { ChartLegend, type LegendItem } from '@/components/charts/chart-legend';
import { APPLIED_IOPS_COLOR, IOPS_CAP_COLOR, OUTAGE_COLOR, RPO_COLOR, WAN_COLOR, WRITE_IOPS_COLOR, WRITES_COLOR } from '@/components/charts/colors';
import { TimeChart } from '@/components/charts/time-chart';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { CardSkeleton } from '@/components/ui/skeleton';
import { TONE_HEX } from '@/components/ui/tone';
import type { RpoSeriesDto } from '@/lib/domain/core/dto';
import { formatDateTime, formatDuration, formatMBps, formatNumber } from '@/lib/format';
import { LiveFreshness } from '../live/live-freshness';
import { rangeOf, type ChartRangeKey } from './chart-ranges';
import { useLiveGroup } from './live-group';
import { RangePicker } from './range-picker';
import { explainReplication, type ChartOutage } from './replication-explanation';
import { TrafficVerdict } from './traffic-verdict';
import { useRpoSeries } from './use-rpo-series';

const OUTAGE_LEGEND: LegendItem = { label: 'Outage (site or link down)', color: OUTAGE_COLOR, mark: 'band' };

/**
 * RPO over time against the target, and the throughput/WAN graph that explains it, over one range.
 * The page renders the default range with its series (`initial`), so the charts are in the first
 * paint as plain SVG; other ranges and live updates come through the same query.
 */
export function ReplicationCharts({ groupId, nowMs, siteNames, initial }: { groupId: string; nowMs: number; siteNames: Record<string, string>; initial?: RpoSeriesDto }) {
  const group = useLiveGroup();
  const [range, setRange] = useState<ChartRangeKey>('24h');
  const query = useRpoSeries(groupId, range, nowMs, initial);
  const { data, isPending } = query;
  const points = useMemo(() => (data?.points ?? []).map((p) => ({ t: Date.parse(p.time), rpoSeconds: p.rpoSeconds, throughputMBps: p.throughputMBps, wanMBps: p.wanMBps, writeIops: p.writeIops, appliedIops: p.appliedIops })), [data]);
  const times = useMemo(() => points.map((p) => p.t), [points]);
  const span = data ? chartWindow(Date.parse(data.from), Date.parse(data.to), points[0]?.t ?? null) : null;
  // Clipped to what the charts draw, so the text's durations are the shaded ones.
  const outages: ChartOutage[] =
    data && span ? data.outages.map((o) => ({ fromMs: Math.max(Date.parse(o.from), span.fromMs), toMs: o.to ? Math.min(Date.parse(o.to), span.toMs) : span.toMs, label: o.label, ongoing: o.to === null })) : [];
  const explanation = data
    ? explainReplication({
        samples: points,
        outages,
        status: group.status,
        targetSeconds: data.targetSeconds,
        targetSiteName: siteNames[group.targetSiteId] ?? group.targetSiteId,
        now: { throughputMBps: group.throughputMBps, wanMBps: group.wanMBps },
        volume: data.volume,
        limitReason: data.limitReason,
      })
    : null;

  const header = (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <h2 id="replication-title" className="text-sm font-semibold">
        Replication over time
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        {data && <LiveFreshness query={query} pollMs={rangeOf(range).pollMs} />}
        <RangePicker value={range} onChange={setRange} />
      </div>
    </div>
  );
  if (isPending || !data || !span) {
    return (
      <section aria-labelledby="replication-title" id="replication">
        {header}
        <CardSkeleton rows={6} label="Loading RPO history" />
      </section>
    );
  }

  const worst = points.reduce((m, p) => Math.max(m, p.rpoSeconds), 0);
  const over = points.filter((p) => p.rpoSeconds > data.targetSeconds).length;
  const empty = points.length === 0;
  const since = span.dataSinceMs !== null ? ` Data since ${formatDateTime(span.dataSinceMs)}: nothing was recorded earlier in this range.` : '';
  const outageNote = outages.length ? ` Shaded: ${outages.length === 1 ? 'an outage' : `${outages.length} outages`} (${[...new Set(outages.map((o) => o.label))].join('; ')}).` : '';
  const bands = outages.map((o) => ({ fromMs: o.fromMs, toMs: o.toMs }));

  return (
    <section aria-labelledby="replication-title" id="replication">
      {header}
      <div className="grid gap-4 xl:grid-cols-2">
        <Card data-testid="rpo-chart-card">
          <CardHeader level={3} title="RPO over time" description="Actual recovery point age against the alert target (dashed)" />
          <CardBody>
            {empty ? (
              <EmptyState icon="activity" title="No RPO samples in this range" description="Samples appear once replication has run for a while." />
            ) : (
              <ChartFrame
                testId="rpo-chart"
                legend={<ChartLegend items={[{ label: 'Actual RPO', color: RPO_COLOR, mark: 'area' }, { label: `Target ${formatDuration(data.targetSeconds)}`, color: TONE_HEX.danger, mark: 'dashed' }, ...(outages.length ? [OUTAGE_LEGEND] : [])]} />}
                summary={`Worst RPO ${formatDuration(worst)} against a target of ${formatDuration(data.targetSeconds)}; ${over ? `over target in ${over} of ${points.length} samples` : 'never over target'} in this range.${outageNote}${since}`}
              >
                <TimeChart
                  title="Actual RPO over time against the target"
                  description={`RPO from ${formatDateTime(span.fromMs)} to ${formatDateTime(span.toMs)}, target ${formatDuration(data.targetSeconds)}.`}
                  times={times}
                  layers={[{ key: 'rpo', label: 'Actual RPO', color: RPO_COLOR, kind: 'area', values: points.map((p) => p.rpoSeconds) }]}
                  fromMs={span.fromMs}
                  toMs={span.toMs}
                  unit="duration"
                  threshold={{ value: data.targetSeconds, color: TONE_HEX.danger, label: `Target ${formatDuration(data.targetSeconds)}` }}
                  outages={bands}
                />
              </ChartFrame>
            )}
          </CardBody>
        </Card>
        <Card data-testid="traffic-chart-card">
          <CardHeader level={3} title="Throughput and WAN traffic" description="Throughput above WAN capacity grows the RPO" />
          <CardBody>
            {empty ? (
              <EmptyState icon="activity" title="No traffic samples in this range" />
            ) : (
              <ChartFrame
                testId="traffic-chart"
                legend={<ChartLegend items={[{ label: 'Write throughput', color: WRITES_COLOR, mark: 'line' }, { label: 'WAN traffic', color: WAN_COLOR, mark: 'area' }, ...(outages.length ? [OUTAGE_LEGEND] : [])]} />}
                summary={`Writes peaked at ${formatMBps(Math.max(...points.map((p) => p.throughputMBps)))}; WAN traffic at ${formatMBps(Math.max(...points.map((p) => p.wanMBps)))}.${since}`}
              >
                <TimeChart
                  title="Write throughput and WAN traffic over time"
                  description={`Write throughput and WAN traffic in MB/s from ${formatDateTime(span.fromMs)} to ${formatDateTime(span.toMs)}.`}
                  times={times}
                  layers={[
                    { key: 'wan', label: 'WAN traffic', color: WAN_COLOR, kind: 'area', values: points.map((p) => p.wanMBps) },
                    { key: 'writes', label: 'Write throughput', color: WRITES_COLOR, kind: 'line', values: points.map((p) => p.throughputMBps) },
                  ]}
                  fromMs={span.fromMs}
                  toMs={span.toMs}
                  unit="rate"
                  outages={bands}
                />
              </ChartFrame>
            )}
            {explanation && <TrafficVerdict verdict={explanation} />}
          </CardBody>
        </Card>
        <Card data-testid="iops-chart-card" className="xl:col-span-2">
          <CardHeader
            level={3}
            title="IOPS at the recovery volume"
            description={
              data.volume
                ? `Write IOPS against what ${data.volume.name} applies; its guaranteed ${formatNumber(data.volume.guaranteedIops)} IOPS are shared by your groups replicating to ${siteNames[data.volume.siteId] ?? data.volume.siteId}`
                : 'Write IOPS against what the recovery site applies'
            }
          />
          <CardBody>
            {empty ? (
              <EmptyState icon="activity" title="No IOPS samples in this range" />
            ) : (
              <ChartFrame
                testId="iops-chart"
                legend={
                  <ChartLegend
                    items={[
                      { label: 'Write IOPS', color: WRITE_IOPS_COLOR, mark: 'line' },
                      { label: 'Applied at recovery site', color: APPLIED_IOPS_COLOR, mark: 'area' },
                      ...(data.volume ? [{ label: `Volume cap now ${formatNumber(data.volume.effectiveIops)} IOPS${data.volume.storageIopsPercent < 100 ? ` (site degraded to ${data.volume.storageIopsPercent}%)` : ''}`, color: IOPS_CAP_COLOR, mark: 'dashed' as const }] : []),
                      ...(outages.length ? [OUTAGE_LEGEND] : []),
                    ]}
                  />
                }
                summary={`Write IOPS peaked at ${formatNumber(Math.max(...points.map((p) => p.writeIops)))}; applied at ${formatNumber(Math.max(...points.map((p) => p.appliedIops)))}${data.volume ? ` against a cap of ${formatNumber(data.volume.effectiveIops)} IOPS` : ''}.${since}`}
              >
                <TimeChart
                  title="Write and applied IOPS over time"
                  description={`Write IOPS and IOPS applied at the recovery site from ${formatDateTime(span.fromMs)} to ${formatDateTime(span.toMs)}${data.volume ? `, volume cap ${formatNumber(data.volume.effectiveIops)} IOPS` : ''}.`}
                  times={times}
                  layers={[
                    { key: 'applied', label: 'Applied at recovery site', color: APPLIED_IOPS_COLOR, kind: 'area', values: points.map((p) => p.appliedIops) },
                    { key: 'writes', label: 'Write IOPS', color: WRITE_IOPS_COLOR, kind: 'line', values: points.map((p) => p.writeIops) },
                  ]}
                  fromMs={span.fromMs}
                  toMs={span.toMs}
                  unit="iops"
                  threshold={data.volume ? { value: data.volume.effectiveIops, color: IOPS_CAP_COLOR } : undefined}
                  outages={bands}
                />
              </ChartFrame>
            )}
          </CardBody>
        </Card>
      </div>
    </section>
  );
}
