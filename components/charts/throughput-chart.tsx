'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime, formatMBps } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { mbpsTick, timeTick } from './axis-ticks';

export type TrafficPoint = { t: number; throughputMBps: number; wanMBps: number };

/** What the VMs write against what the link carries to the recovery site (both MB/s). */
export function ThroughputChart({ points, fromMs, toMs }: { points: TrafficPoint[]; fromMs: number; toMs: number }) {
  const tick = timeTick(toMs - fromMs);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Write throughput and WAN traffic over time">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} tickFormatter={tick} minTickGap={40} {...AXIS} />
        <YAxis tickFormatter={mbpsTick} width={76} {...AXIS} />
        <Tooltip
          labelFormatter={(v) => formatDateTime(Number(v), { seconds: true })}
          formatter={(v, name) => [formatMBps(Number(v)), name]}
          contentStyle={{ fontSize: 12 }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line dataKey="throughputMBps" name="Write throughput" type="monotone" stroke="#f59e0b" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        <Line dataKey="wanMBps" name="WAN traffic" type="monotone" stroke="#0284c7" strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
