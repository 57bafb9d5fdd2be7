/**
 * Human forms of the numbers the portal shows. Pure and locale-independent (no Intl) so a
 * server render and its hydration always agree, and every time is shown in UTC.
 * Times passed in are on the simulated clock; callers pass the simulated `now` explicitly.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type TimeInput = Date | string | number;

function toDate(value: TimeInput): Date {
  return value instanceof Date ? value : new Date(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 1234567 → "1,234,567"; fractions keep `digits` places. */
export function formatNumber(value: number, digits = 0): string {
  const [int, frac] = Math.abs(value).toFixed(digits).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/**
 * A duration in its two largest units: "8 s", "4 m 12 s", "23 h 40 m", "3 d 4 h".
 * Null or negative values read as "—" so a missing RPO never looks like zero.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const i = units.findIndex(([size]) => s >= size);
  const [bigSize, bigLabel] = units[i];
  const [smallSize, smallLabel] = units[i + 1];
  const big = Math.floor(s / bigSize);
  const small = Math.floor((s % bigSize) / smallSize);
  return small ? `${big} ${bigLabel} ${small} ${smallLabel}` : `${big} ${bigLabel}`;
}

/** Minutes as a duration: RTO targets and commit timeouts are kept in minutes. */
export function formatMinutes(minutes: number | null | undefined): string {
  return minutes == null ? '—' : formatDuration(minutes * 60);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Binary multiples with the usual short labels, as storage consoles do: 1536 → "1.5 KB". */
export function formatBytes(bytes: number | null | undefined, digits = 1): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 ? String(Math.round(value)) : trimZero(value.toFixed(digits));
  return `${bytes < 0 ? '-' : ''}${shown} ${BYTE_UNITS[unit]}`;
}

/** Sizes the schema keeps in GB: 1536 → "1.5 TB". */
export function formatGb(gb: number | null | undefined, digits = 1): string {
  return gb == null ? '—' : formatBytes(gb * 1024 ** 3, digits);
}

/** Throughput in MB/s: 0.05 → "0.05 MB/s", 12.345 → "12.3 MB/s". */
export function formatMBps(mbPerSecond: number | null | undefined): string {
  if (mbPerSecond == null || !Number.isFinite(mbPerSecond)) return '—';
  const digits = mbPerSecond >= 100 ? 0 : mbPerSecond >= 1 ? 1 : 2;
  return `${trimZero(mbPerSecond.toFixed(digits))} MB/s`;
}

/** Link speeds: 200 → "200 Mbit/s", 1500 → "1.5 Gbit/s". */
export function formatMbps(megabits: number | null | undefined): string {
  if (megabits == null || !Number.isFinite(megabits)) return '—';
  if (megabits >= 1000) return `${trimZero((megabits / 1000).toFixed(1))} Gbit/s`;
  return `${formatNumber(megabits, megabits < 10 ? 1 : 0)} Mbit/s`;
}

/** 99.95 → "99.95 %"; at most `digits` decimals, trailing zeros dropped. */
export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return `${trimZero(value.toFixed(digits))} %`;
}

/** "3 min ago", "in 12 min", "2 h ago", "5 d ago"; "just now" within 10 s. */
export function formatRelative(time: TimeInput | null | undefined, now: TimeInput): string {
  if (time == null) return 'never';
  const diff = Math.round((toDate(now).getTime() - toDate(time).getTime()) / 1000);
  const abs = Math.abs(diff);
  if (abs < 10) return 'just now';
  const text =
    abs < 60
      ? `${abs} s`
      : abs < 3_600
        ? `${Math.floor(abs / 60)} min`
        : abs < 86_400
          ? `${Math.floor(abs / 3_600)} h`
          : abs < 86_400 * 60
            ? `${Math.floor(abs / 86_400)} d`
            : `${Math.floor(abs / (86_400 * 30))} mo`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** "28 Nov 2025" (UTC). */
export function formatDate(time: TimeInput | null | undefined): string {
  if (time == null) return '—';
  const d = toDate(time);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "28 Nov 2025, 14:02 UTC"; with seconds when asked (operation steps). */
export function formatDateTime(time: TimeInput | null | undefined, { seconds = false } = {}): string {
  if (time == null) return '—';
  const d = toDate(time);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${formatDate(d)}, ${clock} UTC`;
}

/** "14:02:05" (UTC): axis ticks and step times within one day. */
export function formatTime(time: TimeInput): string {
  const d = toDate(time);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function trimZero(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
