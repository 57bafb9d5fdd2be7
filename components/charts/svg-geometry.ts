/**
 * The geometry of the portal's time charts as plain SVG path strings: a pure function of the
 * samples (at most ~720 of them, the RPO series' cap), so a chart is drawn during the server
 * render and needs no chart library in the browser. The plot is drawn in its own units
 * (PLOT_WIDTH × height, y down) and stretched to the box by the SVG (preserveAspectRatio="none",
 * strokes that do not scale); axes and labels are HTML around it so text never stretches.
 */

/** The plot's width in its own units: 0.1 of them is finer than any screen pixel. */
export const PLOT_WIDTH = 1000;

/** What a chart draws: the time window, the top of the value axis, and the plot's height in its units. */
export type PlotFrame = { fromMs: number; toMs: number; max: number; width: number; height: number };

/** One sample of one series; null where nothing was measured (drawn as a gap, never as zero). */
export type SeriesPoint = { t: number; v: number | null };

const round = (n: number) => Math.round(n * 10) / 10;

/** x of a time: the window maps onto 0…width (times outside it fall outside the plot). */
export function xOf(frame: PlotFrame, t: number): number {
  const span = frame.toMs - frame.fromMs;
  return span > 0 ? round(((t - frame.fromMs) / span) * frame.width) : 0;
}

/** y of a value: 0 at the bottom, `max` at the top; values beyond the axis are held at its ends. */
export function yOf(frame: PlotFrame, v: number): number {
  const share = frame.max > 0 ? Math.min(Math.max(v / frame.max, 0), 1) : 0;
  return round(frame.height - share * frame.height);
}

/**
 * The longest step between two samples that still joins them: 2.5× the usual (median) step, so
 * an interval the server did not record (the simulator stopped, a group paused) shows as a gap
 * instead of a straight line across it. Infinity with fewer than three samples (nothing to compare).
 */
export function maxJoinMs(times: number[]): number {
  if (times.length < 3) return Number.POSITIVE_INFINITY;
  const steps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] * 2.5;
}

/** The stretches of a series that are drawn joined: split at missing values and at gaps in time. */
export function runsOf(points: SeriesPoint[], joinMs = maxJoinMs(points.map((p) => p.t))): { t: number; v: number }[][] {
  const runs: { t: number; v: number }[][] = [];
  let run: { t: number; v: number }[] = [];
  for (const p of points) {
    if (p.v == null || !Number.isFinite(p.v)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const last = run[run.length - 1];
    if (last && p.t - last.t > joinMs) {
      runs.push(run);
      run = [];
    }
    run.push({ t: p.t, v: p.v });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The series as a line: one subpath per run; a lone sample is a zero-length stroke (a dot with round caps). */
export function linePath(frame: PlotFrame, points: SeriesPoint[], joinMs?: number): string {
  return runsOf(points, joinMs)
    .map((run) => {
      const [first, ...rest] = run;
      const head = `M${xOf(frame, first.t)} ${yOf(frame, first.v)}`;
      return rest.length ? `${head}L${rest.map((p) => `${xOf(frame, p.t)} ${yOf(frame, p.v)}`).join(' ')}` : `${head}h0`;
    })
    .join('');
}

/** The series as a filled area down to zero: one closed shape per run (a lone sample has no area). */
export function areaPath(frame: PlotFrame, points: SeriesPoint[], joinMs?: number): string {
  const base = frame.height;
  return runsOf(points, joinMs)
    .filter((run) => run.length > 1)
    .map((run) => {
      const x0 = xOf(frame, run[0].t);
      const x1 = xOf(frame, run[run.length - 1].t);
      return `M${x0} ${base}L${run.map((p) => `${xOf(frame, p.t)} ${yOf(frame, p.v)}`).join(' ')} ${x1} ${base}Z`;
    })
    .join('');
}

/** A horizontal line at `value` (a target, a cap) across the plot, or null when it is off the axis. */
export function thresholdPath(frame: PlotFrame, value: number | null | undefined): string | null {
  if (value == null || !Number.isFinite(value) || value < 0 || value > frame.max) return null;
  const y = yOf(frame, value);
  return `M0 ${y}H${frame.width}`;
}

/** The narrowest band drawn (0.3 % of the plot, a pixel or two): an outage that began a moment ago still shows. */
export const MIN_BAND_WIDTH = 3;

/** Shaded stretches (outages) as rectangles clipped to the window, at least MIN_BAND_WIDTH wide; ones outside it are dropped. */
export function bandRects(frame: PlotFrame, bands: { fromMs: number; toMs: number }[]): { x: number; width: number }[] {
  return bands
    .filter((b) => b.toMs >= b.fromMs && b.toMs >= frame.fromMs && b.fromMs <= frame.toMs)
    .map((b) => {
      const x0 = xOf(frame, Math.max(b.fromMs, frame.fromMs));
      const x1 = xOf(frame, Math.min(b.toMs, frame.toMs));
      const width = Math.max(round(x1 - x0), MIN_BAND_WIDTH);
      return { x: round(Math.min(x0, frame.width - width)), width };
    });
}

/** The sample nearest to a time (binary search over sorted times), for hover and keyboard details; -1 when there is none. */
export function nearestIndex(times: number[], t: number): number {
  if (!times.length) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && t - times[lo - 1] <= times[lo] - t ? lo - 1 : lo;
}

/** Where a value sits from the top of the plot, as a percentage (for HTML labels beside the SVG). */
export function topPercent(max: number, v: number): number {
  return max > 0 ? round((1 - Math.min(Math.max(v / max, 0), 1)) * 100) : 100;
}

/** Where a time sits from the left of the plot, as a percentage. */
export function leftPercent(fromMs: number, toMs: number, t: number): number {
  return toMs > fromMs ? round(((t - fromMs) / (toMs - fromMs)) * 100) : 0;
}
