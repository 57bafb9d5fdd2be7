import { describe, expect, it } from 'vitest';
import { areaPath, bandRects, leftPercent, linePath, maxJoinMs, nearestIndex, runsOf, thresholdPath, topPercent, xOf, yOf, type PlotFrame } from './svg-geometry';

const MIN = 60_000;
/** 0…100 min across 0…1000 units, values 0…50 up 0…200 units (y down). */
const frame: PlotFrame = { fromMs: 0, toMs: 100 * MIN, max: 50, width: 1000, height: 200 };
const every = (values: (number | null)[], stepMin = 10, startMin = 0) => values.map((v, i) => ({ t: (startMin + i * stepMin) * MIN, v }));

describe('scaling', () => {
  it('maps the time window onto the width and values onto the height, y down', () => {
    expect([0, 25 * MIN, 100 * MIN].map((t) => xOf(frame, t))).toEqual([0, 250, 1000]);
    expect([0, 25, 50].map((v) => yOf(frame, v))).toEqual([200, 100, 0]);
  });

  it('rounds to a tenth of a unit (short paths, finer than a pixel)', () => {
    expect(xOf(frame, MIN / 3)).toBe(3.3);
    expect(yOf(frame, 1 / 3)).toBe(198.7);
  });

  it('holds values beyond the axis at its ends, and copes with an empty axis or window', () => {
    expect(yOf(frame, 80)).toBe(0);
    expect(yOf(frame, -5)).toBe(200);
    expect(yOf({ ...frame, max: 0 }, 3)).toBe(200);
    expect(xOf({ ...frame, toMs: 0 }, 5)).toBe(0);
  });

  it('places HTML labels as percentages of the plot', () => {
    expect(topPercent(50, 50)).toBe(0);
    expect(topPercent(50, 12.5)).toBe(75);
    expect(topPercent(0, 1)).toBe(100);
    expect(leftPercent(0, 100 * MIN, 25 * MIN)).toBe(25);
    expect(leftPercent(5, 5, 5)).toBe(0);
  });
});

describe('points to a path', () => {
  it('draws one line through the samples', () => {
    expect(linePath(frame, every([0, 25, 50]))).toBe('M0 200L100 100 200 0');
  });

  it('fills the area under it down to zero, closed', () => {
    expect(areaPath(frame, every([0, 25, 50]))).toBe('M0 200L0 200 100 100 200 0 200 200Z');
  });

  it('draws nothing for no samples', () => {
    expect(linePath(frame, [])).toBe('');
    expect(areaPath(frame, [])).toBe('');
  });

  it('leaves a gap where a value is missing, instead of drawing it as zero', () => {
    const points = every([10, 20, null, 30, 40]);
    expect(runsOf(points).map((r) => r.map((p) => p.v))).toEqual([[10, 20], [30, 40]]);
    expect(linePath(frame, points)).toBe('M0 160L100 120M300 80L400 40');
    expect(areaPath(frame, points)).toBe('M0 200L0 160 100 120 100 200ZM300 200L300 80 400 40 400 200Z');
  });

  it('leaves a gap where no sample was recorded for a while (more than 2.5× the usual step)', () => {
    // Samples every 10 min, then nothing for 40 min.
    const points = [...every([10, 10, 10, 10]), ...every([20, 20], 10, 70)];
    expect(maxJoinMs(points.map((p) => p.t))).toBe(25 * MIN);
    expect(linePath(frame, points)).toBe('M0 160L100 160 200 160 300 160M700 120L800 120');
  });

  it('joins samples at an irregular but usual pace', () => {
    const points = [0, 10, 22, 30, 41].map((m, i) => ({ t: m * MIN, v: i }));
    expect(runsOf(points)).toHaveLength(1);
  });

  it('never splits two samples (nothing to compare their step with)', () => {
    expect(maxJoinMs([0, 90 * MIN])).toBe(Number.POSITIVE_INFINITY);
    expect(linePath(frame, every([5, 5], 90))).toBe('M0 180L900 180');
  });

  it('draws a lone sample between gaps as a dot (zero-length stroke), with no area', () => {
    const points = every([10, 10, null, 30, null, 20, 20]);
    expect(linePath(frame, points)).toBe('M0 160L100 160M300 80h0M500 120L600 120');
    expect(areaPath(frame, points)).toBe('M0 200L0 160 100 160 100 200ZM500 200L500 120 600 120 600 200Z');
  });

  it('skips values that are not numbers at all', () => {
    expect(linePath(frame, every([10, Number.NaN, 10]))).toBe('M0 160h0M200 160h0');
  });
});

describe('threshold line', () => {
  it('runs across the plot at its value', () => {
    expect(thresholdPath(frame, 25)).toBe('M0 100H1000');
    expect(thresholdPath(frame, 50)).toBe('M0 0H1000');
  });

  it('is left out when off the axis or unknown', () => {
    expect(thresholdPath(frame, 60)).toBeNull();
    expect(thresholdPath(frame, -1)).toBeNull();
    expect(thresholdPath(frame, null)).toBeNull();
    expect(thresholdPath(frame, Number.NaN)).toBeNull();
  });
});

describe('outage bands', () => {
  it('show an outage that began a moment ago (at the right edge) at the narrowest width', () => {
    expect(bandRects(frame, [{ fromMs: 100 * MIN - 1000, toMs: 100 * MIN }])).toEqual([{ x: 997, width: 3 }]);
    expect(bandRects(frame, [{ fromMs: 50 * MIN, toMs: 50 * MIN }])).toEqual([{ x: 500, width: 3 }]);
  });

  it('are clipped to the window, and dropped when outside it', () => {
    expect(bandRects(frame, [{ fromMs: -10 * MIN, toMs: 10 * MIN }, { fromMs: 40 * MIN, toMs: 50 * MIN }, { fromMs: 95 * MIN, toMs: 200 * MIN }, { fromMs: 150 * MIN, toMs: 160 * MIN }])).toEqual([
      { x: 0, width: 100 },
      { x: 400, width: 100 },
      { x: 950, width: 50 },
    ]);
  });
});

describe('nearest sample', () => {
  const times = [0, 10, 20, 30];
  it('finds the closest time, the earlier one on a tie, and clamps at the ends', () => {
    expect([-5, 0, 4, 5, 6, 29, 99].map((t) => nearestIndex(times, t))).toEqual([0, 0, 0, 0, 1, 3, 3]);
    expect(nearestIndex([], 3)).toBe(-1);
  });
});
