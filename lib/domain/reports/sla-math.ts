/**
 * Availability arithmetic of the SLA (99.9 % a calendar month; credits 10 % below 99.5 % and
 * 25 % below 99 %; scheduled maintenance does not count). Pure: no clock, no database.
 */
import 'server-only';
export type Interval = { start: number; end: number };

export const SLA_TARGET_PERCENT = 99.9;

/** Sorted, non-overlapping intervals; touching intervals join, empty ones vanish. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** The parts of the intervals inside `period`, merged. */
export function clipIntervals(intervals: Interval[], period: Interval): Interval[] {
  return mergeIntervals(intervals.map((i) => ({ start: Math.max(i.start, period.start), end: Math.min(i.end, period.end) })));
}

/** `from` minus `remove`: the time in `from` not covered by any interval of `remove`. */
export function subtractIntervals(from: Interval[], remove: Interval[]): Interval[] {
  const cuts = mergeIntervals(remove);
  const out: Interval[] = [];
  for (const i of mergeIntervals(from)) {
    let start = i.start;
    for (const c of cuts) {
      // The cuts are merged and sorted: one starting at or past the end of i, and every one after it, leaves i alone.
      // (>= rather than > and <= rather than < make no difference: a cut touching what is left removes nothing. Mutation
      // testing reports those two boundary flips as survivors; they are not disabled, as that would hide the flips to < and >.)
      if (c.start >= i.end) break;
      if (c.end <= start) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = c.end;
    }
    if (start < i.end) out.push({ start, end: i.end });
  }
  return out;
}

export const totalLength = (intervals: Interval[]) => mergeIntervals(intervals).reduce((sum, i) => sum + i.end - i.start, 0);

/** Service credit owed for a month's availability: exactly 99.5 owes nothing, exactly 99.0 owes 10. */
export function serviceCreditPercent(uptimePercent: number): 0 | 10 | 25 {
  if (uptimePercent < 99) return 25;
  if (uptimePercent < 99.5) return 10;
  return 0;
}

export type Availability = { uptimePercent: number; creditPercent: 0 | 10 | 25; downtimeMs: number; maintenanceMs: number };

/**
 * Availability over `period`: maintenance windows are taken out of the measured time, and
 * outages are counted only outside them. Uptime is rounded to 3 decimals before the credit is
 * decided, so the figure a client reads is the figure that decides the credit.
 */
export function computeAvailability(period: Interval, outages: Interval[], maintenance: Interval[]): Availability {
  const windows = clipIntervals(maintenance, period);
  const maintenanceMs = totalLength(windows);
  const downtimeMs = totalLength(subtractIntervals(clipIntervals(outages, period), windows));
  const measuredMs = period.end - period.start - maintenanceMs;
  const exact = measuredMs > 0 ? (100 * (measuredMs - downtimeMs)) / measuredMs : 100;
  const uptimePercent = Math.round(exact * 1000) / 1000;
  return { uptimePercent, creditPercent: serviceCreditPercent(uptimePercent), downtimeMs, maintenanceMs };
}
