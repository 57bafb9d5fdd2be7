import type { CheckpointKind } from '@/lib/schemas/checkpoints';
import { cn } from '@/components/ui/cn';
import { formatDateTime } from '@/lib/format';
import { evenTicks, timeTick } from './axis-ticks';
import { leftPercent } from './svg-geometry';

export type TimelineLane = {
  kind: CheckpointKind;
  label: string;
  hex: string;
  points: { t: number; tag: string | null }[];
  /** A lane too dense for dots (crash-consistent, every few seconds) is drawn as the span it covers. */
  band?: { fromMs: number; toMs: number };
};

/**
 * Checkpoints in the journal, one lane per kind, across the history window: diamonds, or a band
 * where they are continuous. Plain SVG and HTML (no chart library): the lanes are rows, each
 * checkpoint is placed by its time as a percentage of the window, and names its time (and tag) on hover.
 */
export function CheckpointTimeline({ lanes, fromMs, toMs }: { lanes: TimelineLane[]; fromMs: number; toMs: number }) {
  const tick = timeTick(toMs - fromMs);
  const within = (t: number) => t >= fromMs && t <= toMs;
  return (
    <div className="flex h-full w-full min-w-0 flex-col pt-1">
      <svg className="sr-only" aria-hidden="true">
        <defs>
          <symbol id="checkpoint-diamond" viewBox="0 0 10 10">
            <path d="M5 0L10 5 5 10 0 5Z" />
          </symbol>
        </defs>
      </svg>
      <div className="relative min-h-0 flex-1" role="img" aria-label="Journal checkpoints by kind over the history window">
        {lanes.map((lane, i) => (
          <div key={lane.kind} className="absolute inset-x-0 flex items-center" style={{ top: `${(i / lanes.length) * 100}%`, height: `${100 / lanes.length}%` }}>
            <span className="w-16 shrink-0 pr-2 text-right text-[11px] text-slate-500 dark:text-slate-400">{lane.label}</span>
            <div className="relative mr-3 h-full flex-1 border-l border-slate-300 dark:border-slate-600">
              <div className="absolute inset-x-0 top-1/2 h-px bg-slate-200 dark:bg-slate-700" />
              {lane.band && (
                <div
                  className="absolute top-1/2 h-[40%] -translate-y-1/2 rounded-sm opacity-60"
                  style={{ left: `${leftPercent(fromMs, toMs, Math.max(lane.band.fromMs, fromMs))}%`, right: `${100 - leftPercent(fromMs, toMs, Math.min(lane.band.toMs, toMs))}%`, background: lane.hex }}
                  data-testid={`checkpoint-band-${lane.kind}`}
                />
              )}
              {lane.points.filter((p) => within(p.t)).map((p) => (
                <svg key={p.t} className="absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2" style={{ left: `${leftPercent(fromMs, toMs, p.t)}%`, fill: lane.hex }} data-checkpoint={lane.kind}>
                  <title>{`${lane.label}${p.tag ? ` “${p.tag}”` : ''}: ${formatDateTime(p.t, { seconds: true })}`}</title>
                  <use href="#checkpoint-diamond" />
                </svg>
              ))}
            </div>
          </div>
        ))}
      </div>
      <div className="relative mr-3 ml-16 h-5 text-[11px] text-slate-500 tabular-nums dark:text-slate-400" aria-hidden="true">
        {evenTicks(fromMs, toMs, 4).map((t, i, all) => {
          const left = leftPercent(fromMs, toMs, t);
          return (
            <span key={t} className={cn('absolute top-1 whitespace-nowrap', i === 0 ? '' : i === all.length - 1 ? '-translate-x-full' : '-translate-x-1/2', i % 2 === 1 && 'max-sm:hidden')} style={{ left: `${left}%` }}>
              {tick(t)}
            </span>
          );
        })}
      </div>
    </div>
  );
}
