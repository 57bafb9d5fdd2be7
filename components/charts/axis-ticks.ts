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

const trim = (n: number) => String(Math.round(n * 10) / 10);

/** Compact durations for a y axis, never wrapping: "45 s", "4.5 min", "1.2 h". */
export function durationTick(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}\u00a0s`;
  if (seconds < 7200) return `${trim(seconds / 60)}\u00a0min`;
  return `${trim(seconds / 3600)}\u00a0h`;
}

/** Compact MB/s for a y axis. */
export function mbpsTick(value: number): string {
  return `${value >= 10 ? Math.round(value) : Math.round(value * 100) / 100}\u00a0MB/s`;
}

/** Round steps for a duration axis: seconds, then minutes, then hours. */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 4 * 3600, 6 * 3600, 12 * 3600, 86_400];

/** Ticks from 0 in a round step, reaching at least `max`, about four of them. */
export function durationTicks(max: number): number[] {
  const step = DURATION_STEPS.find((s) => max / s <= 4) ?? Math.ceil(max / 4 / 86_400) * 86_400;
  const n = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}

/** `n` evenly spaced ticks across a time domain (a scatter with few dots gets no ticks of its own). */
export function evenTicks(fromMs: number, toMs: number, n = 6): number[] {
  if (!(toMs > fromMs)) return [fromMs];
  return Array.from({ length: n }, (_, i) => Math.round(fromMs + ((toMs - fromMs) * i) / (n - 1)));
}
