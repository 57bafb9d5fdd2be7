import { describe, expect, it } from 'vitest';
import { durationTick, durationTicks } from './axis-ticks';

describe('duration axis', () => {
  it('picks round steps that reach past the maximum', () => {
    expect(durationTicks(330)).toEqual([0, 120, 240, 360]);
    expect(durationTicks(11)).toEqual([0, 5, 10, 15]);
    expect(durationTicks(4500)).toEqual([0, 1800, 3600, 5400]);
  });
  it('labels compactly without wrapping', () => {
    expect(durationTick(45)).toBe('45\u00a0s');
    expect(durationTick(300)).toBe('5\u00a0min');
    expect(durationTick(5400)).toBe('90\u00a0min');
    expect(durationTick(9000)).toBe('2.5\u00a0h');
  });
});
