'use client';

import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDateTime, formatNumber } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { iopsAxis, timeTick, timeTicks } from './axis-ticks';
import { OUTAGE_COLOR } from './colors';
import type { OutageBand } from './time-chart';

/** Outage bands (direct children of the chart, as Recharts wants them). */
function outageBands(outages: OutageBand[]) {
  return outages.map((o) => <ReferenceArea key={o.fromMs} x1={o.fromMs} x2={o.toMs} fill={OUTAGE_COLOR} fillOpacity={0.12} stroke="none" ifOverflow="hidden" />);
}

export type IopsPoint = { t: number; writeIops: number; appliedIops: number };

import { APPLIED_IOPS_COLOR, IOPS_CAP_COLOR, WRITE_IOPS_COLOR } from './colors';
export { APPLIED_IOPS_COLOR, IOPS_CAP_COLOR, WRITE_IOPS_COLOR };

/**
 * The staff console's per-volume chart, with Recharts (its tooltip and axes); the group page draws
 * the same series as server-rendered SVG (./time-chart).
 *
 * Write IOPS at the source against IOPS applied at the recovery volume, with the volume's
 * guaranteed IOPS (what a degraded site leaves of them) as a dashed cap: writes above the cap
 * cannot be applied as fast as they come, so the backlog and the RPO grow.
 */
export function IopsChart({ points, fromMs, toMs, outages, capIops }: { points: IopsPoint[]; fromMs: number; toMs: number; outages: OutageBand[]; capIops: number | null }) {
  const tick = timeTick(toMs - fromMs);
  const max = points.reduce((m, p) => Math.max(m, p.writeIops, p.appliedIops), capIops ?? 0);
  const axis = iopsAxis(max * 1.05);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Write and applied IOPS over time">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} allowDataOverflow ticks={timeTicks(fromMs, toMs)} tickFormatter={tick} minTickGap={40} {...AXIS} />
        <YAxis domain={[0, axis.max]} ticks={axis.ticks} tickFormatter={(v) => `${formatNumber(Number(v))}\u00a0IOPS`} width={84} allowDataOverflow {...AXIS} />
        <Tooltip
          labelFormatter={(v) => formatDateTime(Number(v), { seconds: true })}
          formatter={(v, name) => [`${formatNumber(Number(v))} IOPS`, name]}
          contentStyle={{ fontSize: 12 }}
        />
        {outageBands(outages)}
        {capIops !== null && <ReferenceLine y={capIops} stroke={IOPS_CAP_COLOR} strokeDasharray="6 4" strokeWidth={1.5} ifOverflow="extendDomain" />}
        <Area dataKey="appliedIops" name="Applied at recovery site" type="monotone" stroke={APPLIED_IOPS_COLOR} fill={APPLIED_IOPS_COLOR} fillOpacity={0.18} strokeWidth={1} dot={false} isAnimationActive={false} />
        <Line dataKey="writeIops" name="Write IOPS" type="monotone" stroke={WRITE_IOPS_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
