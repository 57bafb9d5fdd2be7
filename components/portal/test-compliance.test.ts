import { describe, expect, it } from 'vitest';
import { rpoHealth } from './rpo-health';
import { testCompliance } from './test-compliance';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('testCompliance', () => {
  const passed = (d: number | null) => ({ lastTestedAt: d === null ? null : daysAgo(d), lastTestResult: d === null ? null : ('passed' as const), lastTestEndedAt: d === null ? null : daysAgo(d) });

  it('calls a group that was never tested a finding', () => {
    expect(testCompliance(passed(null), NOW)).toMatchObject({ state: 'never', tone: 'danger', ageDays: null, overdue: true });
  });
  it('is red beyond twelve months since the last passed test, amber in the last month before, green otherwise', () => {
    expect(testCompliance(passed(410), NOW)).toMatchObject({ state: 'overdue', tone: 'danger', ageDays: 410, label: 'Overdue · passed 13 mo ago' });
    expect(testCompliance(passed(350), NOW)).toMatchObject({ state: 'due-soon', tone: 'warning' });
    expect(testCompliance(passed(95), NOW)).toMatchObject({ state: 'ok', tone: 'success', label: 'Test passed 3 mo ago' });
    expect(testCompliance(passed(0), NOW).label).toBe('Test passed today');
  });
  it('never calls a failed test a pass: red, dated by the failed test, overdue as long as no test passed within the year', () => {
    const failedToday = { ...passed(95), lastTestResult: 'failed' as const, lastTestEndedAt: daysAgo(3) };
    expect(testCompliance(failedToday, NOW)).toMatchObject({ state: 'failed', tone: 'danger', label: 'Last test failed · 3 d ago', overdue: false, ageDays: 95 });
    expect(testCompliance({ ...failedToday, lastTestedAt: daysAgo(400) }, NOW)).toMatchObject({ state: 'failed', overdue: true });
    expect(testCompliance({ lastTestedAt: null, lastTestResult: 'failed', lastTestEndedAt: daysAgo(0) }, NOW)).toMatchObject({
      state: 'failed', label: 'Last test failed · today', overdue: true, description: expect.stringContaining('no passed test on record'),
    });
  });
});

describe('rpoHealth', () => {
  it('grades the actual RPO against the target', () => {
    expect(rpoHealth(null, 300).tone).toBe('neutral');
    expect(rpoHealth(8, 300).tone).toBe('success');
    expect(rpoHealth(250, 300).tone).toBe('warning');
    expect(rpoHealth(301, 300).tone).toBe('danger');
  });
});
