import { describe, expect, it } from 'vitest';
import { ACME_SQL_TIER, ACME_WEB_TIER } from './fixtures';
import { FORCED_OFF_SECONDS, gracefulShutdownSeconds, shutdownPlan } from './shutdown';

// The seed's documented shutdown times (lib/domain/operations/operation-shutdown.test.ts) must hold in every process.
const SQL_TIER = ACME_SQL_TIER;
const WEB_TIER = ACME_WEB_TIER;
/** A guest that ignores the shutdown signal (one in seven does). */
const HUNG = { id: 'vm_1', name: 'hung-01', bootSeconds: 60 };

describe('graceful shutdown of a guest', () => {
  it('takes the same, seeded time in every process', () => {
    expect(SQL_TIER.map(gracefulShutdownSeconds)).toEqual([44, 120, 128]);
    expect(WEB_TIER.map(gracefulShutdownSeconds)).toEqual([22, 25, 29, 20]);
  });

  it('takes at least 5 s, however fast the guest boots', () => {
    expect(gracefulShutdownSeconds({ id: 'vm_x1', name: 'tiny', bootSeconds: 1 })).toBe(5);
  });

  it('never finishes for a guest that hangs', () => {
    expect(gracefulShutdownSeconds(HUNG)).toBeNull();
  });
});

describe('shutdown plan of a group', () => {
  it('lasts as long as the slowest guest when all shut down within the grace period', () => {
    expect(shutdownPlan(SQL_TIER, 300)).toEqual({ durationSeconds: 128, forced: [], graceful: 3, slowestSeconds: 128 });
  });

  it('forces off what still runs at the end of the grace period, a few seconds later', () => {
    expect(FORCED_OFF_SECONDS).toBe(5);
    expect(shutdownPlan(SQL_TIER, 60)).toEqual({ durationSeconds: 65, forced: ['acme-sql-02', 'acme-dc-01'], graceful: 1, slowestSeconds: 44 });
  });

  it('counts a guest that finishes exactly at the end of the grace period as graceful', () => {
    expect(shutdownPlan(SQL_TIER, 120)).toEqual({ durationSeconds: 125, forced: ['acme-dc-01'], graceful: 2, slowestSeconds: 120 });
    expect(shutdownPlan(SQL_TIER, 128)).toEqual({ durationSeconds: 128, forced: [], graceful: 3, slowestSeconds: 128 });
  });

  it('always forces off a hung guest', () => {
    expect(shutdownPlan([HUNG, ...WEB_TIER], 600)).toEqual({ durationSeconds: 605, forced: ['hung-01'], graceful: 4, slowestSeconds: 29 });
    expect(shutdownPlan([HUNG], 30)).toEqual({ durationSeconds: 35, forced: ['hung-01'], graceful: 0, slowestSeconds: 0 });
  });

  it('takes no time for a group without VMs', () => {
    expect(shutdownPlan([], 30)).toEqual({ durationSeconds: 0, forced: [], graceful: 0, slowestSeconds: 0 });
  });
});
