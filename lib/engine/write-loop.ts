/**
 * The hot loop: every VM's writes for one tick, summed per group. Kept as a plain function over
 * typed arrays (monomorphic, no allocation) because it runs VMs × ticks times. The xorshift PRNG
 * is inlined; one draw per VM per tick gives both the jitter (high 16 bits) and the burst test
 * (low 16 bits). Returns the PRNG state.
 */
import { BURST_MEAN_INTERVAL_S, burstDuration, burstFactor } from './write-profile';
import type { VmTable } from './vm-table';

export function writeLoop(vms: VmTable, accept: Uint8Array, cycleTable: Float64Array, groupWrites: Float64Array, dt: number, rngState: number): number {
  const { size, group, scale, base, amp, cycle, burstiness, burstLeft, burstFactor: factor, written, rate } = vms;
  // Bursts start with probability burstiness * dt / interval, tested against 16 random bits.
  const burstThreshold = (dt * 65536) / BURST_MEAN_INTERVAL_S;
  let s = rngState | 0;
  for (let i = 0; i < size; i++) {
    const g = group[i];
    if (g < 0 || accept[g] === 0) {
      rate[i] = 0;
      continue;
    }
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const b = burstiness[i];
    let mult = 1 + b * ((s >>> 16) / 65536 - 0.5);
    if (burstLeft[i] > 0) {
      mult *= factor[i];
      burstLeft[i] -= dt;
    } else if ((s & 0xffff) < b * burstThreshold) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      factor[i] = burstFactor(b, (s >>> 16) / 65536);
      burstLeft[i] = burstDuration((s & 0xffff) / 65536) - dt;
      mult *= factor[i];
    }
    const r = scale[i] * (base[i] + amp[i] * cycleTable[cycle[i]]) * mult;
    rate[i] = r;
    const w = r * dt;
    written[i] += w;
    groupWrites[g] += w;
  }
  return s >>> 0;
}
