import { describe, expect, it } from 'vitest';
import { dueGroups, runProgress, runStatus, tierStartTimes, type RunGroupProgress } from './run-schedule';

const T0 = Date.UTC(2030, 0, 1, 12);
const s = (seconds: number) => T0 + seconds * 1000;

const g = (groupId: string, tier: number, over: Partial<RunGroupProgress> = {}): RunGroupProgress => ({
  groupId, tier, state: 'waiting', opStatus: null, upAtMs: null, finishedAtMs: null, ...over,
});
const started = (groupId: string, tier: number, over: Partial<RunGroupProgress> = {}) => g(groupId, tier, { state: 'started', opStatus: 'running', ...over });

describe('tier scheduling', () => {
  it('starts tier 1 at once and tier 2 only when every VM of tier 1 is up, plus the delay', () => {
    const delays = [60, 0];
    const booting = [started('a', 0), started('b', 0, { upAtMs: s(100), opStatus: 'awaiting-commit' }), g('c', 1)];
    expect(tierStartTimes(T0, delays, booting)).toEqual([T0, null]);
    expect(dueGroups(T0, delays, booting, s(10_000))).toEqual([]);

    const up = [started('a', 0, { upAtMs: s(150), opStatus: 'awaiting-commit' }), booting[1], g('c', 1)];
    expect(tierStartTimes(T0, delays, up)).toEqual([T0, s(210)]);
    expect(dueGroups(T0, delays, up, s(209))).toEqual([]);
    expect(dueGroups(T0, delays, up, s(210))).toEqual([{ groupId: 'c', atMs: s(210) }]);
  });

  it('a failed group does not hold the next tier back: it counts as done when it failed', () => {
    const groups = [started('a', 0, { opStatus: 'failed', finishedAtMs: s(40) }), started('b', 0, { upAtMs: s(30), opStatus: 'testing' }), g('c', 1)];
    expect(dueGroups(T0, [5, 0], groups, s(45))).toEqual([{ groupId: 'c', atMs: s(45) }]);
  });

  it('a group of tier 1 that could not start does not hold tier 2 back either', () => {
    const groups = [g('a', 0, { state: 'not-started' }), g('c', 1)];
    expect(dueGroups(T0, [30, 0], groups, s(30))).toEqual([{ groupId: 'c', atMs: s(30) }]);
  });

  it('tier 3 waits for tier 2 which waits for tier 1; a restart long after gives the schedule\'s times, not now', () => {
    const groups = [started('a', 0, { upAtMs: s(100), opStatus: 'completed' }), g('b', 1), g('c', 2)];
    expect(dueGroups(T0, [20, 0, 0], groups, s(99_999))).toEqual([{ groupId: 'b', atMs: s(120) }]);
  });

  it('returns the waiting groups of the tier that came, in the run\'s order', () => {
    const groups = [g('late', 0), g('early', 0)];
    expect(dueGroups(T0, [0], groups, T0).map((d) => d.groupId)).toEqual(['late', 'early']);
  });

  it('a tier after one whose start is unknown has no start either, even if that one started nothing', () => {
    const groups = [started('a', 0), g('b', 1, { state: 'not-started' }), g('c', 2)];
    expect(tierStartTimes(T0, [0, 0, 0], groups)).toEqual([T0, null, null]);
    expect(dueGroups(T0, [0, 0, 0], groups, s(99_999))).toEqual([]);
  });

  it('a group whose tier is beyond the stored delays (a damaged run) never starts', () => {
    expect(dueGroups(T0, [0], [g('x', 3)], s(99_999))).toEqual([]);
  });
});

describe('runStatus', () => {
  const ended = (id: string, opStatus: RunGroupProgress['opStatus']) => started(id, 0, { opStatus });
  it('is in progress while a group waits or an operation is open', () => {
    expect(runStatus([ended('a', 'completed'), g('b', 1)])).toBe('in-progress');
    expect(runStatus([ended('a', 'completed'), ended('b', 'awaiting-commit')])).toBe('in-progress');
    expect(runStatus([ended('a', 'testing')])).toBe('in-progress');
    expect(runStatus([ended('a', 'pending')])).toBe('in-progress');
  });
  it('says which way it ended', () => {
    expect(runStatus([ended('a', 'completed'), ended('b', 'completed')])).toBe('completed');
    expect(runStatus([ended('a', 'completed'), ended('b', 'failed')])).toBe('partially-completed');
    expect(runStatus([ended('a', 'completed'), g('b', 1, { state: 'not-started' })])).toBe('partially-completed');
    expect(runStatus([ended('a', 'failed'), g('b', 1, { state: 'not-started' })])).toBe('failed');
    expect(runStatus([ended('a', 'rolled-back'), ended('b', 'rolled-back'), g('c', 1, { state: 'cancelled' })])).toBe('rolled-back');
    expect(runStatus([g('a', 0, { state: 'cancelled' })])).toBe('cancelled');
    expect(runStatus([ended('a', 'rolled-back'), ended('b', 'failed')])).toBe('failed');
    // Nothing started because nothing could (not because it was cancelled): failed.
    expect(runStatus([g('a', 0, { state: 'not-started' }), g('b', 1, { state: 'not-started' })])).toBe('failed');
    expect(runStatus([g('a', 0, { state: 'not-started' }), g('b', 1, { state: 'cancelled' })])).toBe('failed');
  });
});

describe('runProgress', () => {
  it('weighs each group the same', () => {
    expect(runProgress([{ state: 'started', opProgress: 0.5 }, { state: 'waiting', opProgress: null }])).toBe(0.25);
    expect(runProgress([{ state: 'not-started', opProgress: null }, { state: 'started', opProgress: 1 }, { state: 'cancelled', opProgress: null }])).toBe(1);
    expect(runProgress([])).toBe(1);
  });
});
