import { describe, expect, it } from 'vitest';
import type { GroupDto, SiteDto } from '@/lib/domain/core/dto';
import { summarise } from '@/lib/domain/reports/dashboard';
import { protectionVerdict as verdictOf } from './protection-verdict';

/** The server's summary of the groups, put into words as the headline does. */
const protectionVerdict = (groups: GroupDto[], sites: SiteDto[]) => verdictOf(summarise(groups, sites, Date.now()));

const site = (id: string, status: SiteDto['status'] = 'online'): SiteDto => ({ id, name: id[0].toUpperCase() + id.slice(1), country: 'GB', status });
const group = (over: Partial<GroupDto>): GroupDto => ({
  id: 'g1', tenantId: 't', name: 'Web', description: null, sourceSiteId: 'london', targetSiteId: 'zurich', status: 'meeting-sla', subStatus: null,
  rpoSeconds: 8, rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24, priority: 'medium', lastTestedAt: null, lastTestResult: null, lastTestEndedAt: null,
  createdAt: '2026-01-01T00:00:00Z', vmIds: ['vm1'], openOperationId: null, version: 1, ...over,
});

describe('protectionVerdict', () => {
  const sites = [site('london'), site('zurich')];

  it('is green when every group meets its SLA and can recover', () => {
    expect(protectionVerdict([group({}), group({ id: 'g2' })], sites)).toMatchObject({ tone: 'success', protectedCount: 2, recoverableCount: 2, findings: [] });
  });

  it('is amber when a group breaches its RPO but still has checkpoints to recover from', () => {
    const v = protectionVerdict([group({}), group({ id: 'g2', status: 'rpo-not-met', subStatus: 'link congested' })], sites);
    expect(v.tone).toBe('warning');
    expect(v.recoverableCount).toBe(2);
    expect(v.findings[0].text).toContain('link congested');
  });

  it('is red when a recovery site is offline or a group is still initialising', () => {
    const v = protectionVerdict([group({}), group({ id: 'g2', status: 'initialising' })], [site('london'), site('zurich', 'offline')]);
    expect(v.tone).toBe('danger');
    expect(v.recoverableCount).toBe(0);
    expect(v.findings.map((f) => f.text)).toEqual(['cannot recover now: recovery site Zurich is offline', 'cannot recover now: initialising']);
  });

  it('says so when there is nothing to protect', () => {
    expect(protectionVerdict([], sites)).toMatchObject({ tone: 'neutral', total: 0 });
  });
});
