import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { bootGroupSchema, createGroupSchema, recoveryPlanSchema, updateGroupSchema } from './groups';

const create = (over: Record<string, unknown> = {}) => ({
  name: 'Web tier',
  sourceSiteId: 'site_zrh',
  targetSiteId: 'site_gva',
  rpoTargetSeconds: 300,
  rtoTargetMinutes: 60,
  journalHistoryHours: 24,
  ...over,
});

describe('creating a group', () => {
  it('fills in the defaults the product promises: medium priority, a 250 GB journal', () => {
    expect(createGroupSchema.parse(create({ name: '  Web tier  ' }))).toEqual({ ...create(), priority: 'medium', journalLimitGb: 250 });
  });

  it('takes journal history from 1 hour to 30 days (720 h), whole hours, also as form text', () => {
    expect(createGroupSchema.parse(create({ journalHistoryHours: 1 })).journalHistoryHours).toBe(1);
    expect(createGroupSchema.parse(create({ journalHistoryHours: '720' })).journalHistoryHours).toBe(720);
    expect(issuesOf(createGroupSchema, create({ journalHistoryHours: 0 }))).toEqual(['journalHistoryHours: Journal history must be at least 1 hour.']);
    expect(issuesOf(createGroupSchema, create({ journalHistoryHours: 721 }))).toEqual(['journalHistoryHours: Journal history must be at most 720 hours.']);
    expect(issuesOf(createGroupSchema, create({ journalHistoryHours: 1.5 }))).toEqual(['journalHistoryHours: Journal history must be a whole number of hours.']);
    expect(issuesOf(createGroupSchema, create({ journalHistoryHours: '' }))).toEqual(['journalHistoryHours: Journal history must be a number of hours.']);
  });

  it('takes an RPO target of 30 s to a day and an RTO of 1 min to a day', () => {
    expect(createGroupSchema.safeParse(create({ rpoTargetSeconds: 30, rtoTargetMinutes: 1440 })).success).toBe(true);
    expect(createGroupSchema.safeParse(create({ rpoTargetSeconds: 86_400, rtoTargetMinutes: 1 })).success).toBe(true);
    expect(issuesOf(createGroupSchema, create({ rpoTargetSeconds: 29, rtoTargetMinutes: 1441 }))).toEqual([
      'rpoTargetSeconds: RPO target must be at least 30 seconds.',
      'rtoTargetMinutes: RTO target must be at most 1,440 minutes.',
    ]);
    expect(issuesOf(createGroupSchema, create({ rpoTargetSeconds: 86_401, rtoTargetMinutes: 0 }))).toEqual([
      'rpoTargetSeconds: RPO target must be at most 86,400 seconds.',
      'rtoTargetMinutes: RTO target must be at least 1 minute.',
    ]);
  });

  it('wants a journal limit above 0 GB and at most 100,000 GB', () => {
    expect(createGroupSchema.parse(create({ journalLimitGb: '0.5' })).journalLimitGb).toBe(0.5);
    expect(createGroupSchema.parse(create({ journalLimitGb: 100_000 })).journalLimitGb).toBe(100_000);
    expect(issuesOf(createGroupSchema, create({ journalLimitGb: 0 }))).toEqual(['journalLimitGb: Journal hard limit must be more than 0 GB.']);
    expect(issuesOf(createGroupSchema, create({ journalLimitGb: 100_000.5 }))).toEqual(['journalLimitGb: Journal hard limit must be at most 100,000 GB.']);
  });

  it('refuses a recovery site that is the production site, on targetSiteId', () => {
    expect(issuesOf(createGroupSchema, create({ targetSiteId: 'site_zrh' }))).toEqual(['targetSiteId: The recovery site must differ from the production site.']);
  });

  it('names unknown priorities and missing sites in the form’s words', () => {
    expect(issuesOf(createGroupSchema, create({ priority: 'urgent', sourceSiteId: undefined }))).toEqual([
      'sourceSiteId: Production site must be an id (text).',
      'priority: Priority must be low, medium or high.',
    ]);
  });

  it('takes a description or null, up to 500 characters, line breaks allowed', () => {
    expect(createGroupSchema.parse(create({ description: 'Line one\nline two' })).description).toBe('Line one\nline two');
    expect(createGroupSchema.parse(create({ description: null })).description).toBeNull();
    expect(issuesOf(createGroupSchema, create({ description: 'x'.repeat(501) }))).toEqual(['description: Description must be at most 500 characters.']);
  });
});

describe('group members', () => {
  it('lists each VM once, at most 200', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `vm_${i}`);
    expect(createGroupSchema.parse(create({ vmIds: ids(200) })).vmIds).toHaveLength(200);
    expect(issuesOf(createGroupSchema, create({ vmIds: ids(201) }))).toEqual(['vmIds: A group holds at most 200 VMs.']);
    expect(issuesOf(createGroupSchema, create({ vmIds: ['vm_1', 'vm_2', 'vm_1'] }))).toEqual(['vmIds: A VM may be listed only once.']);
  });
});

describe('a recovery plan', () => {
  it('gives a boot group no delay and no VMs unless told', () => {
    expect(bootGroupSchema.parse({ name: 'Databases' })).toEqual({ name: 'Databases', delayAfterSeconds: 0, vmIds: [] });
    expect(bootGroupSchema.parse({ name: 'Databases', delayAfterSeconds: '3600' }).delayAfterSeconds).toBe(3600);
    expect(issuesOf(bootGroupSchema, { name: 'Databases', delayAfterSeconds: 3601 })).toEqual(['delayAfterSeconds: Delay after the boot group must be at most 3,600 seconds.']);
  });

  it('wants boot group names unique regardless of case', () => {
    expect(recoveryPlanSchema.safeParse({ bootGroups: [{ name: 'Databases' }, { name: 'Web' }] }).success).toBe(true);
    expect(issuesOf(recoveryPlanSchema, { bootGroups: [{ name: 'Databases' }, { name: 'databases' }] })).toEqual(['bootGroups: Boot group names must be unique.']);
    // Lower case compares letters, not spellings: "Straße" and "STRASSE" are two names.
    expect(recoveryPlanSchema.safeParse({ bootGroups: [{ name: 'Straße' }, { name: 'STRASSE' }] }).success).toBe(true);
  });

  it('puts each VM in one boot group only', () => {
    expect(recoveryPlanSchema.safeParse({ bootGroups: [{ name: 'A', vmIds: ['vm_1'] }, { name: 'B', vmIds: ['vm_2'] }] }).success).toBe(true);
    expect(issuesOf(recoveryPlanSchema, { bootGroups: [{ name: 'A', vmIds: ['vm_1'] }, { name: 'B', vmIds: ['vm_1'] }] })).toEqual(['bootGroups: A VM may be in only one boot group.']);
  });

  it('has at most 32 boot groups', () => {
    const groups = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Boot ${i}` }));
    expect(recoveryPlanSchema.safeParse({ bootGroups: groups(32) }).success).toBe(true);
    expect(issuesOf(recoveryPlanSchema, { bootGroups: groups(33) })).toEqual(['bootGroups: A recovery plan has at most 32 boot groups.']);
  });
});

describe('updating a group', () => {
  it('takes any subset, nothing filled in', () => {
    expect(updateGroupSchema.parse({})).toEqual({});
    expect(updateGroupSchema.parse({ journalHistoryHours: '48' })).toEqual({ journalHistoryHours: 48 });
    expect(issuesOf(updateGroupSchema, { journalHistoryHours: 721 })).toEqual(['journalHistoryHours: Journal history must be at most 720 hours.']);
  });

  it('takes a whole member list or additions and removals, not both', () => {
    expect(updateGroupSchema.safeParse({ vmIds: ['vm_1'] }).success).toBe(true);
    expect(updateGroupSchema.safeParse({ addVmIds: ['vm_1'], removeVmIds: ['vm_2'] }).success).toBe(true);
    const both = 'vmIds: Send either the whole vmIds list or addVmIds/removeVmIds, not both.';
    expect(issuesOf(updateGroupSchema, { vmIds: ['vm_1'], addVmIds: ['vm_2'] })).toEqual([both]);
    expect(issuesOf(updateGroupSchema, { vmIds: ['vm_1'], removeVmIds: ['vm_2'] })).toEqual([both]);
  });
});
