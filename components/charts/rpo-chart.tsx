'use client';

import { Area, AreaChart, CartesianGrid, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TONE_HEX } from '@/components/ui/tone';
import { formatDateTime, formatDuration } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { durationAxis, timeTick, timeTicks } from './axis-ticks';

export type RpoChartPoint = { t: number; rpoSeconds: number };
/** A stretch when replication was paused by a fault (site or link down), shaded on the charts. */
export type OutageBand = { fromMs: number; toMs: number };

import { OUTAGE_COLOR, RPO_COLOR } from './colors';
export { OUTAGE_COLOR, RPO_COLOR };

/** Outage bands, for any chart over time (direct children of the chart, as Recharts wants them). */
export function outageBands(outages: OutageBand[]) {
  return outages.map((o) => <ReferenceArea key={o.fromMs} x1={o.fromMs} x2={o.toMs} fill={OUTAGE_COLOR} fillOpacity={0.12} stroke="none" ifOverflow="hidden" />);
}

/**
 * Actual RPO over time under its target line, with outages shaded. The y axis always reaches
 * past the target so a healthy group reads as "far below the line" rather than as a noisy graph
 * of small numbers; its ticks are in one unit.
 */
export function RpoChart({ points, targetSeconds, fromMs, toMs, outages }: { points: RpoChartPoint[]; targetSeconds: number; fromMs: number; toMs: number; outages: OutageBand[] }) {
  const max = points.reduce((m, p) => Math.max(m, p.rpoSeconds), 0);
  const axis = durationAxis(Math.max(max, targetSeconds) * 1.05);
  const tick = timeTick(toMs - fromMs);
  // The target's label sits inside the plot: above the line when the line is low, below it when high.
  const targetHigh = targetSeconds / axis.max > 0.7;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Actual RPO over time against the target">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={timeTicks(fromMs, toMs)} tickFormatter={tick} minTickGap={40} {...AXIS} />
        <YAxis domain={[0, axis.max]} ticks={axis.ticks} tickFormatter={axis.format} width={56} allowDataOverflow {...AXIS} />
        <Tooltip
          labelFormatter={(v) => formatDateTime(Number(v), { seconds: true })}
          formatter={(v) => [formatDuration(Number(v)), 'Actual RPO']}
          contentStyle={{ fontSize: 12 }}
        />
        {outageBands(outages)}
        <Area dataKey="rpoSeconds" name="Actual RPO" type="monotone" stroke={RPO_COLOR} fill={RPO_COLOR} fillOpacity={0.15} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        <ReferenceLine
          y={targetSeconds}
          stroke={TONE_HEX.danger}
          strokeDasharray="6 4"
          label={{ value: `Target ${formatDuration(targetSeconds)}`, position: targetHigh ? 'insideTopRight' : 'insideBottomRight', fill: '#b91c1c', fontSize: 11 }}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
