/**
 * Seeded randomness. xorshift32 is a handful of integer operations, so the hot VM loop can
 * inline it; its whole state is one uint32, which makes snapshots trivial and bit-exact.
 */

/** A non-zero uint32 state from any seed (splitmix-style scramble; xorshift must not start at 0). */
export function seedState(seed: number): number {
  let z = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return z === 0 ? 0x6d2b79f5 : z;
}

export function nextState(s: number): number {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return s >>> 0;
}

/** A float in [0, 1) from a state. */
export const toUnit = (s: number): number => s / 4294967296;

/** Object wrapper for the less hot paths. */
export class Prng {
  constructor(public state: number) {}
  next(): number {
    this.state = nextState(this.state);
    return toUnit(this.state);
  }
}
