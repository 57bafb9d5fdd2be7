'use client';

import { useMemo, useState } from 'react';
import { ChartFrame } from '@/components/charts/chart-frame';
import { RpoChart } from '@/components/charts/rpo-chart';
import { ThroughputChart } from '@/components/charts/throughput-chart';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { CardSkeleton } from '@/components/ui/skeleton';
import { formatDuration, formatMBps } from '@/lib/format';
import { LiveFreshness } from '../live/live-freshness';
import { rangeOf, type ChartRangeKey } from './chart-ranges';
import { RangePicker } from './range-picker';
import { analyseTraffic } from './traffic-analysis';
import { TrafficVerdict } from './traffic-verdict';
import { useRpoSeries } from './use-rpo-series';

/** RPO over time against the target, and the throughput/WAN graph that explains it, over one range. */
export function ReplicationCharts({ groupId, nowMs }: { groupId: string; nowMs: number }) {
  const [range, setRange] = useState<ChartRangeKey>('24h');
  const query = useRpoSeries(groupId, range, nowMs);
  const { data, isPending } = query;
  const points = useMemo(() => (data?.points ?? []).map((p) => ({ t: Date.parse(p.time), rpoSeconds: p.rpoSeconds, throughputMBps: p.throughputMBps, wanMBps: p.wanMBps })), [data]);
  const verdict = useMemo(() => analyseTraffic(points), [points]);

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
  if (isPending || !data) {
    return (
      <section aria-labelledby="replication-title" id="replication">
        {header}
        <CardSkeleton rows={6} label="Loading RPO history" />
      </section>
    );
  }

  const fromMs = Date.parse(data.from);
  const toMs = Date.parse(data.to);
  const worst = points.reduce((m, p) => Math.max(m, p.rpoSeconds), 0);
  const over = points.filter((p) => p.rpoSeconds > data.targetSeconds).length;
  const empty = points.length === 0;

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
                summary={`Worst RPO ${formatDuration(worst)} against a target of ${formatDuration(data.targetSeconds)}; ${over ? `over target in ${over} of ${points.length} samples` : 'never over target'} in this range.`}
              >
                <RpoChart points={points} targetSeconds={data.targetSeconds} fromMs={fromMs} toMs={toMs} />
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
                summary={`Writes peaked at ${formatMBps(Math.max(...points.map((p) => p.throughputMBps)))}; WAN traffic at ${formatMBps(Math.max(...points.map((p) => p.wanMBps)))}.`}
              >
                <ThroughputChart points={points} fromMs={fromMs} toMs={toMs} />
              </ChartFrame>
            )}
            {verdict && <TrafficVerdict verdict={verdict} />}
          </CardBody>
        </Card>
      </div>
    </section>
  );
}
