import { describe, expect, it } from 'vitest';
import { downtimeAllowance, SLA_TABLE, SLA_TARGET } from './sla-table';

describe('the availability table of the service description', () => {
  it('allows 43.8 minutes a month at 99.9 % (730 h × 60 × 0.1 %)', () => {
    expect(SLA_TARGET).toEqual({ percent: 99.9, allowanceMinutes: 43.8 });
  });

  it('has the four bands with their downtime and credits, row by row', () => {
    expect(SLA_TABLE.map((b) => [b.fromPercent, b.belowPercent, b.maxDowntimeMinutes, b.creditPercent])).toEqual([
      [99.9, null, 43.8, 0],
      [99.5, 99.9, 219, 0], // 43,800 × 0.5 %
      [99.0, 99.5, 438, 10], // 43,800 × 1 %
      [null, 99.0, null, 25],
    ]);
  });

  it('counts down the allowance and never below zero', () => {
    expect(downtimeAllowance(0)).toEqual({ allowanceMinutes: 43.8, usedMinutes: 0, leftMinutes: 43.8, credit10AfterMinutes: 219, credit25AfterMinutes: 438 });
    expect(downtimeAllowance(12.5).leftMinutes).toBe(31.3);
    expect(downtimeAllowance(60).leftMinutes).toBe(0);
  });
});
