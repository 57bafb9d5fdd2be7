/**
 * A group that was replicating before the engine knew it starts with the history it would have
 * had: the journal holds what its members wrote, with checkpoints as sparse as thinning leaves them.
 */
import { describe, expect, it } from 'vitest';
import { group, T0, vm } from './fixtures';
import { GroupState } from './group';
import { prefillHistory } from './prefill';
import type { EngineEvent } from './types';

const MIN = 60_000;
const HOUR = 3_600_000;

/** Two VMs writing a flat 1 MB/s each; a 24 h journal (two-minute buckets), app checkpoints hourly. */
const FLAT = { writeMeanMBps: 1, writePeakFactor: 1 };
const members = [vm('a', FLAT), vm('b', FLAT)];

function prefill(sinceMs: number, fields: Partial<GroupState> = {}) {
  const g = Object.assign(new GroupState(0, group('g'), T0), fields);
  const events: EngineEvent[] = [];
  prefillHistory(g, members, sinceMs, T0, events);
  const buckets: [number, number][] = [];
  g.journal.forEachBucket((startMs, mb) => buckets.push([startMs, mb]));
  return { g, events, buckets, checkpoints: g.checkpoints.list().map((c) => [c.timeMs, c.kind]) };
}

const checkpointEvent = (timeMs: number, kind: 'crash' | 'app'): EngineEvent => ({ type: 'checkpoint', groupId: 'g', timeMs, kind, tag: null, createdBy: null });

describe('history assumed for a group that was already replicating', () => {
  it('fills the journal with what the members wrote since then', () => {
    const { g, buckets } = prefill(T0 - 2 * HOUR);
    // 2 MB/s for 120 s per bucket, 60 buckets.
    expect(buckets).toEqual(Array.from({ length: 60 }, (_, k) => [T0 - 2 * HOUR + k * 2 * MIN, 240]));
    expect(g.journal.totalMB).toBe(14_400);
    expect(g.historyFloorMs).toBe(T0 - 2 * HOUR);
    expect(g.consistentMs).toBe(T0);
  });

  it('has a crash-consistent checkpoint every quarter-hour', () => {
    const { events, checkpoints } = prefill(T0 - HOUR);
    const times = [T0 - 60 * MIN, T0 - 45 * MIN, T0 - 30 * MIN, T0 - 15 * MIN];
    expect(checkpoints).toEqual(times.map((t) => [t, 'crash']));
    expect(events).toEqual(times.map((t) => checkpointEvent(t, 'crash')));
  });

  it('has app-consistent checkpoints on their schedule when every member has the agent', () => {
    const { events, checkpoints } = prefill(T0 - 2 * HOUR, { allAgents: true });
    expect(checkpoints).toEqual([
      [T0 - 120 * MIN, 'app'], [T0 - 105 * MIN, 'crash'], [T0 - 90 * MIN, 'crash'], [T0 - 75 * MIN, 'crash'],
      [T0 - 60 * MIN, 'app'], [T0 - 45 * MIN, 'crash'], [T0 - 30 * MIN, 'crash'], [T0 - 15 * MIN, 'crash'],
    ]);
    expect(events[0]).toEqual(checkpointEvent(T0 - 2 * HOUR, 'app'));
  });

  it('interleaves app-consistent checkpoints that fall between the quarter-hours, in time order', () => {
    const { checkpoints } = prefill(T0 - HOUR, { allAgents: true, appEveryMs: 10 * MIN });
    expect(checkpoints).toEqual([
      [T0 - 60 * MIN, 'app'], [T0 - 50 * MIN, 'app'], [T0 - 45 * MIN, 'crash'], [T0 - 40 * MIN, 'app'],
      [T0 - 30 * MIN, 'app'], [T0 - 20 * MIN, 'app'], [T0 - 15 * MIN, 'crash'], [T0 - 10 * MIN, 'app'],
    ]);
  });

  it('has no app-consistent checkpoints without the agent everywhere, or with them switched off', () => {
    expect(prefill(T0 - HOUR, { allAgents: false }).checkpoints.every(([, kind]) => kind === 'crash')).toBe(true);
    expect(prefill(T0 - HOUR, { allAgents: true, appEveryMs: 0 }).checkpoints.every(([, kind]) => kind === 'crash')).toBe(true);
  });

  it('reaches back at most the history window', () => {
    const { g, checkpoints } = prefill(T0 - 48 * HOUR);
    expect(g.historyFloorMs).toBe(T0 - 24 * HOUR);
    // A day at 2 MB/s.
    expect(g.journal.totalMB).toBe(172_800);
    expect(checkpoints).toHaveLength(96);
    expect(checkpoints[0]).toEqual([T0 - 24 * HOUR, 'crash']);
  });

  it('starts mid-bucket and at the next quarter-hour when the time is not round', () => {
    const { g, buckets, checkpoints } = prefill(T0 - HOUR - 30_000);
    // 30 s at 2 MB/s in the bucket holding the start, then 30 full buckets.
    expect(buckets[0]).toEqual([T0 - HOUR - 2 * MIN, 60]);
    expect(buckets[1]).toEqual([T0 - HOUR, 240]);
    expect(buckets).toHaveLength(31);
    expect(g.journal.totalMB).toBe(7260);
    expect(checkpoints[0]).toEqual([T0 - HOUR, 'crash']);
    expect(checkpoints).toHaveLength(4);
  });

  it('assumes nothing when the history would start now or later', () => {
    for (const since of [T0, T0 + HOUR]) {
      const { g, events, buckets } = prefill(since);
      expect(buckets).toEqual([]);
      expect(events).toEqual([]);
      expect(g.historyFloorMs).toBeNull();
      expect(g.consistentMs).toBeNull();
    }
  });

  it('adds no checkpoint at or before one the group already has', () => {
    const g = new GroupState(0, group('g'), T0);
    g.checkpoints.add(T0 - 30 * MIN, 'tagged', 'before-upgrade', 'usr_1');
    const events: EngineEvent[] = [];
    prefillHistory(g, members, T0 - HOUR, T0, events);
    expect(g.checkpoints.list().map((c) => [c.timeMs, c.kind])).toEqual([[T0 - 30 * MIN, 'tagged'], [T0 - 15 * MIN, 'crash']]);
    expect(events).toEqual([checkpointEvent(T0 - 15 * MIN, 'crash')]);
  });
});

describe('assumed history of a daily write cycle', () => {
  // One VM averaging 1 MB/s, three times that at its 14:00 UTC peak; a day back from T0 (12:00 UTC).
  const cyclic = [vm('a', { writeMeanMBps: 1, writePeakFactor: 3, writePeakHourUtc: 14 })];

  function dayOf(members: typeof cyclic) {
    const g = new GroupState(0, group('g'), T0);
    prefillHistory(g, members, T0 - 24 * HOUR, T0, []);
    const buckets: [number, number][] = [];
    g.journal.forEachBucket((startMs, mb) => buckets.push([startMs, mb]));
    return { g, buckets };
  }

  it('averages the configured rate over the day', () => {
    expect(dayOf(cyclic).g.journal.totalMB / 86_400).toBeCloseTo(1, 2);
  });

  it('writes most at the peak hour: about three times the mean', () => {
    const { buckets } = dayOf(cyclic);
    const [peakMs, peakMB] = buckets.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(Math.abs(peakMs - (T0 - 22 * HOUR))).toBeLessThanOrEqual(30 * MIN);
    expect(peakMB / 120).toBeCloseTo(3, 1);
  });

  it('adds up the members', () => {
    const two = dayOf([...cyclic, vm('b', { writeMeanMBps: 2, writePeakFactor: 1 })]);
    expect(two.g.journal.totalMB).toBeCloseTo(dayOf(cyclic).g.journal.totalMB + 2 * 86_400, 6);
  });
});
