/**
 * Which checkpoints a user can recover to: every one for the last hour, the first crash
 * checkpoint of each minute for the last day, of each quarter-hour beyond; app-consistent and
 * tagged ones always, until they leave the history window. Worked out checkpoint by checkpoint.
 */
import { describe, expect, it } from 'vitest';
import { checkpointId, CheckpointLog, DAY_MS, HOUR_MS, type StoredJournal } from './checkpoints';
import type { CheckpointKind } from './types';

const S = 1000;
const MIN = 60_000;

/** A log with a checkpoint at each [time, kind]. */
function logOf(entries: [number, CheckpointKind][]): CheckpointLog {
  const log = new CheckpointLog('g');
  for (const [t, kind] of entries) log.add(t, kind);
  return log;
}

const crashEvery = (stepMs: number, fromMs: number, toMs: number): [number, CheckpointKind][] => {
  const out: [number, CheckpointKind][] = [];
  for (let t = fromMs; t <= toMs; t += stepMs) out.push([t, 'crash']);
  return out;
};

const times = (log: CheckpointLog) => log.list().map((c) => c.timeMs);
const range = (fromMs: number, toMs: number, stepMs: number) => crashEvery(stepMs, fromMs, toMs).map(([t]) => t);

describe('checkpoint ids', () => {
  it('name the group and the time in base 36, with the kind for app and tagged ones', () => {
    expect(checkpointId('g', 1000, 'crash')).toBe('ckp_g_rs');
    expect(checkpointId('g', 1000, 'app')).toBe('ckp_g_rsa');
    expect(checkpointId('g', 1000, 'tagged')).toBe('ckp_g_rst');
  });

  it('are what the list gives', () => {
    const log = logOf([[1000, 'crash'], [2000, 'app']]);
    expect(log.list().map((c) => c.id)).toEqual(['ckp_g_rs', `ckp_g_${(2000).toString(36)}a`]);
  });
});

describe('adding checkpoints', () => {
  it('records who took a checkpoint even without a tag', () => {
    const log = new CheckpointLog('g');
    log.add(1000, 'app', null, 'usr_1');
    log.add(2000, 'tagged', 'before upgrade', null);
    log.add(3000, 'crash');
    expect(log.list().map((c) => [c.kind, c.tag, c.createdBy])).toEqual([['app', null, 'usr_1'], ['tagged', 'before upgrade', null], ['crash', null, null]]);
    expect(log.snapshot().meta).toEqual([[1000, { tag: null, createdBy: 'usr_1' }], [2000, { tag: 'before upgrade', createdBy: null }]]);
  });

  it('keeps every checkpoint in order through growth and pruning', () => {
    const log = logOf(crashEvery(S, S, 100 * S));
    expect(log.pruneBefore(41 * S)).toBe(40);
    for (let t = 101; t <= 300; t++) log.add(t * S, 'crash');
    expect(log.pruneBefore(251 * S)).toBe(210);
    for (let t = 301; t <= 400; t++) log.add(t * S, 'crash');
    expect(times(log)).toEqual(range(251 * S, 400 * S, S));
    expect(log.length).toBe(150);
    expect(log.oldestMs()).toBe(251 * S);
  });

  it('knows no oldest checkpoint when empty', () => {
    const log = logOf([[1000, 'crash']]);
    expect(log.oldestMs()).toBe(1000);
    log.pruneBefore(2000);
    expect(log.oldestMs()).toBeNull();
    expect(log.length).toBe(0);
  });
});

describe('pruning to the history window', () => {
  it('drops checkpoints of every kind older than the floor, keeping the one at the floor', () => {
    const log = new CheckpointLog('g');
    log.add(1000, 'tagged', 'x', 'usr_1');
    log.add(2000, 'app');
    log.add(3000, 'crash');
    log.add(4000, 'tagged', 'y', 'usr_1');
    expect(log.pruneBefore(3000)).toBe(2);
    expect(times(log)).toEqual([3000, 4000]);
    // The dropped tag is gone from what is saved too.
    expect(log.snapshot().meta).toEqual([[4000, { tag: 'y', createdBy: 'usr_1' }]]);
  });

  it('can empty the log, and the log fills again afterwards', () => {
    const log = logOf(crashEvery(S, S, 10 * S));
    expect(log.pruneBefore(20 * S)).toBe(10);
    log.add(21 * S, 'crash');
    expect(times(log)).toEqual([21 * S]);
  });
});

describe('thinning with age', () => {
  it('keeps everything younger than an hour', () => {
    const log = logOf(crashEvery(20 * S, 0, HOUR_MS));
    expect(log.thin(HOUR_MS)).toEqual([]);
    // At exactly an hour old a checkpoint is still kept.
    const edge = logOf([[0, 'crash'], [30 * S, 'crash']]);
    expect(edge.thin(30 * S + HOUR_MS)).toEqual([]);
    expect(edge.thin(30 * S + HOUR_MS + 1)).toEqual([30 * S]);
  });

  it('keeps the first crash checkpoint of each minute for the last day', () => {
    const log = logOf(crashEvery(20 * S, 0, 3 * HOUR_MS));
    const removed = log.thin(3 * HOUR_MS);
    // Older than an hour: [0, 2 h) keeps 0:00, 0:01, ... 1:59; the last hour keeps all.
    expect(times(log)).toEqual([...range(0, 2 * HOUR_MS - MIN, MIN), ...range(2 * HOUR_MS, 3 * HOUR_MS, 20 * S)]);
    expect(removed).toEqual(range(0, 2 * HOUR_MS - 1, 20 * S).filter((t) => t % MIN !== 0));
    expect(log.length).toBe(120 + 181);
  });

  it('keeps the first crash checkpoint of each quarter-hour beyond a day', () => {
    const log = logOf(crashEvery(20 * S, 0, 3 * HOUR_MS));
    log.thin(3 * HOUR_MS);
    const removed = log.thin(26 * HOUR_MS);
    // [0, 2 h) is over a day old: 0:00, 0:15, ... 1:45; [2 h, 3 h] is thinned to minutes.
    expect(times(log)).toEqual([...range(0, 2 * HOUR_MS - 1, 15 * MIN), ...range(2 * HOUR_MS, 3 * HOUR_MS, MIN)]);
    expect(removed).toHaveLength(120 - 8 + 181 - 61);
  });

  it('a checkpoint exactly a day old is still thinned by the minute only', () => {
    const log = logOf([[0, 'crash'], [MIN, 'crash'], [2 * MIN, 'crash']]);
    expect(log.thin(MIN + DAY_MS)).toEqual([]);
    expect(log.thin(MIN + DAY_MS + 1)).toEqual([MIN]);
    expect(times(log)).toEqual([0, 2 * MIN]);
  });

  it('gives the same result thinned every minute as thinned once', () => {
    const entries = crashEvery(30 * S, 0, 25.5 * HOUR_MS);
    const once = logOf(entries);
    const removedOnce = once.thin(25.5 * HOUR_MS);
    const often = new CheckpointLog('g');
    const removedOften: number[] = [];
    for (const [t, kind] of entries) {
      often.add(t, kind);
      if (t % MIN === 0) removedOften.push(...often.thin(t));
    }
    expect(times(often)).toEqual(times(once));
    expect(removedOften.sort((a, b) => a - b)).toEqual(removedOnce);
    // The 1.5 h over a day old by the quarter-hour, the next 23 h by the minute, the last hour
    // (both ends included) every 30 s.
    expect(once.length).toBe(6 + 23 * 60 + 121);
  });

  it('never thins app-consistent or tagged checkpoints, and they do not count as the first of a minute', () => {
    const log = new CheckpointLog('g');
    log.add(0, 'app');
    log.add(10 * S, 'crash');
    log.add(20 * S, 'tagged', 'x', null);
    log.add(30 * S, 'crash');
    log.add(40 * S, 'app');
    log.add(MIN, 'app');
    log.add(MIN + 10 * S, 'crash');
    expect(log.thin(2 * HOUR_MS)).toEqual([30 * S]);
    expect(log.list().map((c) => [c.timeMs, c.kind])).toEqual([[0, 'app'], [10 * S, 'crash'], [20 * S, 'tagged'], [40 * S, 'app'], [MIN, 'app'], [MIN + 10 * S, 'crash']]);
    expect(log.thin(30 * HOUR_MS)).toEqual([MIN + 10 * S]);
  });

  it('thins a minute that straddles two passes against the checkpoint kept by the first', () => {
    const log = logOf([[0, 'crash'], [20 * S, 'crash']]);
    expect(log.thin(HOUR_MS + 10 * S)).toEqual([]);
    log.add(HOUR_MS + 20 * S, 'crash');
    expect(log.thin(HOUR_MS + 30 * S)).toEqual([20 * S]);
    expect(times(log)).toEqual([0, HOUR_MS + 20 * S]);
  });
});

describe('clearing', () => {
  it('empties the log; times keep increasing after it', () => {
    const log = logOf(crashEvery(S, S, 5 * S));
    log.add(6 * S, 'tagged', 'x', 'usr_1');
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.snapshot().meta).toEqual([]);
    expect(() => log.add(6 * S, 'crash')).toThrow();
    log.add(7 * S, 'crash');
    expect(times(log)).toEqual([7 * S]);
  });
});

describe('saving and restoring', () => {
  it('a new log saves as "never" in JSON and restores to one that takes any checkpoint', () => {
    const snap = JSON.parse(JSON.stringify(new CheckpointLog('g').snapshot()));
    expect(snap).toEqual({ times: [], kinds: [], meta: [], thinnedMinuteTo: -1e300, thinnedQuarterTo: -1e300, lastMs: -1e300 });
    const log = CheckpointLog.restore('g', snap);
    log.add(-5, 'crash');
    expect(times(log)).toEqual([-5]);
  });

  it('a long log restores whole, and thins on from where it was', () => {
    const log = logOf(crashEvery(20 * S, 0, 2 * HOUR_MS));
    log.add(2 * HOUR_MS + S, 'tagged', 'x', 'usr_1');
    log.thin(2 * HOUR_MS);
    const copy = CheckpointLog.restore('g', JSON.parse(JSON.stringify(log.snapshot())));
    expect(copy.list()).toEqual(log.list());
    expect(copy.lastMs).toBe(2 * HOUR_MS + S);
    expect(() => copy.add(2 * HOUR_MS + S, 'crash')).toThrow();
    expect(copy.thin(2 * HOUR_MS + 5 * MIN)).toEqual(log.thin(2 * HOUR_MS + 5 * MIN));
    expect(copy.list()).toEqual(log.list());
  });
});

describe('rebuilding from the stored journal after a restart', () => {
  const NOW = 10 * HOUR_MS;

  function stored(entries: [number, number][], meta: StoredJournal['meta'] = new Map()): StoredJournal {
    return { times: Float64Array.from(entries.map((e) => e[0])), kinds: Uint8Array.from(entries.map((e) => e[1])), meta };
  }

  it('keeps the stored rows in order, the first of any duplicate time, and their tags', () => {
    const meta = new Map([[3000, { tag: 'x', createdBy: 'usr_1' }]]);
    const log = CheckpointLog.fromStored('g', stored([[1000, 0], [2000, 1], [2000, 0], [1500, 0], [3000, 2]], meta), NOW);
    expect(log.list().map((c) => [c.timeMs, c.kind, c.tag])).toEqual([[1000, 'crash', null], [2000, 'app', null], [3000, 'tagged', 'x']]);
    expect(log.lastMs).toBe(3000);
    expect(() => log.add(3000, 'crash')).toThrow();
  });

  it('holds well over the initial room', () => {
    const rows = range(0, 199 * S, S).map((t): [number, number] => [t, 0]);
    const log = CheckpointLog.fromStored('g', stored(rows), NOW);
    expect(times(log)).toEqual(range(0, 199 * S, S));
  });

  it('takes rows older than an hour as already thinned, and thins the rest as they age', () => {
    // A crash checkpoint every 20 s over the last two hours.
    const log = CheckpointLog.fromStored('g', stored(range(NOW - 2 * HOUR_MS, NOW, 20 * S).map((t) => [t, 0])), NOW);
    expect(log.thin(NOW)).toEqual([]);
    // Two minutes on, the two minutes that passed an hour old keep their first checkpoint.
    const h = NOW - HOUR_MS;
    expect(log.thin(NOW + 2 * MIN)).toEqual([h + 20 * S, h + 40 * S, h + MIN + 20 * S, h + MIN + 40 * S]);
  });

  it('takes rows older than a day as already thinned by the quarter-hour', () => {
    // Every minute from 26 h to 23 h ago: all had been thinned to minutes, and beyond a day to quarters.
    const log = CheckpointLog.fromStored('g', stored(range(NOW - 26 * HOUR_MS, NOW - 23 * HOUR_MS, MIN).map((t) => [t, 0])), NOW);
    expect(log.thin(NOW)).toEqual([]);
    expect(log.thin(NOW + 2 * MIN)).toEqual([NOW - DAY_MS + MIN]);
  });

  it('an empty stored journal takes any checkpoint', () => {
    const log = CheckpointLog.fromStored('g', stored([]), NOW);
    log.add(0, 'crash');
    expect(times(log)).toEqual([0]);
  });
});

describe('room for checkpoints', () => {
  it('reuses the room of pruned checkpoints without losing any', () => {
    // App-consistent every 7th second, so the kinds must move with the times.
    const kindAt = (t: number): CheckpointKind => (t % 7 === 0 ? 'app' : 'crash');
    const log = new CheckpointLog('g');
    for (let t = 1; t <= 64; t++) log.add(t * S, kindAt(t));
    expect(log.pruneBefore(41 * S)).toBe(40);
    for (let t = 65; t <= 80; t++) log.add(t * S, kindAt(t));
    expect(log.list().map((c) => [c.timeMs, c.kind])).toEqual(range(41 * S, 80 * S, S).map((t) => [t, kindAt(t / S)]));
  });

  it('says which checkpoint is out of order', () => {
    const log = logOf([[10, 'crash']]);
    expect(() => log.add(10, 'crash')).toThrow('checkpoint at 10 is not after 10');
  });
});

describe('thinning against earlier passes', () => {
  it('an app-consistent checkpoint in a minute does not make a later crash checkpoint there the second', () => {
    const log = logOf([[0, 'crash'], [70 * S, 'app'], [80 * S, 'crash']]);
    expect(log.thin(HOUR_MS + 75 * S)).toEqual([]);
    expect(log.thin(HOUR_MS + 90 * S)).toEqual([]);
    expect(times(log)).toEqual([0, 70 * S, 80 * S]);
  });
});
