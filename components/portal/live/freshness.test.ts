import { describe, expect, it } from 'vitest';
import { ageText, combinePolls, freshnessOf } from './freshness';

const POLL = 5_000;

describe('freshness of polled figures', () => {
  it('is live while polls arrive', () => {
    expect(freshnessOf({ ageMs: 3_000, failing: false, pollMs: POLL })).toEqual({ state: 'live', tone: 'success', label: 'Live', ageText: 'just now' });
    expect(freshnessOf({ ageMs: null, failing: false, pollMs: POLL }).ageText).toBeNull();
  });
  it('turns amber after about two missed polls, or at once when a poll fails', () => {
    expect(freshnessOf({ ageMs: 13_000, failing: false, pollMs: POLL })).toMatchObject({ state: 'delayed', tone: 'warning', label: 'Updates delayed', ageText: '13 s ago' });
    expect(freshnessOf({ ageMs: 1_000, failing: true, pollMs: POLL }).state).toBe('delayed');
  });
  it('turns red when nothing arrived for five polls: 25 s cut off from the server is not live', () => {
    expect(freshnessOf({ ageMs: 25_000, failing: true, pollMs: POLL })).toMatchObject({ state: 'stale', tone: 'danger', label: 'Not updating', ageText: '25 s ago' });
    // Slower views (a 30-day chart polled every 5 min) are judged against their own interval.
    expect(freshnessOf({ ageMs: 25_000, failing: false, pollMs: 300_000 }).state).toBe('live');
  });
  it('words ages compactly', () => {
    expect(ageText(130_000)).toBe('2 min ago');
    expect(ageText(3 * 3600_000)).toBe('3 h ago');
  });
});

describe('a view fed by several polls', () => {
  it('is as current as the least current of them', () => {
    expect(combinePolls({ dataUpdatedAt: 10, failureCount: 0, isError: false }, { dataUpdatedAt: 4, failureCount: 1, isError: true })).toEqual({ dataUpdatedAt: 4, failureCount: 1, isError: true });
  });
});
