'use client';

import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TONE_HEX } from '@/components/ui/tone';
import { formatDateTime, formatDuration } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { durationTick, durationTicks, timeTick } from './axis-ticks';

export type RpoChartPoint = { t: number; rpoSeconds: number };

/**
 * Actual RPO over time under its target line. The y axis always reaches past the target so a
 * healthy group reads as "far below the line" rather than as a noisy graph of small numbers.
 */
export function RpoChart({ points, targetSeconds, fromMs, toMs }: { points: RpoChartPoint[]; targetSeconds: number; fromMs: number; toMs: number }) {
  const max = points.reduce((m, p) => Math.max(m, p.rpoSeconds), 0);
  const ticks = durationTicks(Math.max(max, targetSeconds) * 1.1);
  const tick = timeTick(toMs - fromMs);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Actual RPO over time against the target">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} tickFormatter={tick} minTickGap={40} {...AXIS} />
        <YAxis domain={[0, ticks[ticks.length - 1]]} ticks={ticks} tickFormatter={durationTick} width={64} {...AXIS} />
        <Tooltip
          labelFormatter={(v) => formatDateTime(Number(v), { seconds: true })}
          formatter={(v) => [formatDuration(Number(v)), 'Actual RPO']}
          contentStyle={{ fontSize: 12 }}
        />
        <ReferenceLine
          y={targetSeconds}
          stroke={TONE_HEX.danger}
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: `Target ${formatDuration(targetSeconds)}`, position: 'insideTopRight', fill: '#b91c1c', fontSize: 11 }}
        />
        <Area dataKey="rpoSeconds" name="Actual RPO" type="monotone" stroke="#0284c7" fill="#0284c7" fillOpacity={0.15} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
