'use client';

import { CartesianGrid, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { CheckpointKind } from '@/lib/schemas/checkpoints';
import { formatDateTime } from '@/lib/format';
import { AXIS, GRID } from './chart-frame';
import { evenTicks, timeTick } from './axis-ticks';

export type TimelineLane = {
  kind: CheckpointKind;
  label: string;
  hex: string;
  points: { t: number; tag: string | null }[];
  /** A lane too dense for dots (crash-consistent, every few seconds) is drawn as the span it covers. */
  band?: { fromMs: number; toMs: number };
};

/** Checkpoints in the journal, one lane per kind, across the history window: dots, or a band where they are continuous. */
export function CheckpointTimeline({ lanes, fromMs, toMs }: { lanes: TimelineLane[]; fromMs: number; toMs: number }) {
  const tick = timeTick(toMs - fromMs);
  const labels = lanes.map((l) => l.label);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }} title="Journal checkpoints by kind over the history window">
        <CartesianGrid stroke={GRID} horizontal={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[fromMs, toMs]} ticks={evenTicks(fromMs, toMs)} tickFormatter={tick} minTickGap={30} {...AXIS} />
        <YAxis dataKey="lane" type="number" domain={[-0.5, lanes.length - 0.5]} ticks={lanes.map((_, i) => i)} tickFormatter={(i: number) => labels[i] ?? ''} width={64} {...AXIS} />
        <Tooltip
          cursor={false}
          formatter={(v, name) => (name === 'lane' ? [labels[Number(v)], 'Kind'] : [formatDateTime(Number(v), { seconds: true }), 'Time'])}
          contentStyle={{ fontSize: 12 }}
        />
        {lanes.map((lane, i) =>
          lane.band ? (
            <ReferenceArea key={`${lane.kind}-band`} x1={lane.band.fromMs} x2={lane.band.toMs} y1={i - 0.2} y2={i + 0.2} fill={lane.hex} fillOpacity={0.6} stroke="none" ifOverflow="hidden" />
          ) : null,
        )}
        {/* Recharts draws no axes (and no bands) when every series is empty, as in a journal of
            crash-consistent checkpoints only: two invisible points pin the window. */}
        <Scatter data={[{ t: fromMs, lane: 0 }, { t: toMs, lane: 0 }]} fill="transparent" legendType="none" tooltipType="none" isAnimationActive={false} aria-hidden="true" />
        {lanes.map((lane, i) => (
          <Scatter
            key={lane.kind}
            name={lane.label}
            data={lane.points.map((p) => ({ t: p.t, lane: i }))}
            fill={lane.hex}
            shape={lane.kind === 'crash' ? 'circle' : 'diamond'}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
