import { describe, expect, it } from 'vitest';
import { MAX_CATCH_UP_MS, planCatchUp, planTick } from './catch-up';

const HOUR = 3_600_000;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('catch-up plan', () => {
  it('covers a day in 5 s steps (the finest sample tier)', () => {
    const p = planCatchUp(0, 24 * HOUR);
    expect(p.skipToMs).toBeNull();
    expect(sum(p.steps)).toBe(24 * HOUR);
    expect(new Set(p.steps)).toEqual(new Set([5_000]));
  });

  it('uses 60 s steps before the last day and lands exactly on the target', () => {
    const p = planCatchUp(0, 3 * 24 * HOUR + 1234);
    expect(sum(p.steps)).toBe(3 * 24 * HOUR + 1234);
    expect(p.steps.filter((s) => s === 60_000).length).toBeGreaterThan(2_800);
    expect(p.steps.length).toBeLessThan(2 * 1440 + 17_281 + 2);
  });

  it('is bounded: a server off for months simulates 30 days at most', () => {
    const p = planCatchUp(0, 90 * 24 * HOUR);
    expect(p.skipToMs).toBe(90 * 24 * HOUR - MAX_CATCH_UP_MS);
    expect(sum(p.steps)).toBe(MAX_CATCH_UP_MS);
  });

  it('plans nothing for no time', () => {
    expect(planCatchUp(10, 10).steps).toEqual([]);
  });
});

describe('tick plan', () => {
  it('one step at real time, bounded steps when the clock runs fast', () => {
    expect(planTick(1000)).toEqual([1000]);
    expect(planTick(0)).toEqual([]);
    const fast = planTick(3_600_000);
    expect(sum(fast)).toBe(3_600_000);
    expect(Math.max(...fast)).toBeLessThanOrEqual(60_000);
    expect(fast.length).toBeLessThanOrEqual(500);
  });
});
