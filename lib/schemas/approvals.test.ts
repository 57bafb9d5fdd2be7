import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { APPROVAL_TIMEOUT_MINUTES, approvalDecisionSchema, breakGlassField, listApprovalsQuerySchema, tenantSettingsPatchSchema } from './approvals';

describe('tenantSettingsPatchSchema (PATCH /tenant)', () => {
  it('takes any one of the three settings alone', () => {
    expect(tenantSettingsPatchSchema.parse({ liveFailoverApproval: true })).toEqual({ liveFailoverApproval: true });
    expect(tenantSettingsPatchSchema.parse({ providerMayApprove: false })).toEqual({ providerMayApprove: false });
    expect(tenantSettingsPatchSchema.parse({ approvalTimeoutMinutes: 45 })).toEqual({ approvalTimeoutMinutes: 45 });
  });

  it('keeps the timeout within 5..1440 minutes, whole', () => {
    expect(tenantSettingsPatchSchema.parse({ approvalTimeoutMinutes: APPROVAL_TIMEOUT_MINUTES.min }).approvalTimeoutMinutes).toBe(5);
    expect(tenantSettingsPatchSchema.parse({ approvalTimeoutMinutes: APPROVAL_TIMEOUT_MINUTES.max }).approvalTimeoutMinutes).toBe(1440);
    for (const bad of [4, 1441, 30.5]) {
      const issues = issuesOf(tenantSettingsPatchSchema, { approvalTimeoutMinutes: bad });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(/^approvalTimeoutMinutes: Approval timeout/);
    }
  });

  it('refuses an empty object on liveFailoverApproval, and a string where a boolean belongs', () => {
    expect(issuesOf(tenantSettingsPatchSchema, {})).toEqual(['liveFailoverApproval: Send liveFailoverApproval, approvalTimeoutMinutes or providerMayApprove.']);
    expect(issuesOf(tenantSettingsPatchSchema, { liveFailoverApproval: 'true' })[0]).toMatch(/^liveFailoverApproval: /);
    expect(issuesOf(tenantSettingsPatchSchema, null)).toEqual([': Send a JSON object.']);
  });
});

describe('approvalDecisionSchema', () => {
  it('takes no comment or one of up to 1000 characters', () => {
    expect(approvalDecisionSchema.parse({})).toEqual({});
    expect(approvalDecisionSchema.parse({ comment: 'Checked with the DBA.' })).toEqual({ comment: 'Checked with the DBA.' });
    expect(approvalDecisionSchema.safeParse({ comment: 'x'.repeat(1000) }).success).toBe(true);
    expect(issuesOf(approvalDecisionSchema, { comment: 'x'.repeat(1001) })[0]).toMatch(/^comment: /);
  });
});

describe('listApprovalsQuerySchema (GET /approvals)', () => {
  it('defaults to 50 and accepts the known statuses only', () => {
    expect(listApprovalsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listApprovalsQuerySchema.parse({ status: 'approved-failed', limit: '200' })).toEqual({ status: 'approved-failed', limit: 200 });
    expect(issuesOf(listApprovalsQuerySchema, { status: 'done' })).toEqual([
      'status: status must be one of pending, approved, rejected, expired, approved-failed.',
    ]);
    expect(issuesOf(listApprovalsQuerySchema, { limit: 201 })[0]).toMatch(/^limit: /);
    expect(issuesOf(listApprovalsQuerySchema, { limit: 0 })[0]).toMatch(/^limit: /);
  });
});

describe('breakGlassField', () => {
  it('is false unless the request says true', () => {
    expect(breakGlassField.parse(undefined)).toBe(false);
    expect(breakGlassField.parse(true)).toBe(true);
  });
});
