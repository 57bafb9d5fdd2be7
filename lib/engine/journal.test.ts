/**
 * The journal's volume over its history window: what the portal shows as the journal size
 * (`journalUsedGb`), where the size limit cuts the history, and what happens to both when a
 * group's history setting changes.
 */
import { describe, expect, it } from 'vitest';
import { engine, group, T0, vm } from './fixtures';
import { bucketMsFor, JournalVolume, rebinJournal } from './journal';

const MIN = 60_000;
const HOUR = 3_600_000;

/** Every bucket holding data, oldest first, as [start, MB]. */
function buckets(j: JournalVolume): [number, number][] {
  const out: [number, number][] = [];
  j.forEachBucket((startMs, mb) => out.push([startMs, mb]));
  return out;
}

/** A one-hour journal at T0 (one-minute buckets) with 60 MB written at T0−30 min and 40 MB at T0−10 min. */
function hourJournal(): JournalVolume {
  const j = new JournalVolume(HOUR, T0);
  j.add(T0 - 30 * MIN, 60);
  j.add(T0 - 10 * MIN, 40);
  return j;
}

describe('journal buckets', () => {
  it('are a minute long for short windows and grow so a window has at most ~720', () => {
    expect(bucketMsFor(HOUR)).toBe(MIN);
    expect(bucketMsFor(1000)).toBe(MIN);
    expect(bucketMsFor(24 * HOUR)).toBe(2 * MIN);
    expect(bucketMsFor(30 * HOUR)).toBe(3 * MIN);
    expect(bucketMsFor(7 * 24 * HOUR)).toBe(14 * MIN);
  });

  it('list only the minutes that saw writes, oldest first, at their start time', () => {
    const j = new JournalVolume(HOUR, T0);
    j.add(T0 - 10 * MIN + 59_999, 40);
    j.add(T0 - 30 * MIN + 1, 60);
    j.add(T0 - 30 * MIN + 30_000, 5);
    expect(buckets(j)).toEqual([[T0 - 30 * MIN, 65], [T0 - 10 * MIN, 40]]);
    expect(j.totalMB).toBe(105);
  });

  it('add up writes made within the current minute', () => {
    const j = new JournalVolume(HOUR, T0 + 10_000);
    j.add(T0, 1);
    j.add(T0 + 59_999, 2);
    expect(buckets(j)).toEqual([[T0, 3]]);
    expect(j.totalMB).toBe(3);
  });

  it('ignore nothing written and negative amounts', () => {
    const j = hourJournal();
    j.add(T0, 0);
    j.add(T0, -5);
    j.add(T0 - 30 * MIN, -5);
    expect(j.totalMB).toBe(100);
    expect(buckets(j)).toEqual([[T0 - 30 * MIN, 60], [T0 - 10 * MIN, 40]]);
  });

  it('hold the whole window and nothing older', () => {
    const j = new JournalVolume(HOUR, T0);
    j.add(T0 - HOUR, 5);
    j.add(T0 - HOUR - 1, 7);
    expect(buckets(j)).toEqual([[T0 - HOUR, 5]]);
    expect(j.totalMB).toBe(5);
  });
});

describe('journal window moving on', () => {
  it('keeps a minute until the window has moved a full hour past it', () => {
    const j = hourJournal();
    j.advance(T0 + 30 * MIN);
    expect(j.totalMB).toBe(100);
    j.advance(T0 + 30 * MIN + MIN - 1);
    expect(j.totalMB).toBe(100);
    j.advance(T0 + 31 * MIN);
    expect(j.totalMB).toBe(40);
    expect(buckets(j)).toEqual([[T0 - 10 * MIN, 40]]);
  });

  it('drops everything after a gap longer than the window, and collects again', () => {
    const j = hourJournal();
    j.advance(T0 + 5 * HOUR);
    expect(j.totalMB).toBe(0);
    expect(buckets(j)).toEqual([]);
    j.add(T0 + 5 * HOUR, 8);
    j.add(T0 + 5 * HOUR - 20 * MIN, 2);
    expect(buckets(j)).toEqual([[T0 + 5 * HOUR - 20 * MIN, 2], [T0 + 5 * HOUR, 8]]);
  });

  it('writes after a move land in the new current minute', () => {
    const j = hourJournal();
    j.advance(T0 + 2 * MIN + 5_000);
    j.add(T0 + 2 * MIN + 6_000, 3);
    j.add(T0 + 2 * MIN + 59_000, 4);
    expect(buckets(j)).toEqual([[T0 - 30 * MIN, 60], [T0 - 10 * MIN, 40], [T0 + 2 * MIN, 7]]);
  });

  it('does not move back when time does', () => {
    const j = hourJournal();
    j.advance(T0 - 2 * HOUR);
    expect(j.totalMB).toBe(100);
    expect(buckets(j)).toEqual([[T0 - 30 * MIN, 60], [T0 - 10 * MIN, 40]]);
  });

  it('never reports a negative size once emptied (floating-point remainders)', () => {
    // 0.7 + 0.1 − 0.7 − 0.1 is −2.8e−17 in doubles.
    const j = new JournalVolume(HOUR, T0);
    j.add(T0 - 30 * MIN, 0.7);
    j.add(T0 - 10 * MIN, 0.1);
    j.advance(T0 + 2 * HOUR);
    expect(j.totalMB).toBe(0);
  });
});

describe('journal size limit', () => {
  it('does not cut while everything fits, including exactly', () => {
    expect(hourJournal().limitCutMs(1000)).toBeNull();
    expect(hourJournal().limitCutMs(100)).toBeNull();
  });

  it('cuts into the oldest minute, assuming its writes spread evenly', () => {
    // 30 of the oldest minute's 60 MB must go: the history starts half way into it.
    expect(hourJournal().limitCutMs(70)).toBe(T0 - 30 * MIN + 30_000);
  });

  it('drops whole minutes and then part of the next', () => {
    // 70 MB must go: all 60 of the oldest minute and a quarter of the 40 of the next.
    expect(hourJournal().limitCutMs(30)).toBe(T0 - 10 * MIN + 15_000);
  });

  it('starts the history right after a minute it had to drop entirely', () => {
    // Exactly the oldest minute's 60 MB must go: everything since its end fits.
    expect(hourJournal().limitCutMs(40)).toBe(T0 - 29 * MIN);
  });

  it('keeps nothing under a zero limit, even when its running total drifted above its buckets', () => {
    const j = hourJournal();
    j.add(T0 - HOUR, 1);
    const drifted = JournalVolume.restore({ ...j.snapshot(), totalMB: 101.5 });
    expect(drifted.limitCutMs(0)).toBe(T0 + MIN);
  });
});

describe('journal snapshot', () => {
  it('resumes collecting in the current minute after a restore', () => {
    const back = JournalVolume.restore(JSON.parse(JSON.stringify(hourJournal().snapshot())));
    back.add(T0 + 1_000, 5);
    back.advance(T0 + 31 * MIN);
    expect(buckets(back)).toEqual([[T0 - 10 * MIN, 40], [T0, 5]]);
    expect(back.totalMB).toBe(45);
  });
});

describe('changing the history window', () => {
  /** A day's journal at T0 (two-minute buckets) with 100 MB at the top of each of the last 24 hours. */
  function dayJournal(): JournalVolume {
    const j = new JournalVolume(24 * HOUR, T0);
    for (let h = 0; h < 24; h++) j.add(T0 - h * HOUR, 100);
    return j;
  }

  it('a shorter window keeps only the newest history', () => {
    // 12 h back from T0 reaches T0−12 h: the hours T0−12 h .. T0 remain.
    const j = rebinJournal(dayJournal(), 12 * HOUR, T0);
    expect(j.windowMs).toBe(12 * HOUR);
    expect(j.bucketMs).toBe(MIN);
    expect(j.totalMB).toBe(1300);
    expect(buckets(j)).toEqual(Array.from({ length: 13 }, (_, k) => [T0 - (12 - k) * HOUR, 100]));
  });

  it('a longer window keeps all of it', () => {
    const j = rebinJournal(dayJournal(), 48 * HOUR, T0);
    expect(j.bucketMs).toBe(4 * MIN);
    expect(j.totalMB).toBe(2400);
    expect(buckets(j)).toEqual(Array.from({ length: 24 }, (_, k) => [T0 - (23 - k) * HOUR, 100]));
  });

  it('merges minutes that share a coarser bucket', () => {
    const j = new JournalVolume(HOUR, T0);
    j.add(T0 - 30 * MIN, 6);
    j.add(T0 - 29 * MIN, 4);
    expect(buckets(rebinJournal(j, 24 * HOUR, T0))).toEqual([[T0 - 30 * MIN, 10]]);
  });

  it('the portal shows the journal size of the new window', () => {
    // Two VMs writing a flat 1 MB/s each, replicating for two days before the engine started.
    const flat = { writeMeanMBps: 1, writePeakFactor: 1 };
    const cfg = group('g', { journalHistoryHours: 24, members: [vm('a', flat), vm('b', flat)] });
    const e = engine();
    e.upsertGroup(cfg, { assumeHistorySinceMs: T0 - 48 * HOUR });
    // A day at 2 MB/s: 172,800 MB.
    expect(e.view('g').journalUsedGb).toBe(168.75);
    e.upsertGroup({ ...cfg, journalHistoryHours: 2 });
    // Two hours at 2 MB/s: 14,400 MB.
    const v = e.view('g');
    expect(v.journalUsedGb).toBe(14.0625);
    expect(v.historyCoveredSeconds).toBe(7200);
  });
});
