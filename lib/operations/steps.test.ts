import { describe, expect, it } from 'vitest';
import { ACME_SQL_TIER, operationOptions } from './fixtures';
import { stepDefinitions } from './steps';
import type { OperationOptions, OperationType } from './types';

const defs = (type: OperationType, over: Partial<OperationOptions> = {}) => stepDefinitions({ type, options: operationOptions(over) });
const byKey = (type: OperationType, key: string, over: Partial<OperationOptions> = {}) => defs(type, over).find((d) => d.key === key);

describe('the steps a live failover shows', () => {
  it('lists each step with its duration, wait and texts', () => {
    expect(defs('failover')).toEqual([
      { key: 'preflight', name: 'Pre-flight checks', durationSeconds: 0, delayBeforeSeconds: 0, detail: 'Checking', doneDetail: 'All checks passed' },
      {
        key: 'shutdown', name: 'Shut down source VMs', durationSeconds: 30, delayBeforeSeconds: 0,
        detail: 'Graceful shutdown of 3 VMs at London', doneDetail: '3 VMs powered off at London',
      },
      { key: 'create-vms', name: 'Create recovered VMs', durationSeconds: 14, delayBeforeSeconds: 0, detail: '3 VMs in the recovery vDC at Zurich', doneDetail: '3 VMs created at Zurich' },
      { key: 'boot', name: 'Boot group 1: App', durationSeconds: 50, delayBeforeSeconds: 0, bootIndex: 0, detail: '2 VMs: app-01, app-02', doneDetail: '2 VMs up in 50 s: app-01, app-02' },
      {
        key: 'boot', name: 'Boot group 2: Web', durationSeconds: 30, delayBeforeSeconds: 60, bootIndex: 1,
        detail: '1 VM: web-01 (starts 60 s after boot group 1)', doneDetail: '1 VM up in 30 s: web-01',
      },
      {
        key: 'network', name: 'Configure network', durationSeconds: 5, delayBeforeSeconds: 0,
        detail: 'Live network settings: "dr-prod", re-IP 10.10.0.0/16 → 10.110.0.0/16', doneDetail: 'Live network settings: "dr-prod", re-IP 10.10.0.0/16 → 10.110.0.0/16',
      },
      { key: 'commit', name: 'Commit', durationSeconds: 5, delayBeforeSeconds: 0, gate: 'decision', detail: 'Waiting for commit or rollback', doneDetail: 'VMs now run at Zurich' },
      {
        key: 'reverse', name: 'Reverse protection', durationSeconds: 5, delayBeforeSeconds: 0,
        skipReason: 'Not requested: the group is failed over and does not replicate',
        detail: 'Replicate back from Zurich to London', doneDetail: 'Replicating back to London (delta sync)',
      },
    ]);
  });

  it('runs reverse protection when requested', () => {
    expect(byKey('failover', 'reverse', { reverseProtection: true })?.skipReason).toBeUndefined();
  });

  it('says when the commit policy decides on its own', () => {
    expect(byKey('failover', 'commit', { commitPolicy: 'auto-commit', commitTimeoutMinutes: 30 })?.detail).toBe('Waiting for commit or rollback; commits automatically after 30 min');
    expect(byKey('failover', 'commit', { commitPolicy: 'auto-rollback', commitTimeoutMinutes: 5 })?.detail).toBe('Waiting for commit or rollback; rolls back automatically after 5 min');
  });

  it('skips the shutdown when not requested, or when the source site is down', () => {
    expect(byKey('failover', 'shutdown', { shutdownSource: false })?.skipReason).toBe('Not requested: the source VMs keep running');
    expect(byKey('failover', 'shutdown', { shutdownSource: false, sourceSiteOnline: false })?.skipReason).toBe('Not requested: the source VMs keep running');
    expect(byKey('failover', 'shutdown', { sourceSiteOnline: false })?.skipReason).toBe('Source site London is offline: its VMs could not be shut down');
  });

  it('replaces commit and reverse protection with a rollback once decided', () => {
    const rollback = defs('failover', { decision: { kind: 'rollback', atMs: 0, auto: false } });
    expect(rollback.map((d) => d.key)).toEqual(['preflight', 'shutdown', 'create-vms', 'boot', 'boot', 'network', 'rollback']);
    expect(rollback.at(-1)).toEqual({
      key: 'rollback', name: 'Roll back', durationSeconds: 15, delayBeforeSeconds: 0, gate: 'decision',
      detail: 'Removing recovered VMs, restoring the source', doneDetail: 'Recovered VMs removed; source VMs and replication as before',
    });
    const commit = defs('failover', { decision: { kind: 'commit', atMs: 0, auto: false } });
    expect(commit.map((d) => d.key).slice(-2)).toEqual(['commit', 'reverse']);
  });

  it('says who broke glass for a rollback while production is down, and why', () => {
    const breakGlass = { reason: 'fire in London', by: 'admin@acme.test', siteName: 'London' };
    expect(byKey('failover', 'rollback', { decision: { kind: 'rollback', atMs: 0, auto: false, breakGlass } })).toMatchObject({
      detail: 'Break-glass by admin@acme.test while London is offline ("fire in London"): removing recovered VMs',
      doneDetail: 'Break-glass by admin@acme.test ("fire in London"): recovered VMs removed; London offline, its VMs could not be restarted',
    });
  });
});

describe('the shutdown step with a grace period', () => {
  const sqlTier = (shutdownGraceSeconds: number) =>
    byKey('failover', 'shutdown', { shutdownGraceSeconds, plan: [{ name: 'Database', delayAfterSeconds: 0, vms: ACME_SQL_TIER }] });

  it('lasts as long as the slowest guest when all shut down in time', () => {
    expect(sqlTier(300)).toMatchObject({
      durationSeconds: 128,
      detail: 'Graceful shutdown of 3 VMs at London; any still running after 300 s is powered off',
      doneDetail: '3 VMs shut down gracefully at London in 128 s',
    });
  });

  it('names the guests forced off when the grace period ends', () => {
    expect(sqlTier(60)).toMatchObject({
      durationSeconds: 65,
      doneDetail: '1 of 3 VMs shut down gracefully; forced off after the 60 s grace period: acme-sql-02, acme-dc-01',
    });
  });
});

describe('the steps of a test failover', () => {
  const isolated: Partial<OperationOptions> = { network: { kind: 'test', mode: 'keep-ip', network: 'isolated', mappings: [] } };

  it('creates "testing recovery" copies, keeps production running and waits to be stopped', () => {
    const steps = defs('test-failover', isolated);
    expect(steps.map((d) => d.key)).toEqual(['preflight', 'create-vms', 'boot', 'boot', 'network', 'stop-test']);
    expect(steps[1]).toMatchObject({ name: 'Create test VMs', detail: '3 VMs in the recovery vDC at Zurich ("testing recovery" copies; production untouched)' });
    expect(steps[4].detail).toBe('Test network settings: "isolated", same IP addresses as production (keep-ip)');
    expect(steps[5]).toEqual({
      key: 'stop-test', name: 'Stop test and remove test VMs', durationSeconds: 10, delayBeforeSeconds: 0, gate: 'stop',
      detail: 'Waiting for the test to be stopped', doneDetail: 'Test VMs powered off and deleted; checkpoint tagged',
    });
  });
});

describe('the steps of a move', () => {
  it('always shuts the source down, then ships the last writes', () => {
    const steps = defs('move', { shutdownSource: false, finalSyncSeconds: 12 });
    expect(steps.map((d) => d.key).slice(0, 4)).toEqual(['preflight', 'shutdown', 'final-sync', 'create-vms']);
    expect(steps[1].skipReason).toBeUndefined();
    expect(steps[2]).toEqual({
      key: 'final-sync', name: 'Final sync', durationSeconds: 12, delayBeforeSeconds: 0,
      detail: 'Shipping the last writes to the target', doneDetail: 'Target identical to the source; clean checkpoint created',
    });
  });

  it('cannot shut down a source site that is down', () => {
    expect(byKey('move', 'shutdown', { sourceSiteOnline: false })?.skipReason).toBe('Source site London is offline: its VMs could not be shut down');
  });
});

describe('network and boot texts', () => {
  it('lists every re-IP mapping, or says there is none', () => {
    const live = (mappings: OperationOptions['network']['mappings']) => byKey('failover', 'network', { network: { kind: 'live', mode: 're-ip', network: 'dr', mappings } })?.detail;
    expect(live([])).toBe('Live network settings: "dr", re-IP (no mapping defined)');
    expect(live([{ sourceSubnet: '10.1.0.0/16', targetSubnet: '10.101.0.0/16' }, { sourceSubnet: '10.2.0.0/16', targetSubnet: '10.102.0.0/16' }])).toBe(
      'Live network settings: "dr", re-IP 10.1.0.0/16 → 10.101.0.0/16, 10.2.0.0/16 → 10.102.0.0/16',
    );
  });

  it('boots an empty group in no time, and starts the next group straight away without a delay', () => {
    const plan = [{ name: 'Empty', delayAfterSeconds: 0, vms: [] }, { name: 'Web', delayAfterSeconds: 0, vms: [{ id: 'w1', name: 'web-01', bootSeconds: 30 }] }];
    const boots = defs('failover', { plan }).filter((d) => d.key === 'boot');
    expect(boots).toEqual([
      { key: 'boot', name: 'Boot group 1: Empty', durationSeconds: 0, delayBeforeSeconds: 0, bootIndex: 0, detail: '0 VMs: no VMs', doneDetail: '0 VMs up in 0 s: no VMs' },
      { key: 'boot', name: 'Boot group 2: Web', durationSeconds: 30, delayBeforeSeconds: 0, bootIndex: 1, detail: '1 VM: web-01', doneDetail: '1 VM up in 30 s: web-01' },
    ]);
    expect(byKey('failover', 'create-vms', { plan })).toMatchObject({ durationSeconds: 8, detail: '1 VM in the recovery vDC at Zurich', doneDetail: '1 VM created at Zurich' });
  });
});
