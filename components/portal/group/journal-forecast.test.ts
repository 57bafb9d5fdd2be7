import { describe, expect, it } from 'vitest';
import { forecastJournal } from './journal-forecast';

describe('forecastJournal', () => {
  it('is healthy when the window fits well inside the limit', () => {
    const f = forecastJournal({ historyCoveredSeconds: 24 * 3600, journalUsedGb: 100, journalLimitGb: 400, configuredHours: 24 });
    expect(f).toMatchObject({ tone: 'success', historyShare: 1, usedShare: 0.25, limitCapsHoursAt: null });
    expect(f.gbPerHour).toBeCloseTo(100 / 24);
  });

  it('warns before the limit cuts history, with the hours the limit allows', () => {
    // 12 h of history took 200 GB: 24 h will need 400 GB against a 300 GB limit.
    const f = forecastJournal({ historyCoveredSeconds: 12 * 3600, journalUsedGb: 200, journalLimitGb: 300, configuredHours: 24 });
    expect(f.tone).toBe('warning');
    expect(f.neededGb).toBeCloseTo(400);
    expect(f.limitCapsHoursAt).toBeCloseTo(18);
  });

  it('is red when a full journal is what keeps history short', () => {
    const f = forecastJournal({ historyCoveredSeconds: 50 * 3600, journalUsedGb: 295, journalLimitGb: 300, configuredHours: 72 });
    expect(f.tone).toBe('danger');
  });

  it('has no rate before any history', () => {
    expect(forecastJournal({ historyCoveredSeconds: 0, journalUsedGb: 0, journalLimitGb: 300, configuredHours: 24 })).toMatchObject({ gbPerHour: null, tone: 'success' });
  });
});
