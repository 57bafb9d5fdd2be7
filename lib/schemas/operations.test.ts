import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { failoverSchema, listOperationsQuerySchema, moveSchema, preflightQuerySchema, rollbackSchema, stopTestSchema, testFailoverSchema } from './operations';

const BOTH = 'pointInTime: Give either checkpointId or pointInTime, not both.';

describe('the recovery point of an operation', () => {
  it('is the latest checkpoint, a checkpoint, or a point in time, never two of them', () => {
    expect(testFailoverSchema.parse({})).toEqual({});
    expect(testFailoverSchema.parse({ checkpointId: 'cp_1' })).toEqual({ checkpointId: 'cp_1' });
    expect(testFailoverSchema.parse({ pointInTime: '2026-03-01T12:00:00Z' })).toEqual({ pointInTime: new Date('2026-03-01T12:00:00Z') });
    expect(issuesOf(testFailoverSchema, { checkpointId: 'cp_1', pointInTime: '2026-03-01T12:00:00Z' })).toEqual([BOTH]);
    expect(issuesOf(failoverSchema, { checkpointId: 'cp_1', pointInTime: '2026-03-01T12:00:00Z' })).toEqual([BOTH]);
    expect(issuesOf(preflightQuerySchema, { type: 'failover', checkpointId: 'cp_1', pointInTime: '2026-03-01T12:00:00Z' })).toEqual([BOTH]);
  });
});

describe('failover and failback', () => {
  it('by default shut the source down gracefully for 300 s, do not reverse, and wait 60 min for a person', () => {
    expect(failoverSchema.parse({})).toEqual({ shutdownGraceSeconds: 300, shutdownSource: true, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 60, breakGlass: false });
  });

  it('break glass (start without four-eyes approval) needs a reason of 10 characters or more', () => {
    expect(() => failoverSchema.parse({ breakGlass: true })).toThrow(/Break glass needs a written reason/);
    expect(() => failoverSchema.parse({ breakGlass: true, reason: 'too short' })).toThrow(/Break glass needs a written reason/);
    expect(failoverSchema.parse({ breakGlass: true, reason: 'Primary site lost' })).toMatchObject({ breakGlass: true, reason: 'Primary site lost' });
    expect(() => moveSchema.parse({ breakGlass: true })).toThrow(/Break glass needs a written reason/);
    expect(testFailoverSchema.parse({ breakGlass: true })).not.toHaveProperty('breakGlass');
  });

  it('take a grace period of 30 s to 30 min', () => {
    expect(failoverSchema.parse({ shutdownGraceSeconds: 30 }).shutdownGraceSeconds).toBe(30);
    expect(failoverSchema.parse({ shutdownGraceSeconds: '1800' }).shutdownGraceSeconds).toBe(1800);
    expect(issuesOf(failoverSchema, { shutdownGraceSeconds: 29 })).toEqual(['shutdownGraceSeconds: Grace period must be at least 30 seconds.']);
    expect(issuesOf(failoverSchema, { shutdownGraceSeconds: 1801 })).toEqual(['shutdownGraceSeconds: Grace period must be at most 1,800 seconds.']);
  });

  it('take a commit policy and a timeout of 0 (at once) to 1440 min', () => {
    expect(failoverSchema.parse({ commitPolicy: 'auto-rollback', commitTimeoutMinutes: 0 })).toMatchObject({ commitPolicy: 'auto-rollback', commitTimeoutMinutes: 0 });
    expect(failoverSchema.parse({ commitPolicy: 'auto-commit', commitTimeoutMinutes: 1440 })).toMatchObject({ commitPolicy: 'auto-commit', commitTimeoutMinutes: 1440 });
    expect(issuesOf(failoverSchema, { commitPolicy: 'later', commitTimeoutMinutes: 1441 })).toEqual([
      'commitPolicy: Commit policy must be manual, auto-commit or auto-rollback.',
      'commitTimeoutMinutes: Commit timeout must be at most 1,440 minutes.',
    ]);
    expect(issuesOf(failoverSchema, { commitTimeoutMinutes: -1 })).toEqual(['commitTimeoutMinutes: Commit timeout must be at least 0 minutes.']);
  });

  it('want JSON booleans for the switches', () => {
    expect(issuesOf(failoverSchema, { shutdownSource: 'false' })).toEqual(['shutdownSource: Shut down the source VMs must be true or false (a JSON boolean, not text).']);
    expect(failoverSchema.parse({ shutdownSource: false, reverseProtection: true })).toMatchObject({ shutdownSource: false, reverseProtection: true });
  });
});

describe('a planned move', () => {
  it('by default reverses protection and commits itself at once', () => {
    expect(moveSchema.parse({})).toEqual({ shutdownGraceSeconds: 300, reverseProtection: true, commitPolicy: 'auto-commit', commitTimeoutMinutes: 0, breakGlass: false });
  });

  it('has no recovery point to choose', () => {
    expect(moveSchema.parse({ checkpointId: 'cp_1' })).not.toHaveProperty('checkpointId');
  });
});

describe('stopping a test', () => {
  it('records passed or failed, with optional notes', () => {
    expect(stopTestSchema.parse({ result: 'passed', notes: ' Boot order ok.\nDNS ok. ' })).toEqual({ result: 'passed', notes: 'Boot order ok.\nDNS ok.' });
    expect(issuesOf(stopTestSchema, { result: 'ok' })).toEqual(['result: Result must be passed or failed.']);
  });
});

describe('a rollback', () => {
  const reason = 'Production came back; the recovered copy is stale.';

  it('is an ordinary rollback unless break-glass is asked for', () => {
    expect(rollbackSchema.parse({})).toEqual({ breakGlass: false });
    expect(rollbackSchema.parse({ breakGlass: true, reason })).toEqual({ breakGlass: true, reason });
  });

  it('with break-glass needs a written reason of 10–500 characters', () => {
    expect(issuesOf(rollbackSchema, { breakGlass: true })).toEqual(['reason: A break-glass rollback needs a reason (10–500 characters).']);
    expect(rollbackSchema.safeParse({ breakGlass: true, reason: 'x'.repeat(10) }).success).toBe(true);
    expect(issuesOf(rollbackSchema, { breakGlass: true, reason: 'x'.repeat(9) })).toEqual(['reason: Reason needs at least 10 characters.']);
    expect(issuesOf(rollbackSchema, { breakGlass: true, reason: 'x'.repeat(501) })).toEqual(['reason: Reason must be at most 500 characters.']);
  });
});

describe('listing operations', () => {
  it('pages 50 at a time, at most 200', () => {
    expect(listOperationsQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(listOperationsQuerySchema.parse({ limit: '200', status: 'awaiting-commit', type: 'move' })).toEqual({ limit: 200, status: 'awaiting-commit', type: 'move' });
    expect(issuesOf(listOperationsQuerySchema, { limit: 201 })).toEqual(['limit: limit must be at most 200.']);
    expect(issuesOf(listOperationsQuerySchema, { status: 'done' })).toEqual([
      'status: status must be one of pending, running, testing, awaiting-commit, completed, rolled-back, failed.',
    ]);
  });
});
