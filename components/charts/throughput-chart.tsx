'use client';

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime, formatMBps } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { rateAxis, timeTick, timeTicks } from './axis-ticks';
import { outageBands, type OutageBand } from './rpo-chart';

export type TrafficPoint = { t: number; throughputMBps: number; wanMBps: number };

import { WAN_COLOR, WRITES_COLOR } from './colors';
export { WAN_COLOR, WRITES_COLOR };

/**
 * What the VMs write against what the link carries to the recovery site (both MB/s). WAN
 * traffic is the filled area underneath and writes the bold line on top, so when they coincide
 * (the healthy case) the write line is still seen rather than hidden under the WAN line.
 */
export function ThroughputChart({ points, fromMs, toMs, outages }: { points: TrafficPoint[]; fromMs: number; toMs: number; outages: OutageBand[] }) {
  const tick = timeTick(toMs - fromMs);
  const max = points.reduce((m, p) => Math.max(m, p.throughputMBps, p.wanMBps), 0);
  const axis = rateAxis(max * 1.05);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Write throughput and WAN traffic over time">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={timeTicks(fromMs, toMs)} tickFormatter={tick} minTickGap={40} {...AXIS} />
        <YAxis domain={[0, axis.max]} ticks={axis.ticks} tickFormatter={axis.format} width={64} allowDataOverflow {...AXIS} />
        <Tooltip
          labelFormatter={(v) => formatDateTime(Number(v), { seconds: true })}
          formatter={(v, name) => [formatMBps(Number(v)), name]}
          contentStyle={{ fontSize: 12 }}
        />
        {outageBands(outages)}
        <Area dataKey="wanMBps" name="WAN traffic" type="monotone" stroke={WAN_COLOR} fill={WAN_COLOR} fillOpacity={0.18} strokeWidth={1} dot={false} isAnimationActive={false} />
        <Line dataKey="throughputMBps" name="Write throughput" type="monotone" stroke={WRITES_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
