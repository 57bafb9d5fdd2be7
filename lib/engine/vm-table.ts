/**
 * Per-VM hot state as a struct of typed arrays: the tick loop walks them linearly, so 50,000
 * VMs cost a few cache-friendly passes instead of 50,000 object visits. Slots are reused through
 * a free list; `group[i] < 0` marks a free slot.
 */
import { burstCompensatedScale, cycleShape, cycleSlot } from './write-profile';
import type { VmConfig } from './types';

const FLOAT_FIELDS = ['scale', 'base', 'amp', 'burstiness', 'burstLeft', 'burstFactor', 'written', 'syncLeft', 'syncTotal', 'diskMB', 'rate'] as const;
const INT_FIELDS = ['group', 'cycle', 'flags'] as const;
type FloatField = (typeof FLOAT_FIELDS)[number];
type IntField = (typeof INT_FIELDS)[number];

export const FLAG_CONTINUOUS = 1;
export const FLAG_AGENT = 2;
/** Initial sync completed at least once (a delta sync does not clear it). */
export const FLAG_SYNCED = 4;

export type VmTableSnapshot = { size: number; free: number[]; ids: (string | null)[]; names: (string | null)[]; floats: Record<string, number[]>; ints: Record<string, number[]> };

export class VmTable {
  size = 0;
  capacity: number;
  free: number[] = [];
  ids: (string | null)[] = [];
  names: (string | null)[] = [];
  // Write model: rate = scale * (base + amp * cycle[cycle]) * jitter * burst.
  scale!: Float64Array;
  base!: Float64Array;
  amp!: Float64Array;
  burstiness!: Float64Array;
  burstLeft!: Float64Array;
  burstFactor!: Float64Array;
  /** MB written since the VM joined (delta writes only). */
  written!: Float64Array;
  /** MB of initial or delta sync still to ship, and the size of that sync. */
  syncLeft!: Float64Array;
  syncTotal!: Float64Array;
  diskMB!: Float64Array;
  /** Write rate of the last tick (MB/s). */
  rate!: Float64Array;
  group!: Int32Array;
  cycle!: Int32Array;
  flags!: Int32Array;

  constructor(capacity = 64) {
    this.capacity = capacity;
    for (const f of FLOAT_FIELDS) this[f] = new Float64Array(capacity);
    for (const f of INT_FIELDS) this[f] = new Int32Array(capacity).fill(f === 'group' ? -1 : 0);
  }

  private grow(): void {
    const next = this.capacity * 2;
    for (const f of FLOAT_FIELDS) {
      const a = new Float64Array(next);
      a.set(this[f]);
      this[f] = a;
    }
    for (const f of INT_FIELDS) {
      const a = new Int32Array(next).fill(f === 'group' ? -1 : 0);
      a.set(this[f]);
      this[f] = a;
    }
    this.capacity = next;
  }

  /** Takes a slot (lowest freed first, so slot order only depends on the sequence of calls). */
  alloc(): number {
    if (this.free.length) return this.free.pop()!;
    if (this.size === this.capacity) this.grow();
    return this.size++;
  }

  release(i: number): void {
    for (const f of FLOAT_FIELDS) this[f][i] = 0;
    this.cycle[i] = 0;
    this.flags[i] = 0;
    this.group[i] = -1;
    this.ids[i] = null;
    this.names[i] = null;
    this.free.push(i);
    this.free.sort((a, b) => b - a);
  }

  /** Write profile and flags from configuration; replication state is left alone. */
  configure(i: number, groupSlot: number, vm: VmConfig): void {
    const shape = cycleShape(vm.writePeakFactor);
    this.ids[i] = vm.id;
    this.names[i] = vm.name;
    this.group[i] = groupSlot;
    this.scale[i] = burstCompensatedScale(Math.max(0, vm.writeMeanMBps), clamp01(vm.burstiness));
    this.base[i] = shape.base;
    this.amp[i] = shape.amp;
    this.cycle[i] = cycleSlot(vm.writePeakHourUtc, shape.shapeIndex);
    this.burstiness[i] = clamp01(vm.burstiness);
    this.diskMB[i] = Math.max(0, vm.diskGb) * 1024;
    const synced = this.flags[i] & FLAG_SYNCED;
    this.flags[i] = synced | (vm.continuousWriter ? FLAG_CONTINUOUS : 0) | (vm.agentInstalled ? FLAG_AGENT : 0);
  }

  snapshot(): VmTableSnapshot {
    const floats: Record<string, number[]> = {};
    const ints: Record<string, number[]> = {};
    for (const f of FLOAT_FIELDS) floats[f] = Array.from(this[f].subarray(0, this.size));
    for (const f of INT_FIELDS) ints[f] = Array.from(this[f].subarray(0, this.size));
    return { size: this.size, free: [...this.free], ids: this.ids.slice(0, this.size), names: this.names.slice(0, this.size), floats, ints };
  }

  static restore(s: VmTableSnapshot): VmTable {
    let capacity = 64;
    while (capacity < s.size) capacity *= 2;
    const t = new VmTable(capacity);
    t.size = s.size;
    t.free = [...s.free];
    t.ids = [...s.ids];
    t.names = [...s.names];
    for (const f of FLOAT_FIELDS) t[f as FloatField].set(s.floats[f]);
    for (const f of INT_FIELDS) t[f as IntField].set(s.ints[f]);
    return t;
  }
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
