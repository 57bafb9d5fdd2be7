import { z } from 'zod';

/**
 * The dates every input of the portal accepts: maintenance windows, report months, journal
 * points in time, query ranges. One definition, so no field takes "2026-02-30", a bare date
 * or the year 0099 (which some date arithmetic silently reads as 1999).
 *
 * Years are bounded to this century: the service keeps no record before 2000, and a window or
 * point beyond 2099 is a typing slip, not a plan.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

const inYearRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;

/**
 * An ISO 8601 date-time with a zone ("2025-03-01T12:00:00Z", "...+02:00"), read as a Date.
 * zod's format already refuses impossible calendar dates (Feb 30, hour 24); a bare date or a
 * zone-less time is refused too (which day, which zone?). Every failure aborts, so a schema's
 * cross-field rule (ends after starts) only ever sees two Dates.
 */
export function dateTime(label: string) {
  return z.iso
    .datetime({
      offset: true,
      abort: true,
      error: (issue) =>
        issue.input === undefined || issue.input === ''
          ? `${label} is required.`
          : `${label} must be a real date and time in ISO 8601 with a zone, e.g. 2025-03-01T12:00:00Z.`,
    })
    .refine((s) => inYearRange(new Date(s).getUTCFullYear()), { error: `${label} must be between the years ${MIN_YEAR} and ${MAX_YEAR}.`, abort: true })
    .transform((s) => new Date(s));
}

/** A calendar day, YYYY-MM-DD (report filters), checked the same way. */
export function calendarDate(label: string) {
  return z.iso
    .date({ error: `${label} must be a calendar date as YYYY-MM-DD, e.g. 2025-03-01.`, abort: true })
    .refine((s) => inYearRange(Number(s.slice(0, 4))), { error: `${label} must be between the years ${MIN_YEAR} and ${MAX_YEAR}.`, abort: true });
}

/** A calendar month, YYYY-MM (SLA and compliance reports). */
export const monthField = z
  .string({ error: 'Month must be a calendar month as YYYY-MM, e.g. 2025-03.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Month must be a calendar month as YYYY-MM, e.g. 2025-03.', abort: true })
  .refine((s) => inYearRange(Number(s.slice(0, 4))), { error: `Month must be between ${MIN_YEAR}-01 and ${MAX_YEAR}-12.`, abort: true });

const dayRule = calendarDate('date');

/**
 * A page's day filter (?from=2025-03-01): the day, or '' when the rule above refuses it. Pages
 * drop a malformed filter instead of failing the whole report.
 */
export function dayFilter(value: string): string {
  return dayRule.safeParse(value).success ? value : '';
}
