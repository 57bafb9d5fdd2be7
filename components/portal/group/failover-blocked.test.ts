import { describe, expect, it } from 'vitest';
import { failoverBlockedReason } from './failover-blocked';

describe('why the failover actions are disabled', () => {
  it('while the group initialises or resyncs, or is failed over unprotected, with the reason', () => {
    expect(failoverBlockedReason({ status: 'initialising', subStatus: 'initial sync 3 of 5 VMs, 40%, ETA 12 min' }, 'Zurich')).toBe(
      'Initial sync in progress (initial sync 3 of 5 VMs, 40%, ETA 12 min): test, failover and move can start once every VM is synced.',
    );
    expect(failoverBlockedReason({ status: 'reverse-replicating', subStatus: 'delta sync 45%' }, 'London')).toBe(
      'Delta sync to London in progress (delta sync 45%): test, failover and move can start once it has finished.',
    );
    expect(failoverBlockedReason({ status: 'failed-over', subStatus: null }, 'Zurich')).toContain('configure its protection again');
  });

  it('not otherwise: a paused group (site down) can still fail over', () => {
    for (const status of ['meeting-sla', 'rpo-not-met', 'history-not-met', 'paused'] as const) expect(failoverBlockedReason({ status, subStatus: null }, 'Zurich')).toBeNull();
  });
});
