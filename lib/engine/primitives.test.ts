import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backlog } from './backlog';
import { shareBandwidth } from './bandwidth';
import { formatDuration, formatGb } from './format';
import { JournalVolume } from './journal';
import { nextState, Prng, seedState } from './prng';
import { SampleAggregator, type Sample } from './samples';
import { burstCompensatedScale, CYCLE_TABLE_SIZE, cycleShape, cycleSlot, fillCycleTable } from './write-profile';

describe('prng', () => {
  it('is seeded, never stuck at zero, and reproducible', () => {
    expect(seedState(0)).not.toBe(0);
    const a = new Prng(seedState(7));
    const b = new Prng(seedState(7));
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(100);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(nextState(1)).not.toBe(1);
  });
});

describe('write profile', () => {
  it.each([1, 2, 3, 4, 5, 8])('daily cycle with peak factor %d averages 1 and peaks at the factor', (factor) => {
    const shape = cycleShape(factor);
    const table = new Float64Array(CYCLE_TABLE_SIZE);
    const slot = cycleSlot(14, shape.shapeIndex);
    let sum = 0;
    let max = 0;
    const n = 24 * 60;
    for (let i = 0; i < n; i++) {
      fillCycleTable(table, i * 60_000);
      const c = shape.base + shape.amp * table[slot];
      sum += c;
      max = Math.max(max, c);
    }
    expect(sum / n).toBeCloseTo(1, 3);
    expect(max).toBeCloseTo(factor, 2);
    expect(shape.base).toBeGreaterThanOrEqual(0);
  });

  it('peaks at the configured UTC hour', () => {
    const shape = cycleShape(4);
    const table = new Float64Array(CYCLE_TABLE_SIZE);
    fillCycleTable(table, Date.UTC(2026, 0, 1, 3, 0));
    const atPeak = table[cycleSlot(3, shape.shapeIndex)];
    const elsewhere = table[cycleSlot(15, shape.shapeIndex)];
    expect(atPeak).toBeCloseTo(1, 10);
    expect(elsewhere).toBeLessThan(0.01);
  });

  it('compensates bursts so the long-run mean stays the configured mean', () => {
    expect(burstCompensatedScale(1, 0)).toBe(1);
    expect(burstCompensatedScale(1, 1)).toBeLessThan(1);
  });
});

describe('backlog', () => {
  it('ships oldest first and reports the oldest unshipped write', () => {
    const b = new Backlog();
    b.push(0, 1000, 10);
    b.push(1000, 2000, 10);
    expect(b.oldestMs()).toBe(0);
    expect(b.ship(5)).toBe(5);
    expect(b.oldestMs()).toBe(500);
    expect(b.ship(10)).toBe(10);
    expect(b.oldestMs()).toBe(1500);
    expect(b.totalMB).toBeCloseTo(5);
    expect(b.ship(100)).toBeCloseTo(5);
    expect(b.oldestMs()).toBeNull();
  });

  it('stays bounded under a long backlog and keeps the MB', () => {
    const b = new Backlog();
    for (let i = 0; i < 10_000; i++) b.push(i * 1000, (i + 1) * 1000, 1);
    expect(b.length).toBeLessThanOrEqual(1024);
    expect(b.totalMB).toBeCloseTo(10_000);
    expect(b.oldestMs()).toBe(0);
    expect(b.ship(20_000)).toBeCloseTo(10_000);
  });

  it('property: shipped + held = pushed, oldest never moves back', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true })), { maxLength: 300 }), (ops) => {
        const b = new Backlog();
        let pushed = 0;
        let shipped = 0;
        let last = -Infinity;
        ops.forEach(([w, s], i) => {
          b.push(i * 1000, (i + 1) * 1000, w);
          pushed += w > 0 ? w : 0;
          shipped += b.ship(s);
          const o = b.oldestMs();
          if (o !== null) {
            expect(o).toBeGreaterThanOrEqual(last);
            last = o;
          }
        });
        expect(shipped + b.totalMB).toBeCloseTo(pushed, 6);
      }),
    );
  });
});

describe('bandwidth sharing', () => {
  it('gives everyone their demand when it fits', () => {
    const out = new Float64Array(3);
    shareBandwidth(100, [10, 20, 30], [4, 2, 1], out);
    expect([...out]).toEqual([10, 20, 30]);
  });

  it('shares by priority weight when it does not, and lets a quiet group keep what it needs', () => {
    const out = new Float64Array(3);
    shareBandwidth(70, [1000, 1000, 1000], [4, 2, 1], out);
    expect([...out]).toEqual([40, 20, 10]);
    shareBandwidth(70, [5, 1000, 1000], [4, 2, 1], out);
    expect(out[0]).toBe(5);
    expect(out[1]).toBeCloseTo((65 * 2) / 3);
    expect(out[2]).toBeCloseTo(65 / 3);
  });

  it('property: never over capacity or demand, and nothing wasted while someone waits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.constantFrom(1, 2, 4)), { minLength: 1, maxLength: 12 }),
        (capacity, groups) => {
          const out = new Float64Array(groups.length);
          shareBandwidth(capacity, groups.map((g) => g[0]), groups.map((g) => g[1]), out);
          const total = out.reduce((a, b) => a + b, 0);
          const demand = groups.reduce((a, g) => a + g[0], 0);
          expect(total).toBeLessThanOrEqual(capacity + 1e-6);
          groups.forEach((g, i) => {
            expect(out[i]).toBeGreaterThanOrEqual(0);
            expect(out[i]).toBeLessThanOrEqual(g[0] + 1e-9);
          });
          expect(total).toBeCloseTo(Math.min(capacity, demand), 6);
        },
      ),
    );
  });
});

describe('journal volume', () => {
  it('drops what leaves the window and reports where the size limit cuts', () => {
    const hour = 3_600_000;
    const j = new JournalVolume(24 * hour, 0);
    for (let h = 0; h < 24; h++) {
      j.advance(h * hour);
      j.add(h * hour, 100);
    }
    expect(j.totalMB).toBeCloseTo(2400);
    expect(j.limitCutMs(10_000)).toBeNull();
    // Keeping only 1,000 MB evicts hours 0..13: history starts after hour 13's (2-minute) bucket.
    expect(j.bucketMs).toBe(120_000);
    expect(j.limitCutMs(1000)).toBe(13 * hour + 120_000);
    j.advance(30 * hour);
    expect(j.totalMB).toBeCloseTo(1800);
  });

  it('survives a snapshot bit for bit, and still reads the older array form', () => {
    const hour = 3_600_000;
    const j = new JournalVolume(24 * hour, 0);
    for (let h = 0; h < 30; h++) {
      j.advance(h * hour);
      j.add(h * hour + 1, 0.1 + h / 7);
    }
    const snap = j.snapshot();
    expect(typeof snap.mb).toBe('string');
    const back = JournalVolume.restore(JSON.parse(JSON.stringify(snap)));
    expect(back.snapshot()).toEqual(snap);
    expect(back.limitCutMs(500)).toBe(j.limitCutMs(500));
    const buckets: number[] = [];
    j.forEachBucket((_, mb) => buckets.push(mb));
    const legacy = JournalVolume.restore({ ...snap, mb: Array.from(new Float64Array(Uint8Array.from(atob(snap.mb as string), (c) => c.charCodeAt(0)).buffer)) });
    const legacyBuckets: number[] = [];
    legacy.forEachBucket((_, mb) => legacyBuckets.push(mb));
    expect(legacyBuckets).toEqual(buckets);
  });
});

describe('samples', () => {
  it('emits worst RPO and mean rates per closed interval of each tier', () => {
    const agg = new SampleAggregator(0);
    const out: Sample[] = [];
    const sink = (tier: number, timeMs: number, rpoSeconds: number, throughputMBps: number, wanMBps: number) => out.push({ tier, timeMs, rpoSeconds, throughputMBps, wanMBps });
    for (let t = 0; t < 151; t++) agg.add(t * 1000, 1, t === 3 ? 9 : 2, 1, 2, sink);
    const tier0 = out.filter((s) => s.tier === 0);
    expect(tier0).toHaveLength(30);
    expect(tier0[0]).toEqual({ tier: 0, timeMs: 0, rpoSeconds: 9, throughputMBps: 1, wanMBps: 2 });
    expect(tier0[1].rpoSeconds).toBe(2);
    expect(out.filter((s) => s.tier === 1)).toEqual([{ tier: 1, timeMs: 0, rpoSeconds: 9, throughputMBps: 1, wanMBps: 2 }]);
  });

  it('folds into the hourly tier: one sample per hour with the worst RPO of the hour', () => {
    const agg = new SampleAggregator(0);
    const out: Sample[] = [];
    const sink = (tier: number, timeMs: number, rpoSeconds: number, throughputMBps: number, wanMBps: number) => out.push({ tier, timeMs, rpoSeconds, throughputMBps, wanMBps });
    for (let t = 0; t <= 2 * 3600; t += 5) agg.add(t * 1000, 5, t === 4000 ? 42 : 3, 5, 5, sink);
    expect(out.filter((s) => s.tier === 3)).toEqual([
      { tier: 3, timeMs: 0, rpoSeconds: 3, throughputMBps: 1, wanMBps: 1 },
      { tier: 3, timeMs: 3600_000, rpoSeconds: 42, throughputMBps: 1, wanMBps: 1 },
    ]);
  });

  it('restores a snapshot taken before the hourly tier existed without inventing a sample', () => {
    const old = new SampleAggregator(7200_000);
    for (let t = 7200; t < 7260; t++) old.add(t * 1000, 1, 4, 1, 1, () => {});
    const restored = new SampleAggregator(0, old.snapshot().slice(0, 18));
    const out: Sample[] = [];
    for (let t = 7260; t <= 3 * 3600; t++) restored.add(t * 1000, 1, 4, 1, 1, (tier, timeMs, rpoSeconds, throughputMBps, wanMBps) => out.push({ tier, timeMs, rpoSeconds, throughputMBps, wanMBps }));
    expect(out.filter((s) => s.tier === 3).map((s) => s.timeMs)).toEqual([7200_000]);
  });

  it('skips intervals without an RPO (no consistent copy yet)', () => {
    const agg = new SampleAggregator(0);
    const out: Sample[] = [];
    for (let t = 0; t < 11; t++) agg.add(t * 1000, 1, null, 1, 1, (tier, timeMs, rpoSeconds, throughputMBps, wanMBps) => out.push({ tier, timeMs, rpoSeconds, throughputMBps, wanMBps }));
    expect(out).toEqual([]);
  });
});

describe('format', () => {
  it('speaks like an operator', () => {
    expect(formatDuration(8)).toBe('8 s');
    expect(formatDuration(602)).toBe('10 min 2 s');
    expect(formatDuration(720)).toBe('12 min');
    expect(formatDuration(2400)).toBe('40 min');
    expect(formatDuration(3600 * 11 + 40 * 60)).toBe('11 h 40 min');
    expect(formatDuration(3 * 86_400)).toBe('3 d');
    expect(formatGb(300 * 1024)).toBe('300 GB');
    expect(formatGb(1536)).toBe('1.5 GB');
  });
});
