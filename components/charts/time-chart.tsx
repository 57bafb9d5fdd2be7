'use client';

import { useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cn } from '@/components/ui/cn';
import { formatDateTime, formatDuration, formatMBps, formatNumber } from '@/lib/format';
import { durationAxis, iopsAxis, rateAxis, timeTick, timeTicks, type ValueAxis } from './axis-ticks';
import { areaPath, bandRects, leftPercent, linePath, maxJoinMs, nearestIndex, PLOT_WIDTH, thresholdPath, topPercent, type PlotFrame } from './svg-geometry';
import { OUTAGE_COLOR } from './colors';

/** One series of a time chart: a filled area (with its outline) or a bold line, drawn in order. */
export type TimeChartLayer = { key: string; label: string; color: string; kind: 'area' | 'line'; values: (number | null)[] };
/** The unit of the value axis, which picks its ticks and how hover details read. */
export type TimeChartUnit = 'duration' | 'rate' | 'iops';
/** A stretch when replication was paused by a fault (site or link down), shaded on the charts. */
export type OutageBand = { fromMs: number; toMs: number };

const PLOT_HEIGHT = 200;
const AXIS_WIDTH: Record<TimeChartUnit, number> = { duration: 52, rate: 60, iops: 80 };
const FORMAT: Record<TimeChartUnit, (v: number) => string> = { duration: formatDuration, rate: formatMBps, iops: (v) => `${formatNumber(v)} IOPS` };
const AXES: Record<TimeChartUnit, (max: number) => ValueAxis> = {
  duration: durationAxis,
  rate: rateAxis,
  iops: (max) => {
    const axis = iopsAxis(max);
    return { ...axis, format: (v) => `${formatNumber(v)}\u00a0IOPS` };
  },
};

/**
 * A chart over time as plain SVG (paths from ./svg-geometry), rendered with the page on the
 * server: no chart library, nothing to wait for before it shows. Axes, ticks, the threshold's
 * label and the hover details are HTML around the stretched plot, so text keeps its size on any
 * screen. The SVG has a title and a description; details of one sample show on hover, and on
 * focus with the arrow keys (Home/End for the ends) — a light enhancement over the figure's
 * text summary, which says the same in words.
 */
export function TimeChart({
  title,
  description,
  times,
  layers,
  fromMs,
  toMs,
  unit,
  threshold,
  outages = [],
  testId,
}: {
  title: string;
  description: string;
  times: number[];
  layers: TimeChartLayer[];
  fromMs: number;
  toMs: number;
  unit: TimeChartUnit;
  /** A dashed line at a value (an RPO target, a volume's IOPS cap); the axis always reaches past it. */
  threshold?: { value: number; color: string; label?: string };
  outages?: OutageBand[];
  testId?: string;
}) {
  const id = useId();
  const [active, setActive] = useState<{ index: number; keyboard: boolean } | null>(null);
  const dataMax = layers.reduce((m, l) => l.values.reduce<number>((mm, v) => (v != null && v > mm ? v : mm), m), threshold?.value ?? 0);
  const axis = AXES[unit](dataMax * 1.05);
  const frame: PlotFrame = { fromMs, toMs, max: axis.max, width: PLOT_WIDTH, height: PLOT_HEIGHT };
  const joinMs = maxJoinMs(times);
  const tick = timeTick(toMs - fromMs);
  const xTicks = timeTicks(fromMs, toMs);
  const target = threshold ? thresholdPath(frame, threshold.value) : null;
  const targetTop = threshold ? topPercent(axis.max, threshold.value) : 0;
  const format = FORMAT[unit];

  const pick = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (!box.width) return;
    const index = nearestIndex(times, fromMs + ((e.clientX - box.left) / box.width) * (toMs - fromMs));
    if (index >= 0) setActive({ index, keyboard: false });
  };
  const step = (e: KeyboardEvent<SVGSVGElement>) => {
    const last = times.length - 1;
    const current = active?.index ?? last;
    const next = e.key === 'ArrowLeft' ? current - 1 : e.key === 'ArrowRight' ? current + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null || last < 0) return;
    e.preventDefault();
    setActive({ index: Math.min(Math.max(next, 0), last), keyboard: true });
  };
  const shown = active && active.index < times.length ? active.index : null;
  const shownLeft = shown === null ? 0 : leftPercent(fromMs, toMs, times[shown]);

  return (
    <div className="flex h-full w-full min-w-0 pt-2" data-testid={testId}>
      {/* The value axis: labels beside the plot, each at its height. */}
      <div className="relative mb-5 shrink-0 text-[11px] text-slate-500 tabular-nums dark:text-slate-400" style={{ width: AXIS_WIDTH[unit] }} aria-hidden="true">
        {axis.ticks.map((v) => (
          <span key={v} className="absolute right-1.5 -translate-y-1/2 whitespace-nowrap" style={{ top: `${topPercent(axis.max, v)}%` }}>
            {axis.format(v)}
          </span>
        ))}
      </div>
      <div className="relative mr-3 mb-5 min-w-0 flex-1" onPointerMove={pick} onPointerLeave={() => setActive(null)}>
        <svg
          viewBox={`0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}`}
          preserveAspectRatio="none"
          className="block h-full w-full overflow-visible rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          tabIndex={times.length ? 0 : undefined}
          onKeyDown={step}
          onFocus={() => setActive((a) => a ?? (times.length ? { index: times.length - 1, keyboard: true } : null))}
          onBlur={() => setActive(null)}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {bandRects(frame, outages).map((r) => (
            <rect key={r.x} x={r.x} y={0} width={r.width} height={PLOT_HEIGHT} fill={OUTAGE_COLOR} fillOpacity={0.12} data-outage="" />
          ))}
          {axis.ticks.map((v) => (
            <path key={v} d={`M0 ${frame.height - (v / axis.max) * frame.height}H${PLOT_WIDTH}`} stroke={v === 0 ? '#94a3b8' : '#94a3b833'} strokeWidth={1} vectorEffect="non-scaling-stroke" />
          ))}
          {layers.map((l) => {
            const points = times.map((t, i) => ({ t, v: l.values[i] ?? null }));
            const line = linePath(frame, points, joinMs);
            return l.kind === 'area' ? (
              <g key={l.key} data-series={l.key}>
                <path d={areaPath(frame, points, joinMs)} fill={l.color} fillOpacity={0.16} stroke="none" />
                <path d={line} data-line="" fill="none" stroke={l.color} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
              </g>
            ) : (
              <path key={l.key} data-series={l.key} data-line="" d={line} fill="none" stroke={l.color} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
            );
          })}
          {target && threshold && <path d={target} stroke={threshold.color} strokeWidth={1.5} strokeDasharray="6 4" vectorEffect="non-scaling-stroke" data-series="threshold" />}
        </svg>
        {target && threshold?.label && (
          <span
            className={cn('pointer-events-none absolute right-1 text-[11px] font-medium text-red-700 dark:text-red-400', targetTop < 30 ? 'translate-y-0.5' : '-translate-y-full')}
            style={{ top: `${targetTop}%` }}
            aria-hidden="true"
          >
            {threshold.label}
          </span>
        )}
        {/* The time axis: round UTC times under the plot (every other one on a phone). */}
        <div className="absolute inset-x-0 top-full h-5 text-[11px] text-slate-500 tabular-nums dark:text-slate-400" aria-hidden="true">
          {xTicks.map((t, i) => {
            const left = leftPercent(fromMs, toMs, t);
            return (
              <span key={t} className={cn('absolute top-1 whitespace-nowrap', left < 6 ? '' : left > 94 ? '-translate-x-full' : '-translate-x-1/2', i % 2 === 1 && 'max-sm:hidden')} style={{ left: `${left}%` }}>
                {tick(t)}
              </span>
            );
          })}
        </div>
        {shown !== null && (
          <>
            <div className="pointer-events-none absolute inset-y-0 w-px bg-slate-400" style={{ left: `${shownLeft}%` }} aria-hidden="true" />
            <div
              className={cn(
                'pointer-events-none absolute top-1 z-10 min-w-36 rounded-md bg-white px-2.5 py-1.5 text-xs shadow-md ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700',
                shownLeft > 50 ? '-translate-x-full -ml-2' : 'ml-2',
              )}
              style={{ left: `${shownLeft}%` }}
              aria-live={active?.keyboard ? 'polite' : undefined}
              data-testid="chart-details"
            >
              <p className="font-medium">{formatDateTime(times[shown], { seconds: true })}</p>
              {layers.map((l) => {
                const v = l.values[shown];
                return (
                  <p key={l.key} className="flex items-center gap-1.5 whitespace-nowrap">
                    <span className="size-2 shrink-0 rounded-full" style={{ background: l.color }} aria-hidden="true" />
                    {l.label}: <span className="tabular-nums">{v == null ? '—' : format(v)}</span>
                  </p>
                );
              })}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
