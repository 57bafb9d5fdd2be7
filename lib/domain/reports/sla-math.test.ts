import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clipIntervals, computeAvailability, mergeIntervals, serviceCreditPercent, subtractIntervals, totalLength } from './sla-math';

const MIN = 60_000;
const MONTH = { start: 0, end: 30 * 24 * 60 * MIN }; // 43,200 minutes

describe('serviceCreditPercent', () => {
  it.each([
    [100, 0],
    [99.9, 0],
    [99.5, 0], // exactly the threshold: not below, no credit
    [99.499, 10],
    [99.0, 10], // exactly 99: below 99.5 but not below 99
    [98.999, 25],
    [0, 25],
  ])('uptime %d percent gives a %d percent credit', (uptime, credit) => {
    expect(serviceCreditPercent(uptime)).toBe(credit);
  });
});

describe('interval arithmetic', () => {
  it('merges overlapping and touching intervals, drops empty ones', () => {
    expect(mergeIntervals([{ start: 5, end: 10 }, { start: 0, end: 3 }, { start: 3, end: 6 }, { start: 20, end: 20 }, { start: 12, end: 15 }])).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 15 },
    ]);
  });

  it('clips to the period', () => {
    expect(clipIntervals([{ start: -10, end: 5 }, { start: 95, end: 200 }, { start: 300, end: 400 }], { start: 0, end: 100 })).toEqual([
      { start: 0, end: 5 },
      { start: 95, end: 100 },
    ]);
  });

  it('subtracts windows inside, across and around an interval', () => {
    expect(subtractIntervals([{ start: 0, end: 100 }], [{ start: 10, end: 20 }, { start: 50, end: 150 }, { start: -5, end: 2 }])).toEqual([
      { start: 2, end: 10 },
      { start: 20, end: 50 },
    ]);
    expect(subtractIntervals([{ start: 0, end: 10 }], [{ start: -1, end: 11 }])).toEqual([]);
  });

  it('leaves nothing behind when a window ends exactly where the interval ends', () => {
    expect(subtractIntervals([{ start: 0, end: 10 }], [{ start: 5, end: 10 }])).toEqual([{ start: 0, end: 5 }]);
    expect(subtractIntervals([{ start: 0, end: 10 }], [{ start: 0, end: 5 }])).toEqual([{ start: 5, end: 10 }]);
  });

  it('leaves an interval whole when the windows lie wholly before or after it', () => {
    expect(subtractIntervals([{ start: 10, end: 20 }], [{ start: 0, end: 5 }, { start: 30, end: 40 }])).toEqual([{ start: 10, end: 20 }]);
  });

  it('leaves an interval whole when a window only touches it', () => {
    expect(subtractIntervals([{ start: 10, end: 20 }], [{ start: 0, end: 10 }, { start: 20, end: 30 }])).toEqual([{ start: 10, end: 20 }]);
  });

  it('cuts every interval by the windows that fall in it', () => {
    expect(subtractIntervals([{ start: 0, end: 10 }, { start: 20, end: 30 }], [{ start: 5, end: 25 }])).toEqual([
      { start: 0, end: 5 },
      { start: 25, end: 30 },
    ]);
  });

  it('totals the time once however the intervals overlap', () => {
    expect(totalLength([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 21 }])).toBe(16);
    expect(totalLength([])).toBe(0);
  });

  it('keeps the later end when an interval lies inside the one before', () => {
    expect(mergeIntervals([{ start: 0, end: 10 }, { start: 2, end: 4 }])).toEqual([{ start: 0, end: 10 }]);
  });

  it('does not change the intervals it was given', () => {
    const input = [{ start: 0, end: 5 }, { start: 3, end: 8 }];
    mergeIntervals(input);
    expect(input).toEqual([{ start: 0, end: 5 }, { start: 3, end: 8 }]);
  });

  it('subtraction takes away exactly the time the windows cover (property, against counting whole units)', () => {
    const iv = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60 })).map(([s, l]) => ({ start: s, end: s + l }));
    const covers = (xs: { start: number; end: number }[], unit: number) => xs.some((x) => x.start <= unit && unit < x.end);
    fc.assert(
      fc.property(fc.array(iv, { maxLength: 6 }), fc.array(iv, { maxLength: 6 }), (a, b) => {
        let expected = 0;
        for (let unit = 0; unit < 360; unit++) if (covers(a, unit) && !covers(b, unit)) expected++;
        expect(totalLength(subtractIntervals(a, b))).toBe(expected);
      }),
    );
  });

  it('subtraction never grows time and leaves nothing inside the removed windows (property)', () => {
    const iv = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(iv, { maxLength: 8 }), fc.array(iv, { maxLength: 8 }), (a, b) => {
        const rest = subtractIntervals(a, b);
        expect(totalLength(rest)).toBeLessThanOrEqual(totalLength(a));
        expect(totalLength(rest) + totalLength(subtractIntervals(a, rest))).toBe(totalLength(a));
        for (const r of rest) for (const w of b.filter((x) => x.end > x.start)) expect(r.end <= w.start || r.start >= w.end).toBe(true);
      }),
    );
  });
});

describe('computeAvailability', () => {
  it('is 100 % with no outage', () => {
    expect(computeAvailability(MONTH, [], [])).toEqual({ uptimePercent: 100, creditPercent: 0, downtimeMs: 0, maintenanceMs: 0 });
  });

  it('216 minutes down in a 43,200-minute month is exactly 99.5 %: no credit', () => {
    const r = computeAvailability(MONTH, [{ start: 0, end: 216 * MIN }], []);
    expect(r.uptimePercent).toBe(99.5);
    expect(r.creditPercent).toBe(0);
  });

  it('432 minutes down is exactly 99.0 %: 10 % credit; one more minute is 25 %', () => {
    expect(computeAvailability(MONTH, [{ start: 0, end: 432 * MIN }], [])).toMatchObject({ uptimePercent: 99, creditPercent: 10 });
    expect(computeAvailability(MONTH, [{ start: 0, end: 433 * MIN }], []).creditPercent).toBe(25);
  });

  it('counts overlapping outages (site and link at once) once', () => {
    const r = computeAvailability(MONTH, [{ start: 0, end: 100 * MIN }, { start: 50 * MIN, end: 216 * MIN }], []);
    expect(r.downtimeMs).toBe(216 * MIN);
  });

  it('does not count an outage inside maintenance, and takes maintenance out of the measured time', () => {
    const r = computeAvailability(MONTH, [{ start: 0, end: 300 * MIN }], [{ start: 0, end: 120 * MIN }]);
    expect(r.maintenanceMs).toBe(120 * MIN);
    expect(r.downtimeMs).toBe(180 * MIN);
    expect(r.uptimePercent).toBe(Math.round((100 * (43_080 - 180)) / 43_080 * 1000) / 1000);
  });

  it('shows uptime to 3 decimals: 100 minutes down in 43,200 is 99.769 %', () => {
    expect(computeAvailability(MONTH, [{ start: 0, end: 100 * MIN }], [])).toEqual({ uptimePercent: 99.769, creditPercent: 0, downtimeMs: 100 * MIN, maintenanceMs: 0 });
  });

  it('decides the credit on the figure shown: 99.4996 % reads 99.5 % and owes nothing', () => {
    // 5,004 ms down in 1,000,000 ms measured is 99.4996 %.
    expect(computeAvailability({ start: 0, end: 1_000_000 }, [{ start: 0, end: 5004 }], [])).toMatchObject({ uptimePercent: 99.5, creditPercent: 0 });
    // 5,006 ms is 99.4994 %, which reads 99.499 %: 10 % credit.
    expect(computeAvailability({ start: 0, end: 1_000_000 }, [{ start: 0, end: 5006 }], [])).toMatchObject({ uptimePercent: 99.499, creditPercent: 10 });
  });

  it('is 100 % for a period that was maintenance from end to end, whatever was down in it', () => {
    expect(computeAvailability(MONTH, [{ start: 0, end: MONTH.end }], [{ start: -MIN, end: MONTH.end + MIN }])).toEqual({
      uptimePercent: 100,
      creditPercent: 0,
      downtimeMs: 0,
      maintenanceMs: MONTH.end,
    });
  });

  it('counts maintenance only inside the period, and the outage around a window on both sides', () => {
    const r = computeAvailability(
      { start: 1000 * MIN, end: 2000 * MIN },
      [{ start: 1500 * MIN, end: 1600 * MIN }],
      [{ start: 900 * MIN, end: 1010 * MIN }, { start: 1540 * MIN, end: 1560 * MIN }],
    );
    // 970 minutes measured, 80 of them down: 89,000 / 970 = 91.7525 %.
    expect(r).toEqual({ uptimePercent: 91.753, creditPercent: 25, downtimeMs: 80 * MIN, maintenanceMs: 30 * MIN });
  });

  it('clips outages that began before or are still open after the period', () => {
    const r = computeAvailability({ start: 1000 * MIN, end: 2000 * MIN }, [{ start: 0, end: 1010 * MIN }, { start: 1995 * MIN, end: 5000 * MIN }], []);
    expect(r.downtimeMs).toBe(15 * MIN);
  });
});
