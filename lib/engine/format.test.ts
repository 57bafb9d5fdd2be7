/** Durations and sizes as they read in status lines and alert messages. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatGb } from './format';

describe('durations', () => {
  it.each([
    [-5, '0 s'],
    [0, '0 s'],
    [59.4, '59 s'],
    [59.5, '1 min'],
    [60, '1 min'],
    [61, '1 min 1 s'],
    [602, '10 min 2 s'],
    [1199, '19 min 59 s'],
    // From 20 minutes, whole minutes.
    [1200, '20 min'],
    [1229, '20 min'],
    [1230, '21 min'],
    [3599, '60 min'],
    // From an hour, hours and minutes.
    [3600, '1 h'],
    [3629, '1 h'],
    [3630, '1 h 1 min'],
    [42_000, '11 h 40 min'],
    [7169, '1 h 59 min'],
    [7170, '2 h'],
    [86_399, '24 h'],
    // From a day, days and hours.
    [86_400, '1 d'],
    [86_400 + 1799, '1 d'],
    [86_400 + 1800, '1 d 1 h'],
    [3 * 86_400 + 5 * 3600, '3 d 5 h'],
    [2 * 86_400 - 1800, '2 d'],
    [365 * 86_400, '365 d'],
  ])('%f s reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('sizes', () => {
  it.each([
    [0, '0 GB'],
    [40, '0 GB'],
    [1536, '1.5 GB'],
    [12.34 * 1024, '12.3 GB'],
    [99.9 * 1024, '99.9 GB'],
    // From 100 GB, whole gigabytes.
    [100 * 1024, '100 GB'],
    [150.4 * 1024, '150 GB'],
    [150.5 * 1024, '151 GB'],
  ])('%f MB reads "%s"', (mb, text) => {
    expect(formatGb(mb)).toBe(text);
  });
});
