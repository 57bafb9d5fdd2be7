import { describe, expect, it } from 'vitest';
import { addBusinessDays, responseDeadline } from './response-deadline';

// 2025-03-03 is a Monday.
const at = (iso: string) => new Date(iso);

describe('responseDeadline', () => {
  it('gives P1 one wall-clock hour and P2 four, weekends included', () => {
    expect(responseDeadline(at('2025-03-08T23:30:00Z'), 'P1').toISOString()).toBe('2025-03-09T00:30:00.000Z');
    expect(responseDeadline(at('2025-03-07T22:00:00Z'), 'P2').toISOString()).toBe('2025-03-08T02:00:00.000Z');
  });

  it('gives P3 one business day: midweek is the next day, same time', () => {
    expect(responseDeadline(at('2025-03-04T10:15:00Z'), 'P3').toISOString()).toBe('2025-03-05T10:15:00.000Z');
  });

  it('skips the weekend for a P3 raised on Friday', () => {
    expect(responseDeadline(at('2025-03-07T15:00:00Z'), 'P3').toISOString()).toBe('2025-03-10T15:00:00.000Z');
  });

  it('starts counting on Monday 00:00 for a request raised at the weekend', () => {
    expect(responseDeadline(at('2025-03-08T10:00:00Z'), 'P3').toISOString()).toBe('2025-03-11T00:00:00.000Z');
    expect(responseDeadline(at('2025-03-09T23:59:00Z'), 'P4').toISOString()).toBe('2025-03-13T00:00:00.000Z');
  });

  it('gives P4 three business days, crossing a weekend from Thursday', () => {
    expect(responseDeadline(at('2025-03-06T09:00:00Z'), 'P4').toISOString()).toBe('2025-03-11T09:00:00.000Z');
  });

  it('P4 from Monday lands on Thursday', () => {
    expect(responseDeadline(at('2025-03-03T08:00:00Z'), 'P4').toISOString()).toBe('2025-03-06T08:00:00.000Z');
  });
});

describe('addBusinessDays', () => {
  it('ends a business day raised at Friday 00:00 at Friday 24:00', () => {
    expect(addBusinessDays(at('2025-03-07T00:00:00Z'), 1).toISOString()).toBe('2025-03-08T00:00:00.000Z');
  });

  it('adds zero days as no change', () => {
    expect(addBusinessDays(at('2025-03-08T12:00:00Z'), 0).toISOString()).toBe('2025-03-08T12:00:00.000Z');
  });

  it('never returns a time inside a weekend except the Friday-24:00 boundary', () => {
    for (let h = 0; h < 24 * 14; h += 5) {
      const from = new Date(Date.UTC(2025, 2, 3) + h * 3600_000);
      for (const days of [1, 2, 3, 5]) {
        const due = addBusinessDays(from, days);
        const day = due.getUTCDay();
        const boundary = day === 6 && due.getUTCHours() === 0 && due.getUTCMinutes() === 0;
        expect(day === 0 || (day === 6 && !boundary)).toBe(false);
        expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime() + days * 24 * 3600_000);
      }
    }
  });
});
