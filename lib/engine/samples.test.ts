/**
 * The RPO and traffic charts: one sample per closed interval of each tier, at the interval's
 * start, with the worst RPO and the mean rates over the seconds the interval covered.
 */
import { describe, expect, it } from 'vitest';
import { SampleAggregator, type Sample } from './samples';

const S = 1000;

function collect() {
  const out: Sample[] = [];
  const sink = (tier: number, timeMs: number, rpoSeconds: number, throughputMBps: number, wanMBps: number) => out.push({ tier, timeMs, rpoSeconds, throughputMBps, wanMBps });
  return { out, sink };
}

describe('samples', () => {
  it('start at the interval holding the start time and are stamped with its start', () => {
    const agg = new SampleAggregator(7 * S);
    const { out, sink } = collect();
    for (let t = 7; t <= 10; t++) agg.add(t * S, 1, 3, 2, 1, sink);
    expect(out).toEqual([{ tier: 0, timeMs: 5 * S, rpoSeconds: 3, throughputMBps: 2, wanMBps: 1 }]);
  });

  it('give the worst RPO and the mean rates over the seconds covered', () => {
    const agg = new SampleAggregator(0);
    const { out, sink } = collect();
    agg.add(0, 2, 5, 4, 2, sink);
    agg.add(2 * S, 3, 1, 2, 8, sink);
    agg.add(5 * S, 1, 1, 1, 1, sink);
    // 6 MB written and 10 MB sent over 5 s.
    expect(out).toEqual([{ tier: 0, timeMs: 0, rpoSeconds: 5, throughputMBps: 1.2, wanMBps: 2 }]);
  });

  it('give the mean write and applied IOPS over the seconds covered, in every tier (folded from the finer one)', () => {
    const agg = new SampleAggregator(0);
    const io: { tier: number; timeMs: number; write: number; applied: number }[] = [];
    const sink = (tier: number, timeMs: number, _rpo: number, _mb: number, _wan: number, write: number, applied: number) => void io.push({ tier, timeMs, write, applied });
    // 150 one-second ticks: 100 writes a second for the first half, 300 for the second; 50 applied throughout.
    for (let t = 0; t < 150; t++) agg.add(t * S, 1, 1, 1, 1, sink, t < 75 ? 100 : 300, 50);
    agg.add(150 * S, 1, 1, 1, 1, sink, 0, 0);
    expect(io.filter((x) => x.tier === 0).slice(0, 1)).toEqual([{ tier: 0, timeMs: 0, write: 100, applied: 50 }]);
    expect(io.filter((x) => x.tier === 0).at(-1)).toEqual({ tier: 0, timeMs: 145 * S, write: 300, applied: 50 });
    expect(io.filter((x) => x.tier === 1)).toEqual([{ tier: 1, timeMs: 0, write: 200, applied: 50 }]);
  });

  it('count an RPO of zero', () => {
    const agg = new SampleAggregator(0);
    const { out, sink } = collect();
    for (let t = 0; t <= 5; t++) agg.add(t * S, 1, 0, 1, 1, sink);
    expect(out).toEqual([{ tier: 0, timeMs: 0, rpoSeconds: 0, throughputMBps: 1, wanMBps: 1 }]);
  });

  it('after a gap, close the interval with what it had and resume where ticks resume', () => {
    const agg = new SampleAggregator(0);
    const { out, sink } = collect();
    for (let t = 0; t < 3; t++) agg.add(t * S, 1, 4, 3, 3, sink);
    agg.add(23 * S, 1, 9, 1, 1, sink);
    agg.add(24 * S, 1, 7, 1, 1, sink);
    agg.add(25 * S, 1, 1, 1, 1, sink);
    expect(out.filter((s) => s.tier === 0)).toEqual([
      { tier: 0, timeMs: 0, rpoSeconds: 4, throughputMBps: 3, wanMBps: 3 },
      { tier: 0, timeMs: 20 * S, rpoSeconds: 9, throughputMBps: 1, wanMBps: 1 },
    ]);
  });

  it('close the interval when the clock goes back', () => {
    const agg = new SampleAggregator(10 * S);
    const { out, sink } = collect();
    agg.add(12 * S, 1, 6, 1, 1, sink);
    agg.add(3 * S, 1, 2, 1, 1, sink);
    expect(out.filter((s) => s.tier === 0)).toEqual([{ tier: 0, timeMs: 10 * S, rpoSeconds: 6, throughputMBps: 1, wanMBps: 1 }]);
  });

  it('close the 2.5-minute interval too when the clock goes back past its start, but not to its very start', () => {
    const agg = new SampleAggregator(160 * S);
    const { out, sink } = collect();
    agg.add(162 * S, 1, 6, 1, 1, sink);
    // Back to the start of the current 5 s interval, then of the current 2.5 min: both stay open.
    agg.add(160 * S, 1, 2, 1, 1, sink);
    expect(out).toEqual([]);
    agg.add(150 * S, 1, 2, 1, 1, sink);
    expect(out).toEqual([{ tier: 0, timeMs: 160 * S, rpoSeconds: 6, throughputMBps: 1, wanMBps: 1 }]);
    agg.add(3 * S, 1, 1, 1, 1, sink);
    expect(out.slice(1)).toEqual([
      { tier: 1, timeMs: 150 * S, rpoSeconds: 6, throughputMBps: 1, wanMBps: 1 },
      { tier: 0, timeMs: 150 * S, rpoSeconds: 2, throughputMBps: 1, wanMBps: 1 },
    ]);
  });

  it('a 2.5-minute sample covers its seconds without an RPO too, and its worst RPO', () => {
    const agg = new SampleAggregator(0);
    const { out, sink } = collect();
    // No consistent copy for the first 5 s, then an RPO of 2 s, 8 s once.
    for (let t = 0; t <= 150; t++) agg.add(t * S, 1, t < 5 ? null : t === 30 ? 8 : 2, t < 5 ? 6 : 1, 0.5, sink);
    expect(out.filter((s) => s.tier === 0).map((s) => s.timeMs)).toEqual(Array.from({ length: 29 }, (_, k) => (k + 1) * 5 * S));
    // 30 + 145 MB written over 150 s.
    expect(out.filter((s) => s.tier === 1)).toEqual([{ tier: 1, timeMs: 0, rpoSeconds: 8, throughputMBps: 175 / 150, wanMBps: 0.5 }]);
  });

  it('of a quarter-hour close with the last 2.5 minutes in it, and only then', () => {
    const agg = new SampleAggregator(0);
    const { out, sink } = collect();
    for (let t = 0; t < 15 * 60; t += 5) agg.add(t * S, 5, t === 300 ? 11 : 1, 5, 5, sink);
    expect(out.filter((s) => s.tier === 2)).toEqual([]);
    agg.add(15 * 60 * S, 5, 1, 5, 5, sink);
    expect(out.filter((s) => s.tier === 2)).toEqual([{ tier: 2, timeMs: 0, rpoSeconds: 11, throughputMBps: 1, wanMBps: 1 }]);
    expect(out.filter((s) => s.tier === 1)).toHaveLength(6);
  });

  it('carry on after a restore as if nothing happened', () => {
    const a = new SampleAggregator(0);
    const before = collect();
    for (let t = 0; t < 90; t++) a.add(t * S, 1, t % 7, 1, 2, before.sink);
    const b = new SampleAggregator(12_345 * S, JSON.parse(JSON.stringify(a.snapshot())));
    const fromA = collect();
    const fromB = collect();
    for (let t = 90; t <= 400; t++) {
      a.add(t * S, 1, t % 5, 2, 1, fromA.sink);
      b.add(t * S, 1, t % 5, 2, 1, fromB.sink);
    }
    expect(fromB.out).toEqual(fromA.out);
    expect(fromB.out.filter((s) => s.tier === 1).map((s) => s.timeMs)).toEqual([0, 150 * S]);
  });
});
