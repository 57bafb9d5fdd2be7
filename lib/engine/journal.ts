/**
 * Journal volume over time: how many MB arrived at the target in each time bucket of the
 * history window. The journal keeps everything inside the window unless that exceeds the size
 * limit, in which case the oldest data goes first and the history actually covered is cut short
 * (`history-not-met`). Buckets are sized so a window is at most ~720 of them, whatever its length.
 */
const MAX_BUCKETS = 720;
const MIN_BUCKET_MS = 60_000;

/** `mb` is the ring's bytes in base64 (older snapshots hold a plain array, still read). */
export type JournalSnapshot = { windowMs: number; bucketMs: number; first: number; mb: string | number[]; totalMB: number };

/*
 * The server snapshots every group's ring (~720 doubles) every few seconds: as decimal JSON that
 * was 8 of the snapshot's 10 MB and most of its cost. Base64 of the bytes is exact, a third of the
 * size and cheap to produce (btoa/atob exist in Node and browsers alike).
 */
function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  // Stryker disable next-line EqualityOperator: a ring is at most ~722 doubles, far below one 0x8000 chunk.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function decodeFloat64(text: string): Float64Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  // Stryker disable next-line EqualityOperator: a write past a typed array's end is dropped.
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

export const bucketMsFor = (windowMs: number): number =>
  Math.max(MIN_BUCKET_MS, Math.ceil(windowMs / MAX_BUCKETS / MIN_BUCKET_MS) * MIN_BUCKET_MS);

export class JournalVolume {
  readonly bucketMs: number;
  /** Ring of per-bucket MB; `first` is the absolute index of the oldest bucket in the ring. */
  private mb: Float64Array;
  private first = 0;
  totalMB = 0;
  /** The newest bucket's time span and ring slot, so the per-tick add needs no division. */
  private newestStartMs = 0;
  private newestEndMs = 0;
  private newestSlot = 0;

  constructor(readonly windowMs: number, nowMs: number) {
    this.bucketMs = bucketMsFor(windowMs);
    this.mb = new Float64Array(Math.ceil(windowMs / this.bucketMs) + 1);
    this.first = Math.floor(nowMs / this.bucketMs) - this.mb.length + 1;
    this.noteNewest();
  }

  private noteNewest(): void {
    const newest = this.first + this.mb.length - 1;
    this.newestStartMs = newest * this.bucketMs;
    this.newestEndMs = this.newestStartMs + this.bucketMs;
    this.newestSlot = this.slot(newest);
  }

  private slot(index: number): number {
    return ((index % this.mb.length) + this.mb.length) % this.mb.length;
  }

  /** Moves the window so its newest bucket holds `nowMs`, dropping what fell out. */
  advance(nowMs: number): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut; within the newest bucket the general path below returns too.
    if (nowMs < this.newestEndMs && nowMs >= this.newestStartMs) return;
    const newest = Math.floor(nowMs / this.bucketMs);
    const newFirst = newest - this.mb.length + 1;
    if (newFirst <= this.first) return;
    const drop = Math.min(newFirst - this.first, this.mb.length);
    for (let k = 0; k < drop; k++) {
      const j = this.slot(this.first + k);
      this.totalMB -= this.mb[j];
      this.mb[j] = 0;
    }
    this.first = newFirst;
    // Dropping what was added can leave a floating-point remainder below zero.
    this.totalMB = Math.max(0, this.totalMB);
    this.noteNewest();
  }

  add(timeMs: number, mb: number): void {
    if (mb <= 0) return;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: a shortcut; the general path below files a write up to now in the same bucket.
    if (timeMs >= this.newestStartMs && timeMs < this.newestEndMs) {
      this.mb[this.newestSlot] += mb;
      this.totalMB += mb;
      return;
    }
    const index = Math.floor(timeMs / this.bucketMs);
    if (index < this.first) return;
    this.mb[this.slot(index)] += mb;
    this.totalMB += mb;
  }

  /**
   * Start of the history the size limit lets the journal keep, or null when everything in the
   * window fits. Walks from the oldest bucket, dropping until the rest fits.
   */
  limitCutMs(limitMB: number): number | null {
    if (this.totalMB <= limitMB) return null;
    let excess = this.totalMB - limitMB;
    for (let k = 0; k < this.mb.length; k++) {
      const index = this.first + k;
      const v = this.mb[this.slot(index)];
      if (v >= excess) {
        // Part of this bucket goes: assume its writes spread evenly across it. (excess stays
        // above zero through the walk, so v does too here.)
        return (index + excess / v) * this.bucketMs;
      }
      excess -= v;
    }
    return (this.first + this.mb.length) * this.bucketMs;
  }

  forEachBucket(fn: (startMs: number, mb: number) => void): void {
    for (let k = 0; k < this.mb.length; k++) {
      const v = this.mb[this.slot(this.first + k)];
      if (v > 0) fn((this.first + k) * this.bucketMs, v);
    }
  }

  snapshot(): JournalSnapshot {
    return { windowMs: this.windowMs, bucketMs: this.bucketMs, first: this.first, mb: encodeFloat64(this.mb), totalMB: this.totalMB };
  }

  static restore(s: JournalSnapshot): JournalVolume {
    const j = new JournalVolume(s.windowMs, 0);
    j.mb = typeof s.mb === 'string' ? decodeFloat64(s.mb) : Float64Array.from(s.mb);
    j.first = s.first;
    j.totalMB = s.totalMB;
    j.noteNewest();
    return j;
  }
}

/** The same volumes in a journal with another window (history setting changed). */
export function rebinJournal(old: JournalVolume, windowMs: number, nowMs: number): JournalVolume {
  const next = new JournalVolume(windowMs, nowMs);
  old.forEachBucket((startMs, mb) => next.add(startMs, mb));
  return next;
}
