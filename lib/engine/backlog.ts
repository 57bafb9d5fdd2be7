/**
 * The writes a group has made but not yet shipped, oldest first: chunks of [t0, t1] with MB
 * spread evenly across them. The front chunk's t0 is the time of the oldest unshipped write,
 * which is what the actual RPO measures. Bounded: when full, neighbouring chunks merge pairwise,
 * trading time resolution of a long backlog for constant memory.
 */
const MAX_CHUNKS = 1024;

export type BacklogSnapshot = { t0: number[]; t1: number[]; mb: number[] };

export class Backlog {
  private t0 = new Float64Array(8);
  private t1 = new Float64Array(8);
  private mb = new Float64Array(8);
  private head = 0;
  length = 0;
  /** Sum of MB held; kept alongside to stay O(1). */
  totalMB = 0;

  private at(i: number): number {
    return (this.head + i) % this.t0.length;
  }

  push(t0: number, t1: number, mb: number): void {
    if (mb <= 0) return;
    if (this.length === this.t0.length) {
      if (this.length >= MAX_CHUNKS) this.mergePairs();
      else this.resize(this.t0.length * 2);
    }
    const j = this.at(this.length);
    this.t0[j] = t0;
    this.t1[j] = t1;
    this.mb[j] = mb;
    this.length++;
    this.totalMB += mb;
  }

  /** Ships up to `mb` from the front; returns what was shipped. */
  ship(mb: number): number {
    let shipped = 0;
    while (this.length > 0 && shipped < mb) {
      const j = this.head;
      const room = mb - shipped;
      if (this.mb[j] <= room) {
        shipped += this.mb[j];
        this.head = (this.head + 1) % this.t0.length;
        this.length--;
      } else {
        // Partial: the oldest remaining byte moves forward in proportion.
        this.t0[j] += ((this.t1[j] - this.t0[j]) * room) / this.mb[j];
        this.mb[j] -= room;
        shipped += room;
      }
    }
    this.totalMB = this.length === 0 ? 0 : this.totalMB - shipped;
    return shipped;
  }

  /** Time of the oldest write not yet shipped, or null when empty. */
  oldestMs(): number | null {
    return this.length === 0 ? null : this.t0[this.head];
  }

  clear(): number {
    const dropped = this.totalMB;
    this.head = 0;
    this.length = 0;
    this.totalMB = 0;
    return dropped;
  }

  private resize(capacity: number): void {
    const t0 = new Float64Array(capacity);
    const t1 = new Float64Array(capacity);
    const mb = new Float64Array(capacity);
    for (let i = 0; i < this.length; i++) {
      const j = this.at(i);
      t0[i] = this.t0[j];
      t1[i] = this.t1[j];
      mb[i] = this.mb[j];
    }
    this.t0 = t0;
    this.t1 = t1;
    this.mb = mb;
    this.head = 0;
  }

  /** Only called when full, and capacities are powers of two: the length is even. */
  private mergePairs(): void {
    this.resize(this.t0.length);
    let w = 0;
    for (let r = 0; r < this.length; r += 2) {
      this.t0[w] = this.t0[r];
      this.t1[w] = this.t1[r + 1];
      this.mb[w] = this.mb[r] + this.mb[r + 1];
      w++;
    }
    this.length = w;
  }

  snapshot(): BacklogSnapshot {
    const s: BacklogSnapshot = { t0: [], t1: [], mb: [] };
    for (let i = 0; i < this.length; i++) {
      const j = this.at(i);
      s.t0.push(this.t0[j]);
      s.t1.push(this.t1[j]);
      s.mb.push(this.mb[j]);
    }
    return s;
  }

  static restore(s: BacklogSnapshot, totalMB: number): Backlog {
    const b = new Backlog();
    let capacity = 8;
    while (capacity < s.t0.length) capacity *= 2;
    b.resize(capacity);
    b.t0.set(s.t0);
    b.t1.set(s.t1);
    b.mb.set(s.mb);
    b.length = s.t0.length;
    b.totalMB = totalMB;
    return b;
  }
}
