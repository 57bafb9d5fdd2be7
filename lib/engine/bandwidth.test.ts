/**
 * How a tenant's inter-site bandwidth is shared among its groups (weighted water-filling:
 * high 4, medium 2, low 1), worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { shareBandwidth } from './bandwidth';

function share(capacity: number, demands: number[], weights: number[]): number[] {
  const out = new Float64Array(demands.length);
  shareBandwidth(capacity, demands, weights, out);
  return [...out];
}

describe('bandwidth sharing', () => {
  it('gives every group its demand when the total exactly fits', () => {
    expect(share(60, [10, 20, 30], [4, 2, 1])).toEqual([10, 20, 30]);
  });

  it('gives nothing to a group that asks for nothing, or less than nothing', () => {
    expect(share(100, [0, -5, 30], [4, 2, 1])).toEqual([0, 0, 30]);
    expect(share(10, [0, -5, 30], [4, 2, 1])).toEqual([0, 0, 10]);
    // A negative demand frees no capacity for the others: 30 does not fit in 27.
    expect(share(27, [-5, 30], [4, 1])).toEqual([0, 27]);
  });

  it('splits by weight between groups that all want more than their share', () => {
    expect(share(70, [1000, 1000, 1000], [4, 2, 1])).toEqual([40, 20, 10]);
  });

  it("shares a quiet group's unused part among the others, by weight", () => {
    // High wants 10 of its 40: the 60 left go 2:1 to medium and low; low then only wants 15,
    // so medium takes the remaining 45.
    expect(share(70, [10, 1000, 15], [4, 2, 1])).toEqual([10, 45, 15]);
  });

  it('gives a group exactly its share when it asks for exactly that', () => {
    expect(share(70, [40, 1000, 1000], [4, 2, 1])).toEqual([40, 20, 10]);
  });

  it('gives nothing when there is no capacity', () => {
    expect(share(0, [10, 20], [4, 1])).toEqual([0, 0]);
  });

  it('shares among the first n groups only, leaving the rest of the output alone', () => {
    const out = [7, 7, -1];
    shareBandwidth(30, [100, 100, 100], [2, 1, 4], out, 2);
    expect(out).toEqual([20, 10, -1]);
    shareBandwidth(35, [5, 100, 100], [2, 1, 4], out, 2);
    expect(out).toEqual([5, 30, -1]);
    shareBandwidth(0, [100, 100, 100], [2, 1, 4], out, 2);
    expect(out).toEqual([0, 0, -1]);
  });
});
