import { describe, expect, it } from 'vitest';
import {
  formatBytes, formatDate, formatDateTime, formatDuration, formatGb, formatMBps, formatMbps, formatMinutes,
  formatNumber, formatPercent, formatRelative, formatTime,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [8, '8 s'],
    [59.6, '1 m'],
    [252, '4 m 12 s'],
    [300, '5 m'],
    [23 * 3600 + 40 * 60 + 59, '23 h 40 m'],
    [3 * 86_400 + 4 * 3600, '3 d 4 h'],
  ])('%s s reads "%s"', (s, text) => expect(formatDuration(s)).toBe(text));

  it('shows a dash for missing or impossible values rather than zero', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('reads minutes', () => expect(formatMinutes(240)).toBe('4 h'));
});

describe('sizes and rates', () => {
  it('formats bytes with binary multiples', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatGb(1536)).toBe('1.5 TB');
  });
  it('formats throughput and link speed', () => {
    expect(formatMBps(0.05)).toBe('0.05 MB/s');
    expect(formatMBps(12.345)).toBe('12.3 MB/s');
    expect(formatMBps(250.4)).toBe('250 MB/s');
    expect(formatMbps(200)).toBe('200 Mbit/s');
    expect(formatMbps(1500)).toBe('1.5 Gbit/s');
  });
  it('groups thousands and trims percentages', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5');
    expect(formatPercent(99.9)).toBe('99.9 %');
    expect(formatPercent(100)).toBe('100 %');
  });
});

describe('times', () => {
  const now = new Date('2025-11-28T14:02:05Z');
  it.each([
    ['2025-11-28T14:02:00Z', 'just now'],
    ['2025-11-28T14:01:35Z', '30 s ago'],
    ['2025-11-28T13:59:00Z', '3 min ago'],
    ['2025-11-28T12:00:00Z', '2 h ago'],
    ['2025-11-23T14:00:00Z', '5 d ago'],
    ['2025-11-28T14:14:05Z', 'in 12 min'],
  ])('%s is "%s"', (t, text) => expect(formatRelative(t, now)).toBe(text));

  it('says never for a missing time', () => expect(formatRelative(null, now)).toBe('never'));

  it('formats dates in UTC whatever the local zone', () => {
    expect(formatDate('2025-11-28T23:30:00-05:00')).toBe('29 Nov 2025');
    expect(formatDateTime(now)).toBe('28 Nov 2025, 14:02 UTC');
    expect(formatDateTime(now, { seconds: true })).toBe('28 Nov 2025, 14:02:05 UTC');
    expect(formatTime(now)).toBe('14:02:05');
    expect(formatDateTime(null)).toBe('—');
  });
});
