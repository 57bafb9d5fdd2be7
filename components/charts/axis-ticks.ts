const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Axis labels in UTC, like every time in the portal: clock times within a day, dates beyond. */
export function timeTick(spanMs: number): (ms: number) => string {
  if (spanMs <= 36 * 3600_000) {
    return (ms) => {
      const d = new Date(ms);
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    };
  }
  // Within a few days a date alone repeats on neighbouring ticks: add the hour.
  const withHour = spanMs <= 4 * 86_400_000;
  return (ms) => {
    const d = new Date(ms);
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${withHour ? ` ${pad(d.getUTCHours())}:00` : ''}`;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Round time steps, so ticks fall on whole hours and days rather than at 16:30, 20:02, 23:38. */
const TIME_STEPS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 2 * 24 * HOUR, 7 * 24 * HOUR];

/** Ticks on round UTC times (multiples of a round step) inside [fromMs, toMs], at most `max` of them. */
export function timeTicks(fromMs: number, toMs: number, max = 7): number[] {
  if (!(toMs > fromMs)) return [fromMs];
  const step = TIME_STEPS.find((s) => (toMs - fromMs) / s <= max) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/** A value axis: its ticks and one formatter, every label in the same unit. */
export type ValueAxis = { ticks: number[]; max: number; unit: string; format: (value: number) => string };

/** The round step (1, 2 or 5 × 10^n) that splits `max` into at most `intervals` parts. */
export function niceStep(max: number, intervals = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
}

/** Ticks from 0 in one nice step, reaching at least `max`, labelled with the step's decimals in `unit`. */
function niceAxis(max: number, scale: number, unit: string): ValueAxis {
  const step = niceStep(max / scale);
  const n = Math.max(1, Math.ceil(max / scale / step - 1e-9));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step * scale).toFixed(6)));
  return { ticks, max: ticks[ticks.length - 1], unit, format: (v) => `${v === 0 ? '0' : (v / scale).toFixed(decimals)}\u00a0${unit}` };
}

const DURATION_UNITS: [number, string][] = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * A duration axis in one unit — the largest that still gives the top of the axis two or more of
 * it — with nice ticks: 0 / 1 / 2 / 3 h rather than 3 h / 60 min / 0 s.
 */
export function durationAxis(maxSeconds: number): ValueAxis {
  const [scale, unit] = DURATION_UNITS.find(([size]) => maxSeconds >= 2 * size) ?? DURATION_UNITS[DURATION_UNITS.length - 1];
  return niceAxis(Math.max(maxSeconds, 1), scale, unit);
}

/** A throughput axis in MB/s with nice ticks: 0 / 0.5 / 1.0 / 1.5 / 2.0 rather than 0.55 / 1.1 / 1.65. */
export function rateAxis(maxMBps: number): ValueAxis {
  return niceAxis(maxMBps > 0 ? maxMBps : 1, 1, 'MB/s');
}

/** An IOPS axis with nice ticks (0 / 500 / 1,000 ...), labelled in IOPS. */
export function iopsAxis(maxIops: number): ValueAxis {
  return niceAxis(maxIops > 0 ? maxIops : 10, 1, 'IOPS');
}

/**
 * The time window a chart draws: the range asked for, unless its samples start well inside it
 * (a group younger than the range, or history not kept that far back) — then the axis starts at
 * the first sample rather than leaving the data crammed at the right edge, and says since when.
 */
export function chartWindow(fromMs: number, toMs: number, firstSampleMs: number | null): { fromMs: number; toMs: number; dataSinceMs: number | null } {
  if (firstSampleMs == null || firstSampleMs - fromMs <= (toMs - fromMs) * 0.05) return { fromMs, toMs, dataSinceMs: null };
  return { fromMs: firstSampleMs, toMs, dataSinceMs: firstSampleMs };
}

/** `n` evenly spaced ticks across a time domain (a scatter with few dots gets no ticks of its own). */
export function evenTicks(fromMs: number, toMs: number, n = 6): number[] {
  if (!(toMs > fromMs)) return [fromMs];
  return Array.from({ length: n }, (_, i) => Math.round(fromMs + ((toMs - fromMs) * i) / (n - 1)));
}
