import { describe, expect, it } from 'vitest';
import { describeSignInError, waitText } from './sign-in-errors';

describe('the sign-in form says how long a throttled attempt must wait', () => {
  it('in seconds for the short first delays, not "1 min"', () => {
    expect(describeSignInError('rate-limited:1').message).toBe('Too many failed sign-in attempts. Wait 1 second before trying again.');
    expect(describeSignInError('rate-limited:8').message).toBe('Too many failed sign-in attempts. Wait 8 seconds before trying again.');
  });

  it('in whole minutes, rounded up, for the longer ones (at most 15)', () => {
    expect(waitText(59)).toBe('59 seconds');
    expect(waitText(60)).toBe('1 minute');
    expect(waitText(128)).toBe('3 minutes');
    expect(describeSignInError('rate-limited:900').message).toBe('Too many failed sign-in attempts. Wait 15 minutes before trying again.');
  });
});
