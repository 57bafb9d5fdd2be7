import { describe, expect, it } from 'vitest';
import { alertNowText, alertText } from './alert-now';

describe('the live figure beside an alert', () => {
  it('says the current RPO or history in words', () => {
    expect(alertNowText({ figure: 'rpo', seconds: 8 * 3600 + 50 * 60 })).toBe('Now: RPO 8 h 50 m');
    expect(alertNowText({ figure: 'history', seconds: 9 * 3600 })).toBe('Now: journal holds 9 h');
    expect(alertNowText({ figure: 'rpo', seconds: null })).toBe('Now: RPO not measured');
    expect(alertNowText(null)).toBeNull();
  });
  it('joins it to the raised message for tooltips', () => {
    expect(alertText({ message: 'RPO is 6 m, over its 5 m target', current: { figure: 'rpo', seconds: 600 } })).toBe('RPO is 6 m, over its 5 m target (now: RPO 10 m)');
    expect(alertText({ message: 'writes continuously', current: null })).toBe('writes continuously');
  });
});
