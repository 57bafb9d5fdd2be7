import { describe, expect, it } from 'vitest';
import { isTestOverdue, TEST_INTERVAL_DAYS } from './test-duty';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

describe('the annual test duty', () => {
  it('is a test failover at least every 365 days', () => {
    expect(TEST_INTERVAL_DAYS).toBe(365);
  });

  it('is overdue for a group never tested', () => {
    expect(isTestOverdue(null, NOW)).toBe(true);
    expect(isTestOverdue(undefined as unknown as null, NOW)).toBe(true);
  });

  it('is met up to exactly 365 days after the last test, and overdue a millisecond later', () => {
    expect(isTestOverdue(new Date(NOW - 365 * DAY), NOW)).toBe(false);
    expect(isTestOverdue(new Date(NOW - 365 * DAY - 1), NOW)).toBe(true);
    expect(isTestOverdue(new Date(NOW - 30 * DAY), NOW)).toBe(false);
  });

  it('reads the last test as an ISO string too (the browser’s badge gets JSON)', () => {
    expect(isTestOverdue(new Date(NOW - 365 * DAY).toISOString(), NOW)).toBe(false);
    expect(isTestOverdue(new Date(NOW - 366 * DAY).toISOString(), NOW)).toBe(true);
  });

  it('is not overdue for a test recorded ahead of the clock', () => {
    expect(isTestOverdue(new Date(NOW + DAY), NOW)).toBe(false);
  });
});
