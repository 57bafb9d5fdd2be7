import { describe, expect, it } from 'vitest';
import { commitTimeLeftSeconds, commitWindowText } from './commit-window';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);

describe('the time left in the commit window', () => {
  it('counts down to the deadline, never below zero; none without a deadline', () => {
    expect(commitTimeLeftSeconds(NOW + 90_000, NOW)).toBe(90);
    expect(commitTimeLeftSeconds(NOW - 1_000, NOW)).toBe(0);
    expect(commitTimeLeftSeconds(null, NOW)).toBeNull();
  });

  it('says what the auto policy does and when; the manual policy has no deadline', () => {
    expect(commitWindowText('auto-commit', NOW + 30 * 60_000, NOW)).toBe('Time left to decide: 30 m; then the auto-commit policy commits (at 1 May 2030, 09:30 UTC).');
    expect(commitWindowText('auto-rollback', NOW + 90 * 60_000, NOW)).toBe('Time left to decide: 1 h 30 m; then the auto-rollback policy rolls back (at 1 May 2030, 10:30 UTC).');
    expect(commitWindowText('manual', null, NOW)).toBe('No deadline: the manual policy waits for a person to decide.');
  });
});
