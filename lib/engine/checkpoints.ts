/**
 * A group's journal checkpoints, oldest first, strictly increasing in time.
 *
 * Thinning: crash-consistent checkpoints every 5 s are too many to keep for days, so they are
 * thinned with age — all of them for the last hour, the first of each minute for the last day,
 * the first of each 15 minutes beyond. "First of the bucket" is stable as buckets grow (a
 * minute's first checkpoint is also first in its quarter-hour), so a checkpoint that survives
 * one stage is never needed back by a later one. App-consistent and tagged checkpoints are
 * never thinned; every kind leaves with the history window (`pruneBefore`).
 */
import type { CheckpointKind, CheckpointRecord } from './types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
const QUARTER_MS = 15 * MINUTE_MS;
/** Kinds by their numeric code (the stored journal packs the code next to the time). */
export const CHECKPOINT_KIND_CODES: readonly CheckpointKind[] = ['crash', 'app', 'tagged'];
const KINDS = CHECKPOINT_KIND_CODES;
const CRASH = 0;

export const checkpointId = (groupId: string, timeMs: number, kind: CheckpointKind): string =>
  `ckp_${groupId}_${timeMs.toString(36)}${kind === 'crash' ? '' : kind[0]}`;

/** A journal as stored: times ascending, kind codes, and the tags of tagged checkpoints by time. */
export type StoredJournal = { times: Float64Array; kinds: Uint8Array; meta: Map<number, { tag: string | null; createdBy: string | null }> };

export type CheckpointsSnapshot = { times: number[]; kinds: number[]; meta: [number, { tag: string | null; createdBy: string | null }][]; thinnedMinuteTo: number; thinnedQuarterTo: number; lastMs: number };

export class CheckpointLog {
  private times = new Float64Array(64);
  private kinds = new Uint8Array(64);
  private head = 0;
  length = 0;
  private meta = new Map<number, { tag: string | null; createdBy: string | null }>();
  /** Crash checkpoints older than these times have been thinned to minutes / quarter-hours. */
  private thinnedMinuteTo = -Infinity;
  private thinnedQuarterTo = -Infinity;
  /** Time of the newest checkpoint ever added (survives pruning, keeps times increasing). */
  lastMs = -Infinity;

  constructor(readonly groupId: string) {}

  add(timeMs: number, kind: CheckpointKind, tag: string | null = null, createdBy: string | null = null): void {
    if (!(timeMs > this.lastMs)) throw new Error(`checkpoint at ${timeMs} is not after ${this.lastMs}`);
    if (this.head + this.length === this.times.length) this.makeRoom();
    const j = this.head + this.length;
    this.times[j] = timeMs;
    this.kinds[j] = KINDS.indexOf(kind);
    this.length++;
    this.lastMs = timeMs;
    if (tag !== null || createdBy !== null) this.meta.set(timeMs, { tag, createdBy });
  }

  private makeRoom(): void {
    if (this.head > this.times.length / 2) {
      this.times.copyWithin(0, this.head, this.head + this.length);
      this.kinds.copyWithin(0, this.head, this.head + this.length);
    } else {
      const times = new Float64Array(this.times.length * 2);
      const kinds = new Uint8Array(this.times.length * 2);
      times.set(this.times.subarray(this.head, this.head + this.length));
      kinds.set(this.kinds.subarray(this.head, this.head + this.length));
      this.times = times;
      this.kinds = kinds;
    }
    this.head = 0;
  }

  oldestMs(): number | null {
    return this.length ? this.times[this.head] : null;
  }

  /** Drops every checkpoint older than `floorMs`; returns how many went. */
  pruneBefore(floorMs: number): number {
    let n = 0;
    while (this.length > 0 && this.times[this.head] < floorMs) {
      this.meta.delete(this.times[this.head]);
      this.head++;
      this.length--;
      n++;
    }
    if (this.length === 0) this.head = 0;
    return n;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
    this.meta.clear();
    this.thinnedMinuteTo = -Infinity;
    this.thinnedQuarterTo = -Infinity;
  }

  /** First index in [from, end) whose time is >= t (binary search). */
  private lowerBound(from: number, end: number, t: number): number {
    let lo = from;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lastCrashBefore(index: number): number {
    for (let k = index - 1; k >= this.head; k--) if (this.kinds[k] === CRASH) return this.times[k];
    return -Infinity;
  }

  /**
   * Applies the age-based thinning up to `nowMs`; returns the times of the crash checkpoints
   * removed (ids are derived from times, see checkpointId). Only checkpoints that crossed an age boundary since the last pass are decided on,
   * so a pass costs the new arrivals plus one shift of the younger tail.
   */
  thin(nowMs: number): number[] {
    const minuteCut = nowMs - HOUR_MS;
    const quarterCut = nowMs - DAY_MS;
    const end = this.head + this.length;
    const removed: number[] = [];
    let i = this.lowerBound(this.head, end, this.thinnedQuarterTo);
    let w = i;
    const decide = (bucketMs: number, cut: number) => {
      let lastCrash = this.lastCrashBefore(w);
      for (; i < end && this.times[i] < cut; i++) {
        const t = this.times[i];
        const kind = this.kinds[i];
        if (kind === CRASH) {
          if (Math.floor(t / bucketMs) === Math.floor(lastCrash / bucketMs)) {
            removed.push(t);
            continue;
          }
          lastCrash = t;
        }
        this.times[w] = t;
        this.kinds[w] = kind;
        w++;
      }
    };
    decide(QUARTER_MS, quarterCut);
    // Between the two stages everything is already minute-thinned: move it, do not decide.
    const skipEnd = Math.max(i, this.lowerBound(i, end, Math.max(this.thinnedMinuteTo, quarterCut)));
    if (w !== i) {
      this.times.copyWithin(w, i, skipEnd);
      this.kinds.copyWithin(w, i, skipEnd);
    }
    w += skipEnd - i;
    i = skipEnd;
    decide(MINUTE_MS, minuteCut);
    if (removed.length) {
      this.times.copyWithin(w, i, end);
      this.kinds.copyWithin(w, i, end);
      this.length -= removed.length;
    }
    this.thinnedMinuteTo = Math.max(this.thinnedMinuteTo, minuteCut);
    this.thinnedQuarterTo = Math.max(this.thinnedQuarterTo, quarterCut);
    return removed;
  }

  list(): CheckpointRecord[] {
    const out: CheckpointRecord[] = [];
    for (let i = this.head; i < this.head + this.length; i++) {
      const timeMs = this.times[i];
      const kind = KINDS[this.kinds[i]];
      const meta = this.meta.get(timeMs);
      out.push({ id: checkpointId(this.groupId, timeMs, kind), timeMs, kind, tag: meta?.tag ?? null, createdBy: meta?.createdBy ?? null });
    }
    return out;
  }

  snapshot(): CheckpointsSnapshot {
    return {
      times: Array.from(this.times.subarray(this.head, this.head + this.length)),
      kinds: Array.from(this.kinds.subarray(this.head, this.head + this.length)),
      meta: [...this.meta.entries()],
      thinnedMinuteTo: finiteOr(this.thinnedMinuteTo),
      thinnedQuarterTo: finiteOr(this.thinnedQuarterTo),
      lastMs: finiteOr(this.lastMs),
    };
  }

  static restore(groupId: string, s: CheckpointsSnapshot): CheckpointLog {
    const log = new CheckpointLog(groupId);
    let capacity = 64;
    while (capacity < s.times.length) capacity *= 2;
    log.times = new Float64Array(capacity);
    log.kinds = new Uint8Array(capacity);
    log.times.set(s.times);
    log.kinds.set(s.kinds);
    log.length = s.times.length;
    log.meta = new Map(s.meta);
    log.thinnedMinuteTo = infiniteOr(s.thinnedMinuteTo);
    log.thinnedQuarterTo = infiniteOr(s.thinnedQuarterTo);
    log.lastMs = infiniteOr(s.lastMs);
    return log;
  }

  /** Rebuilds from the stored journal (the database is the journal's truth after a restart). */
  static fromStored(groupId: string, stored: StoredJournal, nowMs: number): CheckpointLog {
    const log = new CheckpointLog(groupId);
    let capacity = 64;
    while (capacity < stored.times.length) capacity *= 2;
    log.times = new Float64Array(capacity);
    log.kinds = new Uint8Array(capacity);
    let n = 0;
    for (let i = 0; i < stored.times.length; i++) {
      const t = stored.times[i];
      // Strictly increasing, like add(): a duplicate time keeps its first row.
      if (n > 0 && t <= log.times[n - 1]) continue;
      log.times[n] = t;
      log.kinds[n] = stored.kinds[i];
      n++;
    }
    log.length = n;
    if (n) log.lastMs = log.times[n - 1];
    log.meta = stored.meta;
    // Stored rows were thinned as they aged; only what is younger than an hour is unthinned.
    log.thinnedMinuteTo = nowMs - HOUR_MS;
    log.thinnedQuarterTo = nowMs - DAY_MS;
    return log;
  }

}

// JSON has no Infinity: -1e300 stands for "never".
const NEVER = -1e300;
const finiteOr = (x: number) => (Number.isFinite(x) ? x : NEVER);
const infiniteOr = (x: number) => (x <= NEVER ? -Infinity : x);
