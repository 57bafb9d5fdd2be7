/**
 * How much the simulated VMs write, tick by tick: the per-VM table, the hot write loop, the daily
 * cycle and bursts, and the seeded randomness behind them. Small pure calls, no engine.
 */
import { describe, expect, it } from 'vitest';
import { nextState, Prng, seedState, toUnit } from './prng';
import { FLAG_AGENT, FLAG_CONTINUOUS, FLAG_SYNCED, VmTable } from './vm-table';
import { writeLoop } from './write-loop';
import { burstCompensatedScale, burstDuration, burstFactor, CYCLE_TABLE_SIZE, cycleShape, cycleSlot, fillCycleTable } from './write-profile';
import { steady, vm } from './fixtures';
import type { VmConfig } from './types';

/** A table of configured VMs, each in the group slot given. */
function table(entries: [groupSlot: number, cfg: VmConfig][], capacity?: number): VmTable {
  const t = new VmTable(capacity);
  for (const [slot, cfg] of entries) t.configure(t.alloc(), slot, cfg);
  return t;
}

/** One tick of the write loop with every group accepting writes unless listed. */
function tick(t: VmTable, dt: number, rng: number, { groups = 4, refused = [] as number[], at = Date.UTC(2026, 0, 5, 12) } = {}) {
  const accept = new Uint8Array(groups).fill(1);
  for (const g of refused) accept[g] = 0;
  const cycle = new Float64Array(CYCLE_TABLE_SIZE);
  fillCycleTable(cycle, at);
  const writes = new Float64Array(groups);
  const next = writeLoop(t, accept, cycle, writes, dt, rng);
  return { writes: [...writes], rng: next };
}

const draws = (s: number, n: number) => {
  for (let i = 0; i < n; i++) s = nextState(s);
  return s;
};

describe('seeded randomness', () => {
  it('keeps the stream a stored seed gave, so a restarted simulation continues identically', () => {
    // xorshift32 (13, 17, 5) from 1: 1 ^ 1<<13 = 8193; 8193 >>> 17 = 0; 8193 ^ 8193<<5 = 270369.
    expect(nextState(1)).toBe(270369);
    expect(nextState(270369)).toBe(67634689);
    expect([seedState(0), seedState(1), seedState(42)]).toEqual([2462723854, 920564995, 3856264912]);
    // Fractional seeds count by their whole part.
    expect(seedState(42.9)).toBe(seedState(42));
  });

  it('never starts at the one state xorshift cannot leave', () => {
    // The scramble maps exactly one seed, the golden-ratio constant, to zero.
    const s = seedState(0x9e3779b9);
    expect(s).not.toBe(0);
    expect(nextState(s)).not.toBe(s);
  });

  it('gives uniform fractions in [0, 1)', () => {
    expect(toUnit(0)).toBe(0);
    expect(toUnit(2 ** 31)).toBe(0.5);
    expect(toUnit(2 ** 32 - 1)).toBeLessThan(1);
    const p = new Prng(1);
    expect(p.next()).toBe(270369 / 2 ** 32);
    expect(p.state).toBe(270369);
    expect(p.next()).toBe(67634689 / 2 ** 32);
  });
});

describe('daily write cycle', () => {
  it.each([
    // peak factor, quiet-hours level (fraction of the mean), worked out from the shape means 1/2, 3/8, 5/16, 35/128, ...
    [1, 1],
    [1.5, 0.5], // k = 1: amp = 0.5 / (1 - 1/2) = 1, base 0.5
    [2, 0.4], // k = 1 would leave 0 at night; k = 2: amp = 1 / (5/8) = 1.6, base 0.4
    [3, 0.2473], // k = 4: amp = 2 / (93/128), base 3 - 2.7527
  ])('a peak factor of %d keeps the quiet hours at %s of the mean', (factor, quiet) => {
    const shape = cycleShape(factor);
    const tableAt = new Float64Array(CYCLE_TABLE_SIZE);
    let min = Infinity;
    for (let h = 0; h < 24; h++) {
      fillCycleTable(tableAt, h * 3_600_000);
      min = Math.min(min, shape.base + shape.amp * tableAt[cycleSlot(14, shape.shapeIndex)]);
    }
    expect(min).toBeCloseTo(quiet, 4);
  });

  it('a flat or sub-1 peak factor means no cycle at all', () => {
    expect(cycleShape(1)).toEqual({ base: 1, amp: 0, shapeIndex: 0 });
    expect(cycleShape(0.3)).toEqual({ base: 1, amp: 0, shapeIndex: 0 });
  });

  it.each([2.5, 4.5, 5, 5.5, 6, 7])('the narrow shapes a peak factor of %d needs still average 1 and peak at the factor', (factor) => {
    const shape = cycleShape(factor);
    const t = new Float64Array(CYCLE_TABLE_SIZE);
    let sum = 0;
    let max = 0;
    const n = 24 * 60;
    for (let i = 0; i < n; i++) {
      fillCycleTable(t, i * 60_000);
      const c = shape.base + shape.amp * t[cycleSlot(9, shape.shapeIndex)];
      sum += c;
      max = Math.max(max, c);
    }
    expect(sum / n).toBeCloseTo(1, 3);
    expect(max).toBeCloseTo(factor, 2);
    expect(shape.base).toBeGreaterThanOrEqual(0.12);
  });

  it('an extreme peak factor takes the narrowest shape with silent quiet hours rather than failing', () => {
    const shape = cycleShape(100);
    expect(shape.shapeIndex).toBe(9);
    expect(shape.base).toBe(0);
    expect(shape.amp).toBeGreaterThan(99);
  });

  it('reads a peak hour outside 0..23 around the clock', () => {
    expect(cycleSlot(-1, 2)).toBe(cycleSlot(23, 2));
    expect(cycleSlot(25, 2)).toBe(cycleSlot(1, 2));
    expect(cycleSlot(13.6, 0)).toBe(cycleSlot(14, 0));
    const t = new Float64Array(CYCLE_TABLE_SIZE);
    // 23:00 on the second day: a VM peaking at "-1" is at its peak, one peaking at noon is not.
    fillCycleTable(t, 47 * 3_600_000);
    expect(t[cycleSlot(-1, 9)]).toBeCloseTo(1, 12);
    expect(t[cycleSlot(12, 0)]).toBeCloseTo(0.0170, 3); // 11 h off peak: (1 + cos(165°)) / 2
  });
});

describe('bursts', () => {
  it('scales the mean down so bursts do not add to it', () => {
    // Bursts last 10 + 50/2 = 35 s at 1 + 4b (on average) every 600/b s: excess 35 · 4b · b / 600.
    expect(burstCompensatedScale(1, 0)).toBe(1);
    expect(burstCompensatedScale(1, 1)).toBeCloseTo(1 / (1 + 140 / 600), 12);
    expect(burstCompensatedScale(3, 0.5)).toBeCloseTo(3 / (1 + 35 / 600), 12);
  });

  it('last 10 to 60 s at 1 + 4b(0.5..1.5) times the rate', () => {
    expect(burstDuration(0)).toBe(10);
    expect(burstDuration(0.5)).toBe(35);
    expect(burstFactor(1, 0)).toBe(3);
    expect(burstFactor(0.5, 0.5)).toBe(3);
    expect(burstFactor(0, 0.9)).toBe(1);
  });
});

describe('VM table', () => {
  it('hands out slots in order and reuses the lowest freed slot first', () => {
    const t = new VmTable(4);
    expect([t.alloc(), t.alloc(), t.alloc(), t.alloc()]).toEqual([0, 1, 2, 3]);
    t.release(2);
    t.release(0);
    t.release(3);
    expect([t.alloc(), t.alloc(), t.alloc(), t.alloc()]).toEqual([0, 2, 3, 4]);
  });

  it('grows past its capacity without losing what the VMs already hold', () => {
    const t = table([[0, steady('a', 1, { diskGb: 3 })], [1, steady('b', 2)]], 2);
    t.flags[0] |= FLAG_SYNCED;
    t.syncLeft[1] = 77;
    t.configure(t.alloc(), 0, steady('c', 3));
    expect(t.capacity).toBe(4);
    expect(t.ids.slice(0, 3)).toEqual(['a', 'b', 'c']);
    expect([...t.group.subarray(0, 4)]).toEqual([0, 1, 0, -1]);
    // The new slots start empty: not synced, no flags.
    expect([t.flags[3], t.cycle[3]]).toEqual([0, 0]);
    expect(t.diskMB[0]).toBe(3072);
    expect(t.syncLeft[1]).toBe(77);
    expect(t.flags[0]).toBe(FLAG_SYNCED);
  });

  it('a released slot comes back empty: a new VM there is not synced and writes nothing', () => {
    const t = table([[0, steady('a', 1, { continuousWriter: true })]]);
    t.flags[0] |= FLAG_SYNCED;
    t.syncLeft[0] = 5;
    t.written[0] = 9;
    t.release(0);
    expect(t.group[0]).toBe(-1);
    expect([t.ids[0], t.names[0], t.flags[0], t.syncLeft[0], t.written[0], t.scale[0], t.cycle[0]]).toEqual([null, null, 0, 0, 0, 0, 0]);
    expect(tick(t, 1, 1).writes[0]).toBe(0);
  });

  it('reads configuration defensively: negative sizes and rates are zero, burstiness is 0..1', () => {
    const t = table([
      [0, vm('neg', { diskGb: -5, writeMeanMBps: -2, burstiness: -1 })],
      [0, vm('wild', { diskGb: 1, writeMeanMBps: 1, burstiness: 7, writePeakFactor: 1 })],
      [0, vm('nan', { burstiness: Number.NaN })],
    ]);
    expect([t.diskMB[0], t.scale[0], t.burstiness[0]]).toEqual([0, 0, 0]);
    expect(t.burstiness[1]).toBe(1);
    expect(t.scale[1]).toBeCloseTo(600 / 740, 12);
    expect(t.burstiness[2]).toBe(0);
  });

  it('keeps a VM synced across a reconfiguration, and takes its writer and agent flags from the new config', () => {
    const t = table([[0, vm('a', { continuousWriter: true, agentInstalled: false })]]);
    expect(t.flags[0]).toBe(FLAG_CONTINUOUS);
    t.flags[0] |= FLAG_SYNCED;
    t.configure(0, 1, vm('a', { name: 'renamed', continuousWriter: false, agentInstalled: true }));
    expect(t.flags[0]).toBe(FLAG_SYNCED | FLAG_AGENT);
    expect([t.names[0], t.group[0]]).toEqual(['renamed', 1]);
  });

  it('survives a JSON snapshot of more VMs than the default capacity', () => {
    const entries: [number, VmConfig][] = Array.from({ length: 130 }, (_, i) => [i % 3, vm(`v${i}`, { diskGb: i + 1 })]);
    const t = table(entries);
    t.release(7);
    t.release(3);
    const back = VmTable.restore(JSON.parse(JSON.stringify(t.snapshot())));
    expect(back.capacity).toBeGreaterThanOrEqual(130);
    expect(back.snapshot()).toEqual(t.snapshot());
    expect(back.alloc()).toBe(3);
    expect(back.alloc()).toBe(7);
    expect(back.alloc()).toBe(130);
    expect(back.group[131]).toBe(-1);
    const cfgA = tick(t, 1, 99);
    const cfgB = tick(back, 1, 99);
    expect(cfgB).toEqual(cfgA);
  });
});

describe('write loop', () => {
  it('a steady VM writes exactly its mean, summed per group, with one random draw per writing VM', () => {
    const t = table([[0, steady('a', 2)], [1, steady('b', 0.5)], [0, steady('c', 1)]]);
    const r = tick(t, 5, 1234);
    expect(r.writes).toEqual([15, 2.5, 0, 0]);
    expect([...t.rate.subarray(0, 3)]).toEqual([2, 0.5, 1]);
    expect([...t.written.subarray(0, 3)]).toEqual([10, 2.5, 5]);
    expect(r.rng).toBe(draws(1234, 3));
    tick(t, 5, r.rng);
    expect(t.written[0]).toBe(20);
  });

  it('a full table writes every VM and draws exactly once per VM', () => {
    const t = table([[0, steady('a', 2)], [1, steady('b', 1)]], 2);
    const r = tick(t, 1, 9);
    expect(r.writes).toEqual([2, 1, 0, 0]);
    expect(r.rng).toBe(draws(9, 2));
  });

  it('jitter comes from the high 16 bits of the VM’s draw: b/2 either side of the rate', () => {
    const t = table([[0, steady('j', 1, { burstiness: 0.5 })]]);
    const r = tick(t, 0.001, 12345);
    const u = (draws(12345, 1) >>> 16) / 65536;
    expect(t.rate[0]).toBeCloseTo(t.scale[0] * (1 + 0.5 * (u - 0.5)), 12);
    expect(r.rng).toBe(draws(12345, 1));
  });

  it('a group whose writes are refused (source down, failed over) writes nothing and draws nothing', () => {
    const t = table([[0, steady('a', 2)], [1, steady('b', 1)]]);
    t.rate[1] = 9;
    const r = tick(t, 1, 55, { refused: [1] });
    expect(r.writes).toEqual([2, 0, 0, 0]);
    expect(t.rate[1]).toBe(0);
    expect(t.written[1]).toBe(0);
    expect(r.rng).toBe(draws(55, 1));
  });

  it('skips free slots', () => {
    const t = table([[0, steady('a', 2)], [0, steady('b', 1)]]);
    t.release(0);
    const r = tick(t, 1, 55);
    expect(r.writes[0]).toBe(1);
    expect(r.rng).toBe(draws(55, 1));
  });

  it('follows the daily cycle: a VM peaking at 14:00 writes its peak factor times the mean then', () => {
    const t = table([[0, vm('a', { writeMeanMBps: 1, writePeakFactor: 3, writePeakHourUtc: 14, burstiness: 0 })]]);
    expect(tick(t, 1, 1, { at: Date.UTC(2026, 0, 5, 14) }).writes[0]).toBeCloseTo(3, 9);
    expect(tick(t, 1, 1, { at: Date.UTC(2026, 0, 5, 2) }).writes[0]).toBeCloseTo(0.2473, 3);
  });

  it('a running burst multiplies the writes until it has lasted its time', () => {
    const t = table([[0, steady('a', 1)]]);
    t.burstLeft[0] = 3;
    t.burstFactor[0] = 4;
    const rates = Array.from({ length: 5 }, () => tick(t, 1, 1).writes[0]);
    expect(rates).toEqual([4, 4, 4, 1, 1]);
  });

  it('jitter stays within ±b/2 of the rate and a burst only starts for a bursty VM', () => {
    const t = table([[0, steady('calm', 1)], [1, steady('jitter', 1, { burstiness: 0.5 })]]);
    // Long ticks make a burst start likely (dt/600 per unit of burstiness): a calm VM never bursts.
    let s = 3;
    let sawBurst = false;
    for (let i = 0; i < 200; i++) {
      const r = tick(t, 60, s);
      s = r.rng;
      expect(t.rate[0]).toBe(1);
      expect(t.burstLeft[0]).toBe(0);
      if (t.burstLeft[1] > 0 || t.rate[1] > 1.25 * t.scale[1]) sawBurst = true;
      else {
        expect(t.rate[1]).toBeGreaterThanOrEqual(0.75 * t.scale[1]);
        expect(t.rate[1]).toBeLessThan(1.25 * t.scale[1]);
      }
    }
    expect(sawBurst).toBe(true);
  });

  it('a burst starts with a second draw, lasts 10 to 60 s and multiplies by 3 to 7 at burstiness 1', () => {
    const t = table([[0, steady('b', 1, { burstiness: 1 })]]);
    // dt = 600 s makes the start certain for burstiness 1.
    const r = tick(t, 600, 77);
    expect(r.rng).toBe(draws(77, 2));
    expect(t.burstFactor[0]).toBeGreaterThanOrEqual(3);
    expect(t.burstFactor[0]).toBeLessThan(7);
    expect(t.burstLeft[0]).toBeGreaterThanOrEqual(10 - 600);
    expect(t.burstLeft[0]).toBeLessThan(60 - 600);
    const u = (draws(77, 2) >>> 16) / 65536;
    expect(t.burstFactor[0]).toBe(3 + 4 * u);
  });

  it('a bursty VM still writes its configured mean in the long run', () => {
    const t = table([[0, steady('b', 1, { burstiness: 1 })], [1, steady('h', 2, { burstiness: 0.5 })]]);
    const accept = new Uint8Array([1, 1]);
    const cycle = new Float64Array(CYCLE_TABLE_SIZE);
    fillCycleTable(cycle, 0);
    const writes = new Float64Array(2);
    let s = seedState(5);
    let bursting = 0;
    const ticks = 100_000;
    for (let i = 0; i < ticks; i++) {
      s = writeLoop(t, accept, cycle, writes, 1, s);
      if (t.burstLeft[0] > 0) bursting++;
    }
    expect(Math.abs(writes[0] / ticks - 1)).toBeLessThan(0.04);
    expect(Math.abs(writes[1] / ticks - 2)).toBeLessThan(0.08);
    // A burst of ~35 s every ~600 s of quiet: about 5.5% of the time.
    expect(bursting / ticks).toBeGreaterThan(0.04);
    expect(bursting / ticks).toBeLessThan(0.07);
  });
});
