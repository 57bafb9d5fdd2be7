import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { jsonBoolean, pagingSchema, queryBoolean, tenantFilterSchema, timeRangeSchema } from './common';

describe('timeRangeSchema (from..to of the RPO chart, the audit trail, checkpoints)', () => {
  const t = (s: string) => new Date(s);

  it('takes either end alone, or both with from before to, as Dates', () => {
    expect(timeRangeSchema.parse({})).toEqual({});
    expect(timeRangeSchema.parse({ from: '2026-03-01T00:00:00Z' })).toEqual({ from: t('2026-03-01T00:00:00Z') });
    expect(timeRangeSchema.parse({ to: '2026-03-01T00:00:00Z' })).toEqual({ to: t('2026-03-01T00:00:00Z') });
    expect(timeRangeSchema.parse({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00.001Z' })).toEqual({
      from: t('2026-03-01T00:00:00Z'),
      to: t('2026-03-01T00:00:00.001Z'),
    });
  });

  it('refuses an empty range (from equal to to) and a reversed one, on `from`', () => {
    expect(issuesOf(timeRangeSchema, { from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual(['from: from must be before to.']);
    expect(issuesOf(timeRangeSchema, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual(['from: from must be before to.']);
  });

  it('compares instants, not the text: 12:00+02:00 is before 11:00Z', () => {
    expect(timeRangeSchema.safeParse({ from: '2026-03-01T12:00:00+02:00', to: '2026-03-01T11:00:00Z' }).success).toBe(true);
    expect(issuesOf(timeRangeSchema, { from: '2026-03-01T11:00:00Z', to: '2026-03-01T12:00:00+02:00' })).toEqual(['from: from must be before to.']);
  });

  it('names a malformed end rather than comparing it', () => {
    expect(issuesOf(timeRangeSchema, { from: 'yesterday', to: '2026-03-01T00:00:00Z' })).toEqual([
      'from: from must be a real date and time in ISO 8601 with a zone, e.g. 2025-03-01T12:00:00Z.',
    ]);
  });
});

describe('pagingSchema', () => {
  it('defaults to 100 entries a page and takes 1..500, also as query-string text', () => {
    expect(pagingSchema.parse({})).toEqual({ limit: 100 });
    expect(pagingSchema.parse({ limit: '1', cursor: 'abc' })).toEqual({ limit: 1, cursor: 'abc' });
    expect(pagingSchema.parse({ limit: 500 })).toEqual({ limit: 500 });
    expect(issuesOf(pagingSchema, { limit: 0 })).toEqual(['limit: limit must be at least 1.']);
    expect(issuesOf(pagingSchema, { limit: '501' })).toEqual(['limit: limit must be at most 500.']);
  });

  it('refuses a cursor no page ever handed out', () => {
    expect(issuesOf(pagingSchema, { cursor: 5 })).toEqual(['cursor: cursor must be the nextCursor of a previous page.']);
    expect(pagingSchema.safeParse({ cursor: 'x'.repeat(200) }).success).toBe(true);
    expect(pagingSchema.safeParse({ cursor: 'x'.repeat(201) }).success).toBe(false);
  });
});

describe('tenantFilterSchema', () => {
  it('takes an optional tenant id', () => {
    expect(tenantFilterSchema.parse({})).toEqual({});
    expect(tenantFilterSchema.parse({ tenantId: 'ten_acme' })).toEqual({ tenantId: 'ten_acme' });
    expect(issuesOf(tenantFilterSchema, { tenantId: 'acme; drop table' })).toEqual(['tenantId: tenantId is not a valid id.']);
  });
});

describe('jsonBoolean', () => {
  const down = jsonBoolean('down');

  it('takes true and false only; the text "false" is refused, not read as true', () => {
    expect(down.parse(true)).toBe(true);
    expect(down.parse(false)).toBe(false);
    for (const input of ['false', 'true', 0, 1, null]) {
      expect(issuesOf(down, input)).toEqual([': down must be true or false (a JSON boolean, not text).']);
    }
  });
});

describe('queryBoolean', () => {
  const flag = queryBoolean('protected');

  it('reads the query-string words and a page’s booleans', () => {
    expect(['true', '1', 'false', '0'].map((v) => flag.parse(v))).toEqual([true, true, false, false]);
    expect(flag.parse(true)).toBe(true);
    expect(flag.parse(false)).toBe(false);
  });

  it('refuses anything else, naming the field', () => {
    expect(issuesOf(flag, 'maybe')).toEqual([': protected must be true or false.']);
    expect(issuesOf(flag, 2)).toEqual([': protected must be true or false.']);
  });
});
