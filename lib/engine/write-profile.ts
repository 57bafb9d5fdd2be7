/**
 * How much a VM writes: mean MB/s shaped by a daily cycle (peak at a UTC hour, peak/mean =
 * peakFactor), jitter and occasional bursts scaled by `burstiness`.
 *
 * Daily cycle: c(h) = base + amp * s(h), s(h) = ((1 + cos(2π(h - peak)/24)) / 2)^k. The mean of
 * s over a day is C(2k, k) / 4^k, so base and amp are chosen to make the daily mean exactly 1 and
 * the peak exactly peakFactor; a larger k gives a narrower peak, which a high peak factor needs to
 * keep the quiet hours above zero (a backup window rather than a sine wave).
 */

export const SHAPE_EXPONENTS = [1, 2, 3, 4, 6, 8, 10, 12, 16, 24] as const;
const K = SHAPE_EXPONENTS.length;
/** Quiet-hours floor as a fraction of the mean. */
const MIN_BASE = 0.12;
/** A VM with burstiness 1 starts a burst every ~10 minutes on average. */
export const BURST_MEAN_INTERVAL_S = 600;
const BURST_MIN_S = 10;
const BURST_SPAN_S = 50;
/** Extra factor of a burst at burstiness 1: 1 + 4b on average. */
const BURST_GAIN = 4;

function centralBinomialMean(k: number): number {
  let m = 1;
  for (let i = 1; i <= k; i++) m *= (k + i) / (4 * i);
  return m;
}
const SHAPE_MEANS = SHAPE_EXPONENTS.map(centralBinomialMean);

export type CycleShape = { base: number; amp: number; shapeIndex: number };

export function cycleShape(peakFactor: number): CycleShape {
  const p = Math.max(1, peakFactor);
  // The widest peak that keeps the quiet hours at MIN_BASE, else the narrowest (a flat day, p = 1, is the widest with amp 0).
  let i = 0;
  while (i < K - 1 && p - (p - 1) / (1 - SHAPE_MEANS[i]) < MIN_BASE) i++;
  const amp = (p - 1) / (1 - SHAPE_MEANS[i]);
  return { base: Math.max(0, p - amp), amp, shapeIndex: i };
}

/** Index into the per-tick cycle table for a VM. */
export const cycleSlot = (peakHourUtc: number, shapeIndex: number): number => (((Math.round(peakHourUtc) % 24) + 24) % 24) * K + shapeIndex;

export const CYCLE_TABLE_SIZE = 24 * K;

/**
 * s(h) for every (peak hour, exponent) at one instant; refreshed once per tick. Powers by
 * repeated squaring of the 24 cosines: the table costs ~250 multiplications, not 240 pow() calls.
 */
export function fillCycleTable(table: Float64Array, timeMs: number): void {
  const hour = (timeMs / 3_600_000) % 24;
  for (let peak = 0; peak < 24; peak++) {
    const c1 = (1 + Math.cos((2 * Math.PI * (hour - peak)) / 24)) / 2;
    const c2 = c1 * c1;
    const c3 = c2 * c1;
    const c4 = c2 * c2;
    const c6 = c3 * c3;
    const c8 = c4 * c4;
    const c12 = c6 * c6;
    const o = peak * K;
    // Same order as SHAPE_EXPONENTS: 1, 2, 3, 4, 6, 8, 10, 12, 16, 24.
    table[o] = c1;
    table[o + 1] = c2;
    table[o + 2] = c3;
    table[o + 3] = c4;
    table[o + 4] = c6;
    table[o + 5] = c8;
    table[o + 6] = c8 * c2;
    table[o + 7] = c12;
    table[o + 8] = c8 * c8;
    table[o + 9] = c12 * c12;
  }
}

/** Mean write rate (MB/s) with bursts compensated, so the long-run average is the configured mean. */
export function burstCompensatedScale(meanMBps: number, burstiness: number): number {
  const meanDuration = BURST_MIN_S + BURST_SPAN_S / 2;
  const excess = (burstiness / BURST_MEAN_INTERVAL_S) * meanDuration * BURST_GAIN * burstiness;
  return meanMBps / (1 + excess);
}

/** Burst start: duration (s) and factor from two uniform draws. */
export const burstDuration = (u: number): number => BURST_MIN_S + BURST_SPAN_S * u;
export const burstFactor = (burstiness: number, u: number): number => 1 + BURST_GAIN * burstiness * (0.5 + u);
