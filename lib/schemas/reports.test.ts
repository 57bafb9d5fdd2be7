import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { recoveryReportQuerySchema, slaQuerySchema } from './reports';

describe('the recovery report’s filters', () => {
  it('read "All …" (an empty value) as no filter', () => {
    expect(recoveryReportQuerySchema.parse({ type: '', groupId: '', result: '', from: '', to: '' })).toEqual({});
  });

  it('keep the ones given', () => {
    const q = { type: 'failover', groupId: 'grp_acme_web', result: 'passed', from: '2026-03-01', to: '2026-03-31' };
    expect(recoveryReportQuerySchema.parse(q)).toEqual(q);
  });

  it('take a one-day range (both days inclusive), refuse a reversed one on `from`', () => {
    expect(recoveryReportQuerySchema.parse({ from: '2026-03-01', to: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(recoveryReportQuerySchema.safeParse({ from: '2026-03-01' }).success).toBe(true);
    expect(recoveryReportQuerySchema.safeParse({ to: '2026-03-01' }).success).toBe(true);
    expect(issuesOf(recoveryReportQuerySchema, { from: '2026-03-02', to: '2026-03-01' })).toEqual(['from: from must be on or before to.']);
  });

  it('name a bad value', () => {
    expect(issuesOf(recoveryReportQuerySchema, { type: 'drill', result: 'ok', from: '2026-02-30' })).toEqual([
      'type: type must be test-failover, failover, move or failback.',
      'result: result must be passed or failed.',
      'from: from must be a calendar date as YYYY-MM-DD, e.g. 2025-03-01.',
    ]);
  });
});

describe('the SLA report month', () => {
  it('is optional (the current month), or a real month of this century', () => {
    expect(slaQuerySchema.parse({})).toEqual({});
    expect(slaQuerySchema.parse({ month: '2026-12' })).toEqual({ month: '2026-12' });
    expect(issuesOf(slaQuerySchema, { month: '2100-01' })).toEqual(['month: Month must be between 2000-01 and 2099-12.']);
  });
});
