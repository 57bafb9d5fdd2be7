import { describe, expect, it } from 'vitest';
import { rpoHealth } from './rpo-health';
import { testCompliance } from './test-compliance';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('testCompliance', () => {
  it('calls a group that was never tested a finding', () => {
    expect(testCompliance(null, NOW)).toMatchObject({ state: 'never', tone: 'danger', ageDays: null });
  });
  it('is red beyond twelve months, amber in the last month before, green otherwise', () => {
    expect(testCompliance(daysAgo(410), NOW)).toMatchObject({ state: 'overdue', tone: 'danger', ageDays: 410 });
    expect(testCompliance(daysAgo(350), NOW)).toMatchObject({ state: 'due-soon', tone: 'warning' });
    expect(testCompliance(daysAgo(95), NOW)).toMatchObject({ state: 'ok', tone: 'success', label: 'Tested 3 mo ago' });
    expect(testCompliance(daysAgo(0), NOW).label).toBe('Tested today');
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
