import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDate, dateTime, dayFilter, monthField } from './dates';

const messages = (r: { success: boolean; error?: z.ZodError }) => r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

// Fields are built inside each test (not once per file): a builder's messages are then part of
// what the test exercises, and mutation testing counts them.
describe('dateTime', () => {
  const field = () => dateTime('Start time');

  it('reads an ISO 8601 date-time with a zone as that instant', () => {
    expect(field().parse('2026-03-01T12:00:00Z')).toEqual(new Date(Date.UTC(2026, 2, 1, 12)));
    expect(field().parse('2026-03-01T14:00:00+02:00')).toEqual(new Date(Date.UTC(2026, 2, 1, 12)));
    expect(field().parse('2024-02-29T00:00:00Z')).toEqual(new Date(Date.UTC(2024, 1, 29)));
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'an impossible calendar date'],
    ['2025-02-29T00:00:00Z', 'Feb 29 outside a leap year'],
    ['2026-01-01T24:00:00Z', 'hour 24'],
    ['2026-01-01', 'a bare date'],
    ['2026-01-01T10:00:00', 'a time without a zone'],
    ['275760-09-13T00:00:00Z', 'a six-digit year'],
    ['+275760-09-13T00:00:00Z', 'an expanded year'],
    ['tomorrow', 'words'],
  ])('refuses %s (%s), naming the field', (input) => {
    expect(messages(field().safeParse(input))).toEqual([': Start time must be a real date and time in ISO 8601 with a zone, e.g. 2025-03-01T12:00:00Z.']);
  });

  it.each(['0099-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2100-01-01T00:00:00Z'])('refuses %s: outside the years the service can mean', (input) => {
    expect(messages(field().safeParse(input))).toEqual([': Start time must be between the years 2000 and 2099.']);
  });

  it('says "required" for an empty field', () => {
    expect(messages(field().safeParse(''))).toEqual([': Start time is required.']);
    expect(messages(z.object({ startsAt: field() }).safeParse({}))).toEqual(['startsAt: Start time is required.']);
  });

  it('aborts, so a cross-field rule only ever compares two Dates', () => {
    let sawNonDate = false;
    const window = z.object({ a: dateTime('Start'), b: dateTime('End') }).refine((w) => {
      if (!(w.a instanceof Date) || !(w.b instanceof Date)) sawNonDate = true;
      return w.b.getTime() > w.a.getTime();
    });
    for (const input of [{ a: '', b: '' }, { a: '2026-02-30T00:00:00Z', b: '2026-03-01T00:00:00Z' }, { a: '2026-03-01T00:00:00Z', b: '0099-01-01T00:00:00Z' }]) {
      expect(window.safeParse(input).success).toBe(false);
    }
    expect(sawNonDate).toBe(false);
  });
});

describe('calendarDate', () => {
  it('keeps a day of this century as the text given', () => {
    expect(calendarDate('From').parse('2000-01-01')).toBe('2000-01-01');
    expect(calendarDate('From').parse('2099-12-31')).toBe('2099-12-31');
  });

  it('names the field and the form expected, or the century', () => {
    expect(messages(calendarDate('From').safeParse('2026-02-30'))).toEqual([': From must be a calendar date as YYYY-MM-DD, e.g. 2025-03-01.']);
    expect(messages(calendarDate('From').safeParse('1999-12-31'))).toEqual([': From must be between the years 2000 and 2099.']);
    expect(messages(calendarDate('From').safeParse('2100-01-01'))).toEqual([': From must be between the years 2000 and 2099.']);
  });

  it('says one thing at a time, so a range rule only compares two real days', () => {
    // An impossible day outside the century: the form is the one complaint.
    expect(messages(calendarDate('From').safeParse('2100-02-30'))).toEqual([': From must be a calendar date as YYYY-MM-DD, e.g. 2025-03-01.']);
    const range = () => z.object({ from: calendarDate('From'), to: calendarDate('To') }).refine((r) => r.from <= r.to, { error: 'From must be on or before To.', path: ['from'] });
    expect(messages(range().safeParse({ from: '2100-01-01', to: '2026-01-01' }))).toEqual(['from: From must be between the years 2000 and 2099.']);
  });
});

describe('monthField and calendarDate', () => {
  it('take real months and days of this century only', () => {
    expect(monthField.parse('2026-02')).toBe('2026-02');
    expect(messages(monthField.safeParse('0099-01'))).toEqual([': Month must be between 2000-01 and 2099-12.']);
    expect(messages(monthField.safeParse('2026-13'))).toEqual([': Month must be a calendar month as YYYY-MM, e.g. 2025-03.']);
    expect(calendarDate('From').safeParse('2026-02-28').success).toBe(true);
    expect(calendarDate('From').safeParse('2026-02-30').success).toBe(false);
    expect(calendarDate('From').safeParse('0099-01-01').success).toBe(false);
  });
});

describe('dayFilter', () => {
  it('keeps a real day and drops what the rule refuses', () => {
    expect(dayFilter('2026-02-28')).toBe('2026-02-28');
    expect(['2026-02-30', '0099-01-01', '2026-1-1', 'today'].map(dayFilter)).toEqual(['', '', '', '']);
  });
});
