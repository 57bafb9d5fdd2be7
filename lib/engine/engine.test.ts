import { describe, expect, it } from 'vitest';
import { engine, group, ofType as of, run, steady, T0, vm } from './fixtures';
import type { EngineEvent } from './types';

const codes = (e: ReturnType<typeof engine>) => e.openAlerts().map((a) => a.code).sort();

describe('a healthy group', () => {
  it('meets its SLA with an RPO of a few seconds and a crash checkpoint every 5 s', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    const events = run(e, 600);
    const v = e.view('g');
    expect(v.status).toBe('meeting-sla');
    expect(v.subStatus).toBeNull();
    expect(v.rpoSeconds).toBeGreaterThan(1);
    expect(v.rpoSeconds).toBeLessThan(15);
    const crash = of(events, 'checkpoint').filter((c) => c.kind === 'crash');
    expect(crash).toHaveLength(120);
    expect(crash.every((c) => c.timeMs % 5_000 === 0)).toBe(true);
    expect(of(events, 'rpo-sample').filter((s) => s.tier === 0)).toHaveLength(119);
    expect(v.throughputMBps).toBeGreaterThan(0);
    expect(v.backlogMB).toBeLessThan(1);
  });

  it('writes app-consistent checkpoints on schedule only when every member has the agent', () => {
    const e = engine();
    e.upsertGroup(group('agents', { members: [vm('a1', { agentInstalled: true }), vm('a2', { agentInstalled: true })], appCheckpointMinutes: 30 }));
    e.upsertGroup(group('mixed', { members: [vm('m1', { agentInstalled: true }), vm('m2')], appCheckpointMinutes: 30 }));
    run(e, 2 * 3600, 5);
    expect(e.checkpointsOf('agents').filter((c) => c.kind === 'app').map((c) => c.timeMs % 1_800_000)).toEqual([0, 0, 0, 0]);
    expect(e.checkpointsOf('mixed').filter((c) => c.kind === 'app')).toHaveLength(0);
  });

  it('tags a checkpoint on demand at the latest consistent point', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 12);
    const cp = e.tagCheckpoint('g', 'before upgrade', 'usr_1');
    expect(cp).toMatchObject({ kind: 'tagged', tag: 'before upgrade', createdBy: 'usr_1' });
    expect(cp.timeMs).toBeGreaterThan(T0);
    expect(e.takeEvents()).toContainEqual({ type: 'checkpoint', groupId: 'g', timeMs: cp.timeMs, kind: 'tagged', tag: 'before upgrade', createdBy: 'usr_1' });
    expect(e.checkpointsOf('g').at(-1)).toEqual(cp);
  });
});

describe('initial sync', () => {
  it('syncs a new VM at link speed with progress and ETA, then protects it', () => {
    // 400 Mbit/s = 50 MB/s; 100 GB = 102,400 MB → ~34 min.
    const e = engine({ tenantMbps: 400 });
    e.upsertGroup(group('g', { members: [steady('new', 0.1, { synced: false })] }));
    run(e, 600);
    let v = e.view('g');
    expect(v.status).toBe('initialising');
    expect(v.rpoSeconds).toBeNull();
    expect(v.subStatus).toMatch(/^initial sync 0 of 1 VMs, 29%, ETA 2\d min$/);
    expect(v.members[0].syncProgress).toBeCloseTo(0.29, 1);
    expect(e.checkpointsOf('g')).toHaveLength(0);
    const events = run(e, 1800);
    v = e.view('g');
    expect(of(events, 'member-synced')).toEqual([expect.objectContaining({ vmId: 'new' })]);
    expect(v.status).toBe('meeting-sla');
    expect(v.members[0]).toEqual({ vmId: 'new', syncState: 'synced', syncProgress: 1 });
    expect(e.checkpointsOf('g').length).toBeGreaterThan(10);
  });

  it('counts VMs done when one is added to a protected group', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 10);
    const cfg = group('g');
    e.upsertGroup({ ...cfg, members: [...cfg.members, vm('added', { synced: false, diskGb: 500 })] });
    run(e, 10);
    expect(e.view('g').subStatus).toMatch(/^initial sync 2 of 3 VMs/);
    // Already protected members keep their journal going meanwhile.
    expect(e.view('g').rpoSeconds).toBeLessThan(15);
  });

  it('shares the tenant limit by priority', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('high', { priority: 'high', members: [steady('h', 0, { synced: false, diskGb: 1000 })] }));
    e.upsertGroup(group('low', { priority: 'low', members: [steady('l', 0, { synced: false, diskGb: 1000 })] }));
    run(e, 100);
    expect(e.ledger('high').syncShippedMB).toBeCloseTo(800, 0);
    expect(e.ledger('low').syncShippedMB).toBeCloseTo(200, 0);
  });

  it('raises "initial sync stalled" when no progress is made for 10 minutes', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('new', 0.1, { synced: false })] }));
    run(e, 30);
    e.setLinkDown('london--zurich', true);
    run(e, 9 * 60);
    expect(codes(e)).not.toContain('initial-sync-stalled');
    run(e, 120);
    expect(codes(e)).toContain('initial-sync-stalled');
    e.setLinkDown('london--zurich', false);
    run(e, 5);
    expect(codes(e)).not.toContain('initial-sync-stalled');
  });
});

describe('RPO and journal SLA', () => {
  it('warns at 80% of target and breaches over it when writes outrun the bandwidth', () => {
    const e = engine({ tenantMbps: 8 }); // 1 MB/s for 2 MB/s of writes: RPO grows ~0.5 s per second
    e.upsertGroup(group('g', { rpoTargetSeconds: 300, members: [steady('w', 2)] }));
    const events = run(e, 700);
    expect(of(events, 'alert-raised').map((a) => a.code)).toEqual(['rpo-warning', 'rpo-breach']);
    const raised = of(events, 'alert-raised');
    expect(raised[1].atMs).toBeGreaterThan(raised[0].atMs);
    const v = e.view('g');
    expect(v.status).toBe('rpo-not-met');
    expect(v.subStatus).toMatch(/^RPO \d+ min( \d+ s)? over the 5 min target; bandwidth-limited: the 8 Mbit\/s inter-site limit is saturated$/);
    expect(v.limitReason).toBe('bandwidth-limited');
    expect(v.backlogMB).toBeGreaterThan(300);
    // Data still flows, so checkpoints continue, lagging behind the clock.
    const cps = e.checkpointsOf('g');
    expect(cps.at(-1)!.timeMs).toBeLessThan(e.nowMs - 300_000);
    expect(cps.at(-1)!.timeMs).toBeGreaterThan(e.nowMs - 400_000);
  });

  it('keeps the breach as history: raised and resolved when the backlog drains', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { rpoTargetSeconds: 120, members: [steady('w', 2)] }));
    run(e, 300);
    e.upsertTenant({ id: 'ten_a', interSiteMbps: 400 });
    const events = run(e, 300);
    expect(of(events, 'alert-resolved').map((a) => a.key)).toContain('rpo-breach:g');
    expect(e.view('g').status).toBe('meeting-sla');
    expect(e.view('g').rpoSeconds).toBeLessThan(15);
  });

  it('is history-not-met when the journal limit cuts the history short', () => {
    const e = engine();
    // 1 MB/s for a 2 h history needs ~7 GB; the limit holds 2 GB (~34 min).
    e.upsertGroup(group('g', { journalHistoryHours: 2, journalLimitGb: 2, members: [steady('w', 1)] }));
    run(e, 3600, 5);
    const v = e.view('g');
    expect(v.status).toBe('history-not-met');
    expect(v.subStatus).toMatch(/^journal limit 2 GB holds 3\d min of 2 h history$/);
    expect(v.historyCoveredSeconds).toBeGreaterThan(30 * 60);
    expect(v.historyCoveredSeconds).toBeLessThan(36 * 60);
    expect(v.journalUsedGb).toBeCloseTo(2, 5);
    expect(codes(e)).toContain('history-not-met');
    expect(e.checkpointsOf('g')[0].timeMs).toBeGreaterThanOrEqual(e.nowMs - v.historyCoveredSeconds * 1000 - 1000);
  });

  it('says rpo-not-met when both RPO and history are short', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { rpoTargetSeconds: 60, journalHistoryHours: 1, journalLimitGb: 0.1, members: [steady('w', 2)] }));
    run(e, 1800, 5);
    expect(codes(e)).toEqual(expect.arrayContaining(['history-not-met', 'rpo-breach']));
    expect(e.view('g').status).toBe('rpo-not-met');
  });

  it('a young group is not history-not-met just for being young', () => {
    const e = engine();
    e.upsertGroup(group('g', { journalHistoryHours: 24 }));
    run(e, 3600, 5);
    expect(e.view('g').status).toBe('meeting-sla');
    expect(e.view('g').historyCoveredSeconds).toBe(3600);
  });
});

describe('faults', () => {
  it('pauses on a site outage: RPO grows, checkpoints stop, alerts fire; recovers when it is back', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 60);
    e.setSiteDown('zurich', true);
    expect(codes(e)).toEqual(['site-down']); // service-wide, at once
    const down = run(e, 900);
    const v = e.view('g');
    expect(v.status).toBe('paused');
    expect(v.subStatus).toBe('site Zurich offline');
    expect(v.rpoSeconds).toBeGreaterThan(900);
    expect(of(down, 'checkpoint')).toHaveLength(0);
    expect(codes(e)).toEqual(['rpo-breach', 'site-down', 'site-down']);
    expect(v.backlogMB).toBeGreaterThan(0);
    e.setSiteDown('zurich', false);
    const back = run(e, 120);
    expect(e.view('g').status).toBe('meeting-sla');
    expect(e.view('g').rpoSeconds).toBeLessThan(15);
    expect(codes(e)).toEqual([]);
    expect(of(back, 'checkpoint').length).toBeGreaterThan(20);
  });

  it('a source site outage stops the writes as well as the shipping', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 10);
    const before = e.ledger('g');
    e.setSiteDown('london', true);
    run(e, 300);
    const after = e.ledger('g');
    expect(after.writtenMB).toBe(before.writtenMB);
    expect(after.shippedMB).toBe(before.shippedMB);
    expect(e.view('g').subStatus).toBe('site London offline');
  });

  it('a link outage ships nothing; the backlog drains when it is back', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 10);
    e.setLinkDown('london--zurich', true);
    const shipped = e.ledger('g').shippedMB;
    run(e, 600);
    expect(e.ledger('g').shippedMB).toBe(shipped);
    expect(e.view('g').subStatus).toBe('link London–Zurich down');
    expect(codes(e)).toEqual(['link-down', 'link-down', 'rpo-breach']);
    e.setLinkDown('london--zurich', false);
    run(e, 60);
    expect(e.ledger('g').backlogMB).toBeLessThan(1);
    expect(e.view('g').status).toBe('meeting-sla');
  });
});

describe('warnings', () => {
  it('warns about a continuous writer in a protected group, until it leaves the group', () => {
    const e = engine();
    const cfg = group('g', { members: [vm('bkp', { continuousWriter: true, writeMeanMBps: 8, name: 'acme-bkp-01' }), vm('file')] });
    e.upsertGroup(cfg);
    expect(e.openAlerts()).toEqual([expect.objectContaining({ code: 'continuous-writer', level: 'warning', vmId: 'bkp', message: expect.stringContaining('acme-bkp-01') })]);
    run(e, 5);
    expect(e.view('g').subStatus).toBe('continuous writer: acme-bkp-01');
    e.upsertGroup({ ...cfg, members: [vm('file')] });
    expect(codes(e)).toEqual([]);
  });

  it('flags a group not tested for 12 months', () => {
    const e = engine();
    e.upsertGroup(group('old', { lastTestedAtMs: T0 - 400 * 86_400_000 }));
    e.upsertGroup(group('never-young', { lastTestedAtMs: null, createdAtMs: T0 - 10 * 86_400_000 }));
    e.upsertGroup(group('never-old', { lastTestedAtMs: null, createdAtMs: T0 - 500 * 86_400_000 }));
    run(e, 61);
    expect(e.openAlerts().filter((a) => a.code === 'test-overdue').map((a) => a.groupId).sort()).toEqual(['never-old', 'old']);
  });
});

describe('operations', () => {
  it('keeps replicating while testing', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    e.setGroupMode('g', 'testing');
    const events = run(e, 60);
    expect(e.view('g').status).toBe('testing');
    expect(of(events, 'checkpoint').length).toBe(12);
  });

  it('stops replication while failing over and reverses with a delta sync', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 60);
    e.setGroupMode('g', 'failing-over');
    const during = run(e, 120);
    expect(e.view('g')).toMatchObject({ status: 'failing-over', rpoSeconds: null });
    expect(of(during, 'checkpoint')).toHaveLength(0);
    e.setGroupMode('g', 'awaiting-commit');
    expect(e.view('g').status).toBe('awaiting-commit');
    e.setGroupMode('g', 'replicating');
    e.reverseProtection('g', { sourceSiteId: 'zurich', targetSiteId: 'london' });
    expect(e.takeEvents()).toContainEqual(expect.objectContaining({ type: 'journal-reset', groupId: 'g' }));
    expect(e.checkpointsOf('g')).toHaveLength(0);
    run(e, 30);
    let v = e.view('g');
    expect(v).toMatchObject({ status: 'reverse-replicating', sourceSiteId: 'zurich', targetSiteId: 'london' });
    expect(v.subStatus).toMatch(/^delta sync \d+%$/);
    // A reload that picked up the swapped direction, then the operation's call: no second reversal.
    e.reverseProtection('g', { sourceSiteId: 'zurich', targetSiteId: 'london' });
    expect(e.view('g').sourceSiteId).toBe('zurich');
    run(e, 3600, 5);
    v = e.view('g');
    expect(v.status).toBe('meeting-sla');
    expect(e.checkpointsOf('g').length).toBeGreaterThan(10);
  });

  it('alerts on a reverse-replicating group over its RPO target as it would on a forward one', () => {
    // 1 MB/s for a delta sync of ~4 GB: the new target is not consistent for over an hour.
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { rpoTargetSeconds: 300 }));
    run(e, 60);
    e.setGroupMode('g', 'failing-over');
    run(e, 60);
    e.setGroupMode('g', 'replicating');
    e.reverseProtection('g', { sourceSiteId: 'zurich', targetSiteId: 'london' });
    const events = run(e, 20 * 60, 5);
    const v = e.view('g');
    expect(v.status).toBe('reverse-replicating');
    expect(v.rpoSeconds).toBeGreaterThan(19 * 60);
    expect(of(events, 'alert-raised').map((a) => a.code)).toEqual(['rpo-warning', 'rpo-breach']);
    expect(codes(e)).toContain('rpo-breach');
    expect(v.subStatus).toMatch(/^delta sync \d+%; RPO \d+ min( \d+ s)? over the 5 min target$/);
  });

  it('counts what a delta sync or an initial sync still has to send as backlog at the source', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('new', { members: [steady('n', 0.1, { synced: false, diskGb: 20 })] }));
    run(e, 60);
    // 20 GB to send at 1 MB/s: about 20 GB less a minute of it is still at the source.
    expect(e.view('new').backlogMB).toBeGreaterThan(20 * 1024 - 120);
    expect(e.view('new').backlogMB).toBeLessThan(20 * 1024);

    e.upsertGroup(group('g'));
    run(e, 60);
    e.setGroupMode('g', 'failing-over');
    e.setGroupMode('g', 'replicating');
    e.reverseProtection('g', { sourceSiteId: 'zurich', targetSiteId: 'london' });
    run(e, 10);
    // 2 % of two 100 GB disks still to compare and send.
    expect(e.view('g').backlogMB).toBeGreaterThan(3000);
  });

  it('does not replicate once failed over', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 10);
    e.setGroupMode('g', 'failed-over');
    const events = run(e, 60);
    expect(e.view('g')).toMatchObject({ status: 'failed-over', rpoSeconds: null, backlogMB: 0 });
    expect(of(events, 'checkpoint')).toHaveLength(0);
    expect(() => e.tagCheckpoint('g', 'x')).toThrow(/failed over/);
  });

  it('forgets a removed group and closes its alerts', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [vm('bkp', { continuousWriter: true })] }));
    e.removeGroup('g');
    expect(e.groups.size).toBe(0);
    expect(e.openAlerts()).toEqual([]);
    run(e, 10);
  });
});

describe('first start with history', () => {
  it('assumes a healthy journal since the given time', () => {
    const e = engine();
    const events: EngineEvent[] = [];
    e.upsertGroup(group('g', { journalHistoryHours: 48, members: [vm('a', { agentInstalled: true })] }), { assumeHistorySinceMs: T0 - 100 * 86_400_000 });
    events.push(...e.takeEvents());
    const v = e.view('g');
    expect(v.historyCoveredSeconds).toBe(48 * 3600);
    expect(v.journalUsedGb).toBeGreaterThan(10);
    expect(of(events, 'checkpoint').filter((c) => c.kind === 'app')).toHaveLength(48);
    expect(of(events, 'checkpoint').filter((c) => c.kind === 'crash').length).toBeGreaterThanOrEqual(48 * 4 - 48);
    run(e, 60);
    expect(e.view('g').status).toBe('meeting-sla');
  });
});
