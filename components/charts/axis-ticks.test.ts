import { describe, expect, it } from 'vitest';
import { chartWindow, durationAxis, niceStep, rateAxis, timeTick, timeTicks } from './axis-ticks';

const labels = (axis: ReturnType<typeof durationAxis>) => axis.ticks.map(axis.format).map((l) => l.replace('\u00a0', ' '));

describe('value axes', () => {
  it('step in 1, 2 or 5 × 10^n', () => {
    expect([0.41, 1.375, 2.75, 37, 0.0123].map((m) => niceStep(m, 1))).toEqual([0.5, 2, 5, 50, 0.02]);
  });

  it('label a duration axis in one unit with round ticks reaching past the maximum', () => {
    // The RPO of an outage, 2 h 23 m: hours throughout, not "3 h / 60 min / 0 s".
    expect(labels(durationAxis(8580))).toEqual(['0 h', '1 h', '2 h', '3 h']);
    expect(labels(durationAxis(330))).toEqual(['0 min', '2 min', '4 min', '6 min']);
    expect(labels(durationAxis(11))).toEqual(['0 s', '5 s', '10 s', '15 s']);
    expect(labels(durationAxis(3 * 86_400))).toEqual(['0 d', '1 d', '2 d', '3 d']);
    expect(durationAxis(330).ticks).toEqual([0, 120, 240, 360]);
    expect(durationAxis(330).max).toBe(360);
  });

  it('label a throughput axis with round ticks and one number of decimals', () => {
    expect(labels(rateAxis(1.65))).toEqual(['0 MB/s', '0.5 MB/s', '1.0 MB/s', '1.5 MB/s', '2.0 MB/s']);
    expect(labels(rateAxis(37))).toEqual(['0 MB/s', '10 MB/s', '20 MB/s', '30 MB/s', '40 MB/s']);
    expect(rateAxis(0).ticks.length).toBeGreaterThan(1);
  });
});

describe('chart window', () => {
  const DAY = 86_400_000;
  it('starts a long range at its first sample when the data starts late, and says since when', () => {
    expect(chartWindow(0, 30 * DAY, 28 * DAY)).toEqual({ fromMs: 28 * DAY, toMs: 30 * DAY, dataSinceMs: 28 * DAY });
  });
  it('keeps the range asked for when the samples cover it', () => {
    expect(chartWindow(0, 30 * DAY, 3600_000)).toEqual({ fromMs: 0, toMs: 30 * DAY, dataSinceMs: null });
    expect(chartWindow(0, 30 * DAY, null).dataSinceMs).toBeNull();
  });
});

describe('time axis', () => {
  it('ticks on round UTC times', () => {
    const from = Date.UTC(2026, 11, 6, 13, 36, 20);
    const day = timeTicks(from, from + 24 * 3600_000);
    expect(day.map(timeTick(24 * 3600_000))).toEqual(['18:00', '00:00', '06:00', '12:00']);
    expect(timeTicks(from, from + 3600_000).map(timeTick(3600_000))).toEqual(['13:40', '13:50', '14:00', '14:10', '14:20', '14:30']);
  });
});
