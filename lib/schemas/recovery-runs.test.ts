import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { listRunsQuerySchema, recoveryPlanPatchSchema, recoveryPlanSchema, startRunSchema, stopRunTestsSchema, whatIfQuerySchema } from './recovery-runs';

const ONE_WAY = 'groupIds: Name the groups one way: groupIds, sourceSiteId or planId.';

describe('starting a recovery run', () => {
  it('names its groups exactly one way', () => {
    expect(issuesOf(startRunSchema, { type: 'failover' })).toEqual([ONE_WAY]);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: ['a'], planId: 'p' })).toEqual([ONE_WAY]);
    expect(issuesOf(startRunSchema, { type: 'failover', sourceSiteId: 'london', planId: 'p' })).toEqual([ONE_WAY]);
    expect(issuesOf(startRunSchema, { type: 'failover', sourceSiteId: 'london' })).toEqual([]);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p' })).toEqual([]);
  });

  it('by default shuts the source down, commits by hand after up to 60 min and reverses nothing it was not asked to', () => {
    expect(startRunSchema.parse({ type: 'failover', groupIds: ['a', 'b'] })).toEqual({
      type: 'failover', groupIds: ['a', 'b'], shutdownSource: true, commitPolicy: 'manual', commitTimeoutMinutes: 60, breakGlass: false,
    });
  });

  it('break glass (start without four-eyes approval) needs a written reason', () => {
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: ['a'], breakGlass: true })).toEqual(['reason: Break glass needs a written reason (10–500 characters).']);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: ['a'], breakGlass: 'true', reason: 'A long enough reason' })).toEqual(['breakGlass: breakGlass must be true or false (a JSON boolean, not text).']);
    expect(startRunSchema.parse({ type: 'failover', groupIds: ['a'], breakGlass: true, reason: 'A long enough reason' }).breakGlass).toBe(true);
  });

  it('refuses a failback (a run recovers; a group comes home on its own), a group twice, an empty or oversized list', () => {
    expect(issuesOf(startRunSchema, { type: 'failback', groupIds: ['a'] })).toEqual(['type: type must be test-failover, failover or move.']);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: ['a', 'a'] })).toEqual(['groupIds: A group may appear only once.']);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: [] })).toEqual(['groupIds: Choose at least one group.']);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: Array.from({ length: 101 }, (_, i) => `g${i}`) })).toEqual(['groupIds: A run covers at most 100 groups.']);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: Array.from({ length: 100 }, (_, i) => `g${i}`) })).toEqual([]);
    expect(issuesOf(startRunSchema, { type: 'failover', groupIds: 'a' })).toEqual(['groupIds: groupIds must be a list of group ids.']);
  });

  it('checks the live options like a single failover', () => {
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', shutdownSource: 'yes' })).toEqual(['shutdownSource: Shut down the source VMs must be true or false (a JSON boolean, not text).']);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', reverseProtection: 1 })).toEqual(['reverseProtection: Reverse protection must be true or false (a JSON boolean, not text).']);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', commitPolicy: 'later' })).toEqual(['commitPolicy: Commit policy must be manual, auto-commit or auto-rollback.']);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', commitTimeoutMinutes: 1441 })).toEqual(['commitTimeoutMinutes: Commit timeout must be at most 1,440 minutes.']);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', shutdownGraceSeconds: 29 })).toEqual(['shutdownGraceSeconds: Grace period must be at least 30 seconds.']);
    expect(issuesOf(startRunSchema, { type: 'failover', planId: 'p', reason: 'x'.repeat(501) })).toEqual(['reason: Reason must be at most 500 characters.']);
  });
});

describe('a recovery plan', () => {
  const tier = (groupIds: string[], delayAfterSeconds?: number) => ({ groupIds, ...(delayAfterSeconds === undefined ? {} : { delayAfterSeconds }) });

  it('is a name and ordered tiers of groups, each tier with a delay after it (0 by default)', () => {
    expect(recoveryPlanSchema.parse({ name: 'DB first', tiers: [tier(['db'], 60), tier(['web'])] })).toEqual({
      name: 'DB first', tiers: [{ groupIds: ['db'], delayAfterSeconds: 60 }, { groupIds: ['web'], delayAfterSeconds: 0 }],
    });
  });

  it('refuses no tiers, an empty tier, too many tiers, a group twice, a delay over an hour', () => {
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [] })).toEqual(['tiers: A plan needs at least one tier.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [tier([])] })).toEqual(['tiers.0.groupIds: Each tier needs at least one group.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: Array.from({ length: 11 }, (_, i) => tier([`g${i}`])) })).toEqual(['tiers: A plan has at most 10 tiers.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: Array.from({ length: 10 }, (_, i) => tier([`g${i}`])) })).toEqual([]);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [tier(['a']), tier(['b', 'a'])] })).toEqual(['tiers: A group may appear only once in a plan.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [tier(['a'], 3601)] })).toEqual(['tiers.0.delayAfterSeconds: Delay after the tier must be at most 3,600 seconds.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [tier(Array.from({ length: 101 }, (_, i) => `g${i}`))] })).toEqual(['tiers.0.groupIds: A tier holds at most 100 groups.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: 'a' })).toEqual(['tiers: Tiers must be a list.']);
    expect(issuesOf(recoveryPlanSchema, { name: 'P', tiers: [{ groupIds: 'a' }] })).toEqual(['tiers.0.groupIds: Each tier needs a list of group ids.']);
    expect(issuesOf(recoveryPlanSchema, { name: '', tiers: [tier(['a'])] })).toEqual(['name: Plan name is required.']);
  });

  it('is changed field by field', () => {
    expect(recoveryPlanPatchSchema.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
  });
});

describe('the other inputs of runs', () => {
  it('stops every test with one result', () => {
    expect(issuesOf(stopRunTestsSchema, { result: 'ok' })).toEqual(['result: Result must be passed or failed.']);
    expect(stopRunTestsSchema.parse({ result: 'passed', notes: 'Drill' })).toEqual({ result: 'passed', notes: 'Drill' });
  });
  it('lists at most 100 runs a page, 25 by default, by status', () => {
    expect(listRunsQuerySchema.parse({})).toEqual({ limit: 25 });
    expect(issuesOf(listRunsQuerySchema, { limit: 101 })).toEqual(['limit: limit must be at most 100.']);
    expect(issuesOf(listRunsQuerySchema, { status: 'done' })[0]).toBe('status: status must be one of in-progress, completed, partially-completed, failed, rolled-back, cancelled.');
  });
  it('forecasts a named site', () => {
    expect(issuesOf(whatIfQuerySchema, {})).toEqual(['siteId: Site must be an id (text).']);
  });
});
