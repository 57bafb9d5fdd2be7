/**
 * RPO and traffic samples in resolution tiers (the same tiers as db/schema RPO_TIERS): worst
 * RPO and mean rates over each 5 s, 2.5 min, 15 min and 1 h interval, so a chart of any range reads a
 * bounded number of rows. A sample is emitted when its interval is over.
 */
export const SAMPLE_TIERS = [
  { tier: 0, stepMs: 5_000 },
  // 2.5 min: a day is 576 rows (a 24 h chart reads them as they are), and it nests in 5 s, 15 min and 1 h.
  { tier: 1, stepMs: 150_000 },
  { tier: 2, stepMs: 15 * 60_000 },
  { tier: 3, stepMs: 3600_000 },
] as const;

export type Sample = { tier: number; timeMs: number; rpoSeconds: number; throughputMBps: number; wanMBps: number; writeIops?: number; appliedIops?: number };
export type SampleSink = (tier: number, timeMs: number, rpoSeconds: number, throughputMBps: number, wanMBps: number, writeIops: number, appliedIops: number) => void;
// Per tier: interval start, interval end, worst RPO, MB written, MB over the WAN, seconds covered.
const FIELDS = 6;
// After all tiers' FIELDS, per tier: write I/Os at the source, I/Os applied at the target
// (appended so a snapshot from before IOPS restores with its tiers in place and no I/Os).
const IO_FIELDS = 2;
const IO_BASE = SAMPLE_TIERS.length * FIELDS;
const NO_RPO = -1;

export class SampleAggregator {
  state: Float64Array;

  constructor(nowMs: number, state?: number[]) {
    this.state = new Float64Array(IO_BASE + SAMPLE_TIERS.length * IO_FIELDS);
    if (state) this.state.set(state.slice(0, this.state.length));
    // Tiers a snapshot predates start empty at the current interval (never at time 0).
    const restoredTiers = state ? Math.floor(Math.min(state.length, IO_BASE) / FIELDS) : 0;
    for (let t = restoredTiers; t < SAMPLE_TIERS.length; t++) this.reset(t, state ? this.state[0] : nowMs);
  }

  private reset(t: number, timeMs: number): void {
    const o = t * FIELDS;
    const step = SAMPLE_TIERS[t].stepMs;
    const start = Math.floor(timeMs / step) * step;
    this.state[o] = start;
    this.state[o + 1] = start + step;
    this.state[o + 2] = NO_RPO;
    this.state[o + 3] = 0;
    this.state[o + 4] = 0;
    this.state[o + 5] = 0;
    this.state[IO_BASE + t * IO_FIELDS] = 0;
    this.state[IO_BASE + t * IO_FIELDS + 1] = 0;
  }

  /**
   * Adds one tick starting at `t0Ms`; calls `emit` for every interval that closed. Ticks
   * accumulate in the finest tier only; a closing interval folds into the next tier (worst of
   * worsts, sums of sums), so a tick costs one comparison whatever the number of tiers. Tier
   * boundaries nest (5 s in 2.5 min in 15 min), so a coarse interval never closes before a fine one.
   */
  add(t0Ms: number, dtS: number, rpoSeconds: number | null, writtenMB: number, wanMB: number, emit: SampleSink, writeIo = 0, appliedIo = 0): void {
    const s = this.state;
    if (t0Ms >= s[1] || t0Ms < s[0]) this.close(0, t0Ms, emit);
    if (rpoSeconds !== null && rpoSeconds > s[2]) s[2] = rpoSeconds;
    s[3] += writtenMB;
    s[4] += wanMB;
    s[5] += dtS;
    s[IO_BASE] += writeIo;
    s[IO_BASE + 1] += appliedIo;
  }

  private close(t: number, t0Ms: number, emit: SampleSink): void {
    const s = this.state;
    const o = t * FIELDS;
    if (t + 1 < SAMPLE_TIERS.length) {
      const n = o + FIELDS;
      if (s[o + 2] > s[n + 2]) s[n + 2] = s[o + 2];
      s[n + 3] += s[o + 3];
      s[n + 4] += s[o + 4];
      s[n + 5] += s[o + 5];
      s[IO_BASE + (t + 1) * IO_FIELDS] += s[IO_BASE + t * IO_FIELDS];
      s[IO_BASE + (t + 1) * IO_FIELDS + 1] += s[IO_BASE + t * IO_FIELDS + 1];
      if (t0Ms >= s[n + 1] || t0Ms < s[n]) this.close(t + 1, t0Ms, emit);
    }
    if (s[o + 2] >= 0 && s[o + 5] > 0) {
      const io = IO_BASE + t * IO_FIELDS;
      emit(t, s[o], s[o + 2], s[o + 3] / s[o + 5], s[o + 4] / s[o + 5], s[io] / s[o + 5], s[io + 1] / s[o + 5]);
    }
    this.reset(t, t0Ms);
  }

  snapshot(): number[] {
    return Array.from(this.state);
  }
}
