/**
 * The engine as the portal drives it: groups configured and reconfigured, faults, operations
 * (failover, reverse protection), tags, a restart after a gap, snapshots. Steady writers keep the
 * volumes exact (see group-tick.test.ts for the RPO arithmetic).
 */
import { describe, expect, it } from 'vitest';
import { Engine, ENGINE_SNAPSHOT_VERSION } from './engine';
import { engine, group, LINKS, ofType, run, SITES, steady, T0, vm } from './fixtures';
import type { GroupConfig } from './types';

const codes = (e: Engine) => e.openAlerts().map((a) => a.code).sort();

describe('bandwidth', () => {
  it('a tenant the engine has not heard of gets 100 Mbit/s; a known one keeps its own', () => {
    const e = engine({ tenantMbps: 80 });
    e.upsertGroup(group('new', { tenantId: 'ten_new', members: [steady('n', 0, { synced: false })] }));
    e.upsertGroup(group('old', { members: [steady('o', 0, { synced: false })] }));
    run(e, 10);
    expect(e.ledger('new').syncShippedMB).toBe(125);
    expect(e.ledger('old').syncShippedMB).toBe(100);
  });

  it('a slow link limits a group below its tenant’s bandwidth', () => {
    const e = new Engine({ seed: 1, startMs: T0, sites: SITES, links: [{ ...LINKS[0], capacityMbps: 40 }], tenants: [{ id: 'ten_a', interSiteMbps: 8000 }] });
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false })] }));
    e.upsertGroup(group('back', { sourceSiteId: 'zurich', targetSiteId: 'london', members: [steady('b', 0, { synced: false })] }));
    run(e, 10);
    expect(e.ledger('g').syncShippedMB).toBe(50);
    expect(e.ledger('back').syncShippedMB).toBe(50);
    expect([e.hasLink('london--zurich'), e.hasLink('jersey--london'), e.hasSite('zurich'), e.hasSite('paris')]).toEqual([true, false, true, false]);
  });

  it('between sites with no configured link, only the tenant limits, with a default 50 ms latency', () => {
    const e = engine({ tenantMbps: 80 });
    e.upsertGroup(group('g', { sourceSiteId: 'zurich', targetSiteId: 'guernsey', members: [steady('w', 1), steady('n', 0, { synced: false })] }));
    run(e, 10);
    expect(e.ledger('g')).toMatchObject({ shippedMB: 10, syncShippedMB: 90 });
    // 1 of 10 MB/s for writes: 50 ms + 2 s + 0.3 s + up to 1 s.
    const rpo = e.view('g').rpoSeconds!;
    expect(rpo).toBeGreaterThanOrEqual(2.35);
    expect(rpo).toBeLessThan(3.35);
    e.setLinkDown('guernsey--zurich', true);
    run(e, 1);
    expect(e.view('g').subStatus).toBe('link Zurich–Guernsey down');
  });

  it('shares a busy tenant by priority, medium twice low, across more groups than the scratch space holds', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('m', { priority: 'medium', members: [steady('m', 0, { synced: false })] }));
    for (let i = 0; i < 8; i++) e.upsertGroup(group(`l${i}`, { priority: 'low', members: [steady(`l${i}`, 0, { synced: false })] }));
    run(e, 10);
    // 10 MB/s over weights 2 + 8 × 1.
    expect(e.ledger('m').syncShippedMB).toBeCloseTo(20, 9);
    expect(e.ledger('l7').syncShippedMB).toBeCloseTo(10, 9);
  });

  it('a quiet group asks only for what it writes per second, whatever the step', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('quiet', { members: [steady('q', 1)] }));
    e.upsertGroup(group('sync', { members: [steady('s', 0, { synced: false })] }));
    run(e, 10, 5);
    expect(e.ledger('sync').syncShippedMB).toBe(90);
    expect(e.latencyMs(e.groups.get('quiet')!)).toBe(12);
  });

  it('keeps every group’s writes apart, however many groups there are', () => {
    const e = engine();
    for (let i = 0; i < 17; i++) e.upsertGroup(group(`g${i}`, { members: [steady(`v${i}`, i + 1)] }));
    run(e, 2);
    expect(Array.from({ length: 17 }, (_, i) => e.ledger(`g${i}`).writtenMB)).toEqual(Array.from({ length: 17 }, (_, i) => 2 * (i + 1)));
    const back = Engine.restore(JSON.parse(JSON.stringify(e.snapshot())));
    run(back, 1);
    expect(Array.from({ length: 17 }, (_, i) => back.ledger(`g${i}`).writtenMB)).toEqual(Array.from({ length: 17 }, (_, i) => 3 * (i + 1)));
  });

  it('a removed group no longer takes a share, and a group created in its place writes only its own VMs', () => {
    const e = engine({ tenantMbps: 80 });
    e.upsertGroup(group('a', { members: [steady('a', 0, { synced: false })] }));
    e.upsertGroup(group('b', { members: [steady('b', 0, { synced: false })] }));
    run(e, 10);
    expect(e.ledger('b').syncShippedMB).toBe(50);
    e.removeGroup('a');
    expect(run(e, 10).filter((x) => 'groupId' in x && x.groupId === 'a')).toEqual([]);
    expect(e.ledger('b').syncShippedMB).toBe(150);
    e.upsertGroup(group('c', { members: [steady('c', 3)] }));
    e.upsertGroup(group('d', { members: [steady('d', 1)] }));
    run(e, 10);
    expect(e.ledger('c').writtenMB).toBe(30);
    expect(e.ledger('d').writtenMB).toBe(10);
  });
});

describe('faults and modes', () => {
  it('names every fault that pauses a group', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    e.setSiteDown('london', true);
    e.setSiteDown('zurich', true);
    e.setLinkDown('london--zurich', true);
    e.step(1);
    expect(e.view('g').subStatus).toBe('site London offline; site Zurich offline; link London–Zurich down');
    e.setSiteDown('london', false);
    e.setLinkDown('london--zurich', false);
    expect(e.view('g').subStatus).toBe('site Zurich offline');
    e.setSiteDown('zurich', false);
    e.setLinkDown('nowhere', true);
    expect(e.openAlerts().map((a) => a.message)).toContain('Link nowhere is down');
    expect(e.view('g').status).toBe('meeting-sla');
  });

  it('source VMs stop writing while their site is down or the group is failed over, and write again after', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 10);
    e.setSiteDown('london', true);
    run(e, 10);
    expect(e.ledger('g').writtenMB).toBe(10);
    e.setSiteDown('london', false);
    run(e, 10);
    expect(e.ledger('g').writtenMB).toBe(20);
    e.setGroupMode('g', 'failed-over');
    run(e, 10);
    expect(e.ledger('g').writtenMB).toBe(20);
    e.setGroupMode('g', 'replicating');
    run(e, 10);
    expect(e.ledger('g').writtenMB).toBe(30);
  });

  it('a test failover keeps what has not shipped yet', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    e.setLinkDown('london--zurich', true);
    run(e, 10);
    e.setGroupMode('g', 'testing');
    expect(e.ledger('g')).toMatchObject({ backlogMB: 10, discardedMB: 0 });
  });

  it('a failover discards what had not shipped, and the ledger still balances', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 10);
    e.setLinkDown('london--zurich', true);
    run(e, 10);
    e.setGroupMode('g', 'failed-over');
    e.setGroupMode('g', 'failed-over');
    expect(e.ledger('g')).toEqual({ writtenMB: 20, shippedMB: 10, backlogMB: 0, discardedMB: 10, syncShippedMB: 0 });
  });

  it('names the site and link in the service-wide alerts', () => {
    const e = engine();
    e.setSiteDown('zurich', true);
    e.setLinkDown('jersey--london', true);
    e.setSiteDown('paris', true);
    expect(e.openAlerts().map((x) => [x.code, x.message])).toEqual([['site-down', 'Site Zurich is offline'], ['link-down', 'Link Jersey–London is down'], ['site-down', 'Site paris is offline']]);
    e.setSiteDown('paris', false);
    e.setSiteDown('zurich', false);
    e.setLinkDown('jersey--london', false);
    expect(e.openAlerts()).toEqual([]);
  });

  it('a passed test clears the test-overdue warning at the next tick', () => {
    const e = engine();
    e.upsertGroup(group('g', { lastTestedAtMs: T0 - 400 * 86_400_000 }));
    run(e, 5);
    expect(codes(e)).toEqual(['test-overdue']);
    e.setLastTested('g', e.nowMs);
    e.step(1);
    expect(codes(e)).toEqual([]);
  });

  it('a delta sync held up by an outage is not an initial sync stalled', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 5);
    e.setGroupMode('g', 'failing-over');
    e.setGroupMode('g', 'replicating');
    e.reverseProtection('g');
    e.setLinkDown('london--zurich', true);
    run(e, 11 * 60, 5);
    expect(codes(e)).not.toContain('initial-sync-stalled');
  });

  it('removing a group closes its own alerts, not the service-wide ones', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    e.setSiteDown('zurich', true);
    run(e, 2);
    expect(codes(e)).toEqual(['site-down', 'site-down']);
    e.removeGroup('g');
    expect(e.openAlerts()).toEqual([expect.objectContaining({ code: 'site-down', groupId: null })]);
  });

  it('unknown groups are refused by name', () => {
    const e = engine();
    expect(() => e.view('nope')).toThrow('The engine has no protection group nope');
    expect(() => e.setGroupMode('nope', 'testing')).toThrow(/nope/);
    e.removeGroup('nope');
    e.setLastTested('nope', T0);
  });
});

describe('reverse protection', () => {
  /** Failover started at T0 + 10 s; reversal `after` seconds later. */
  function failedOver(after: number, extra: Partial<GroupConfig> = {}) {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('a', 1), steady('b', 2)], ...extra }));
    run(e, 10);
    e.setGroupMode('g', 'failing-over');
    run(e, after / 2);
    e.setGroupMode('g', 'awaiting-commit');
    run(e, after / 2);
    e.setGroupMode('g', 'replicating');
    return e;
  }

  it('syncs 2% of each disk plus what each VM wrote since replication stopped', () => {
    const e = failedOver(100);
    e.reverseProtection('g');
    // 2% of 102,400 MB = 2,048 MB per VM, plus 100 s × (1 + 2) MB/s.
    expect(e.view('g').backlogMB).toBeCloseTo(2 * 2048 + 300, 9);
    expect(e.view('g')).toMatchObject({ sourceSiteId: 'zurich', targetSiteId: 'london', mode: 'replicating', rpoSeconds: null });
  });

  it('never syncs more than the whole disk', () => {
    const e = failedOver(600, { members: [steady('a', 1, { diskGb: 0.5 })] });
    e.reverseProtection('g');
    expect(e.view('g').backlogMB).toBe(512);
  });

  it('with nothing to sync (an empty group) the reversed group is current at once', () => {
    const e = failedOver(20, { members: [] });
    e.reverseProtection('g');
    run(e, 5);
    expect(e.view('g')).toMatchObject({ status: 'meeting-sla', historyCoveredSeconds: 5, sourceSiteId: 'zurich' });
  });

  it('swaps the direction once: a second call, or one after a reload already swapped it, changes nothing', () => {
    const e = failedOver(20);
    e.reverseProtection('g');
    run(e, 1);
    const left = e.view('g').backlogMB;
    e.reverseProtection('g');
    expect(e.view('g')).toMatchObject({ sourceSiteId: 'zurich', targetSiteId: 'london', backlogMB: left });

    // A reload picked up the swapped direction in the same instant the operation marks the group
    // failed over; the operation's reversal then only resumes replication (and the writes).
    const f = failedOver(20);
    f.upsertGroup(group('g', { sourceSiteId: 'zurich', targetSiteId: 'london', members: [steady('a', 1), steady('b', 2)] }));
    f.setGroupMode('g', 'failed-over');
    run(f, 1);
    f.reverseProtection('g');
    expect(f.view('g')).toMatchObject({ mode: 'replicating', sourceSiteId: 'zurich' });
    const written = f.ledger('g').writtenMB;
    run(f, 1);
    expect(f.ledger('g').writtenMB).toBe(written + 3);
  });

  it('adopts the direction the operation gives, whichever side of it changed', () => {
    for (const [source, target] of [['jersey', 'zurich'], ['london', 'jersey']]) {
      const e = failedOver(20);
      e.reverseProtection('g', { sourceSiteId: source, targetSiteId: target });
      expect(e.view('g')).toMatchObject({ sourceSiteId: source, targetSiteId: target });
    }
  });

  it('given the direction it already replicates in, keeps it: the database has the last word', () => {
    const e = failedOver(20);
    e.reverseProtection('g', { sourceSiteId: 'london', targetSiteId: 'zurich' });
    expect(e.view('g')).toMatchObject({ sourceSiteId: 'london', targetSiteId: 'zurich', mode: 'replicating' });
  });

  it('reversing throws away what had not shipped the old way', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    e.setLinkDown('london--zurich', true);
    run(e, 10);
    e.setLinkDown('london--zurich', false);
    e.reverseProtection('g');
    // Never stopped: just 2% of the disk to compare.
    expect(e.view('g')).toMatchObject({ sourceSiteId: 'zurich', backlogMB: 2048 });
    expect(e.ledger('g')).toMatchObject({ writtenMB: 10, backlogMB: 0, discardedMB: 10 });
  });

  it('a tag needs a consistent copy: not during an initial or delta sync', () => {
    const e = failedOver(20);
    e.reverseProtection('g');
    expect(() => e.tagCheckpoint('g', 'x')).toThrow('the recovery site holds no consistent copy yet');
    const n = engine();
    n.upsertGroup(group('n', { members: [steady('n', 0, { synced: false })] }));
    run(n, 5);
    expect(() => n.tagCheckpoint('n', 'x')).toThrow(/no consistent copy/);
  });
});

describe('tags', () => {
  it('each tag gets its own millisecond, even at the same instant as a crash checkpoint', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 12);
    expect([e.tagCheckpoint('g', 'a').timeMs, e.tagCheckpoint('g', 'b').timeMs].map((t) => t - T0)).toEqual([12_000, 12_001]);
    run(e, 3);
    const lagging = engine({ tenantMbps: 8 });
    lagging.upsertGroup(group('l', { members: [steady('w', 3)] }));
    lagging.step(1);
    // A third of second 1 is at the target: consistent up to T0 + 333.3 ms, tagged on the whole ms.
    expect(lagging.tagCheckpoint('l', 'x').timeMs).toBe(T0 + 333);
    // A crash checkpoint was just taken at T0 + 15 s, the consistent point.
    expect(e.tagCheckpoint('g', 'c', 'usr_9')).toEqual({ id: expect.any(String), timeMs: T0 + 15_001, kind: 'tagged', tag: 'c', createdBy: 'usr_9' });
    expect(e.tagCheckpoint('g', 'd').createdBy).toBeNull();
  });
});

describe('reconfiguration', () => {
  it('assumes history on first start only for a group whose VMs are all at the target', () => {
    const e = engine();
    const since = { assumeHistorySinceMs: T0 - 86_400_000 };
    e.upsertGroup(group('mixed', { members: [vm('a'), vm('b', { synced: false })] }), since);
    e.upsertGroup(group('empty', { members: [] }), since);
    e.upsertGroup(group('all', { journalHistoryHours: 2 }), since);
    expect(e.view('mixed').historyCoveredSeconds).toBe(0);
    expect(e.view('empty').historyCoveredSeconds).toBe(0);
    expect(e.checkpointsOf('empty')).toEqual([]);
    expect(e.view('all').historyCoveredSeconds).toBe(7200);
  });

  it('a VM taken out of a group stops writing into it', () => {
    const e = engine();
    const cfg = group('g', { members: [steady('a', 1), steady('b', 2)] });
    e.upsertGroup(cfg);
    run(e, 10);
    e.upsertGroup({ ...cfg, members: [steady('b', 2)] });
    run(e, 10);
    expect(e.ledger('g').writtenMB).toBe(50);
    expect(e.view('g').members.map((m) => m.vmId)).toEqual(['b']);
  });

  it('a new target in the configuration starts a delta sync over that site’s link', () => {
    const e = engine();
    const cfg = group('g');
    e.upsertGroup(cfg);
    run(e, 10);
    e.upsertGroup({ ...cfg, targetSiteId: 'jersey' });
    // Never stopped: just 2% of each 100 GB disk to compare and send.
    expect(e.view('g').backlogMB).toBe(2 * 2048);
    e.setLinkDown('jersey--london', true);
    run(e, 1);
    expect(e.view('g').subStatus).toBe('link London–Jersey down');
  });

  it('a configuration reload keeps the app-consistent markers on their way', () => {
    const e = engine({ tenantMbps: 8 });
    const cfg = group('g', { appCheckpointMinutes: 1, members: [steady('w', 2, { agentInstalled: true })] });
    e.upsertGroup(cfg);
    run(e, 70);
    e.upsertGroup({ ...cfg, name: 'renamed' });
    expect(ofType(run(e, 50), 'checkpoint').filter((c) => c.kind === 'app').map((c) => c.timeMs - T0)).toEqual([60_000]);
  });

  it('a group still in its initial sync has no history, whatever its history setting', () => {
    const e = engine();
    const cfg = group('g', { members: [steady('n', 0, { synced: false })] });
    e.upsertGroup(cfg);
    run(e, 10);
    e.upsertGroup({ ...cfg, journalHistoryHours: 1 });
    run(e, 10);
    expect(e.view('g').historyCoveredSeconds).toBe(0);
  });

  it('a new source in the configuration also starts a delta sync', () => {
    const e = engine();
    const cfg = group('g');
    e.upsertGroup(cfg);
    run(e, 10);
    e.upsertGroup({ ...cfg, sourceSiteId: 'jersey' });
    expect(e.view('g')).toMatchObject({ sourceSiteId: 'jersey', targetSiteId: 'zurich', backlogMB: 2 * 2048 });
  });

  it('a VM added during an initial sync joins the same round', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    const a = steady('a', 0, { synced: false, diskGb: 1 });
    e.upsertGroup(group('g', { members: [a] }));
    run(e, 50);
    e.upsertGroup(group('g', { members: [a, steady('b', 0, { synced: false, diskGb: 1 })] }));
    // 500 of 2,048 MB.
    expect(e.view('g').subStatus).toMatch(/^initial sync 0 of 2 VMs, 24%, /);
  });

  it('shows a VM that was at the target from the start as synced', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [vm('a')] }));
    expect(e.view('g').members).toEqual([{ vmId: 'a', syncState: 'synced', syncProgress: 1 }]);
  });

  it('a VM resuming its initial sync shows where it left off', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false, syncProgress: 0.25, diskGb: 4 })] }));
    expect(e.view('g').members).toEqual([{ vmId: 'n', syncState: 'syncing', syncProgress: 0.25 }]);
    expect(e.view('g').backlogMB).toBe(3072);
    e.upsertGroup(group('h', { members: [steady('x', 0, { synced: false, syncProgress: 7 }), steady('y', 0, { synced: false, syncProgress: -1, diskGb: 1 })] }));
    expect(e.view('h').members.map((m) => m.syncProgress)).toEqual([1, 0]);
    expect(e.view('h').backlogMB).toBe(1024);
  });

  it('a new initial-sync round counts from zero, and its stall clock starts when the VM is added', () => {
    const e = engine({ tenantMbps: 80 });
    const first = steady('a', 0, { synced: false, diskGb: 0.1 });
    e.upsertGroup(group('g', { members: [first] }));
    run(e, 700);
    expect(e.view('g').status).toBe('meeting-sla');
    e.setLinkDown('london--zurich', true);
    e.upsertGroup(group('g', { members: [first, steady('b', 0, { synced: false, diskGb: 1 })] }));
    run(e, 9 * 60);
    expect(e.view('g').subStatus).toBe('paused' === e.view('g').status ? 'link London–Zurich down' : '');
    expect(codes(e)).not.toContain('initial-sync-stalled');
    e.setLinkDown('london--zurich', false);
    run(e, 1);
    expect(e.view('g').subStatus).toMatch(/^initial sync 1 of 2 VMs, 0%, /);
  });

  it('moving a group to another tenant moves it to that tenant’s bandwidth', () => {
    const e = new Engine({ seed: 1, startMs: T0, sites: SITES, links: LINKS, tenants: [{ id: 'ten_a', interSiteMbps: 80 }, { id: 'ten_b', interSiteMbps: 160 }] });
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false })] }));
    e.upsertGroup(group('other', { members: [steady('o', 0, { synced: false })] }));
    run(e, 10);
    e.upsertGroup(group('g', { tenantId: 'ten_b', members: [steady('n', 0, { synced: false })] }));
    run(e, 10);
    expect(e.ledger('g').syncShippedMB).toBe(50 + 200);
    expect(e.ledger('other').syncShippedMB).toBe(50 + 100);
  });

  it('takes a new name, priority, RPO target, journal limit and test date from the configuration', () => {
    const e = engine({ tenantMbps: 8 });
    const cfg = group('g', { members: [steady('w', 2)] });
    e.upsertGroup(cfg);
    e.upsertGroup(group('other', { priority: 'medium', members: [steady('o', 0, { synced: false })] }));
    run(e, 61);
    expect(codes(e)).toEqual([]);
    e.upsertGroup({ ...cfg, name: 'Payroll', priority: 'high', rpoTargetSeconds: 20, journalLimitGb: 0.01, lastTestedAtMs: null, createdAtMs: T0 - 500 * 86_400_000 });
    const events = run(e, 60);
    expect(codes(e)).toEqual(['history-not-met', 'rpo-breach', 'rpo-warning', 'test-overdue'].filter((c) => c !== 'rpo-warning'));
    expect(ofType(events, 'alert-raised').find((a) => a.code === 'test-overdue')!.message).toContain("'Payroll'");
    expect(e.view('g').journalUsedGb).toBe(0.01);
    // High against medium: 4 of 6 parts of the 1 MB/s.
    const before = e.ledger('g').shippedMB;
    run(e, 6);
    expect(e.ledger('g').shippedMB - before).toBeCloseTo(4, 9);
  });

  it('a new app-consistent interval starts at its next boundary, not with a back-dated checkpoint', () => {
    const e = engine();
    const cfg = group('g', { appCheckpointMinutes: 60, members: [steady('a', 1, { agentInstalled: true })] });
    e.upsertGroup(cfg);
    run(e, 20 * 60, 5);
    e.upsertGroup({ ...cfg, appCheckpointMinutes: 15 });
    let events = run(e, 20 * 60, 5);
    expect(ofType(events, 'checkpoint').filter((c) => c.kind === 'app').map((c) => (c.timeMs - T0) / 60_000)).toEqual([30]);
    e.upsertGroup({ ...cfg, appCheckpointMinutes: 0 });
    events = run(e, 30 * 60, 5);
    expect(ofType(events, 'checkpoint').filter((c) => c.kind === 'app')).toEqual([]);
  });

  it('a longer history setting grows from the history kept so far, not from when the group was created', () => {
    const e = engine();
    const cfg = group('g', { journalHistoryHours: 1, members: [steady('w', 1)] });
    e.upsertGroup(cfg);
    run(e, 2 * 3600, 60);
    expect(e.view('g').historyCoveredSeconds).toBe(3600);
    e.upsertGroup({ ...cfg, journalHistoryHours: 4 });
    expect(e.view('g').historyCoveredSeconds).toBe(3600);
    run(e, 60, 60);
    expect(e.view('g').historyCoveredSeconds).toBe(3660);
    expect(e.view('g').journalFloorMs).toBe(e.nowMs - 4 * 3_600_000);
  });

  it('a shorter history setting drops the older journal at once; a longer one lets it grow again from what is left', () => {
    const e = engine();
    const cfg = group('g', { journalHistoryHours: 2, members: [steady('w', 1)] });
    e.upsertGroup(cfg);
    run(e, 2 * 3600, 60);
    expect(e.view('g').historyCoveredSeconds).toBe(7200);
    e.upsertGroup({ ...cfg, journalHistoryHours: 1 });
    expect(e.view('g').journalFloorMs).toBe(e.nowMs - 3_600_000);
    expect(e.view('g').journalUsedGb).toBeCloseTo(3600 / 1024, 1);
    expect(e.view('g').historyCoveredSeconds).toBe(3600);
    run(e, 60, 60);
    expect(e.checkpointsOf('g')[0].timeMs).toBeGreaterThanOrEqual(e.nowMs - 3_600_000);
    e.upsertGroup({ ...cfg, journalHistoryHours: 3 });
    run(e, 60, 60);
    expect(e.view('g').journalUsedGb).toBeCloseTo(3660 / 1024, 1);
    expect(e.view('g').historyCoveredSeconds).toBe(3660);
  });
});

describe('time', () => {
  it('always moves the clock by at least a millisecond', () => {
    const e = engine();
    e.step(0);
    e.step(0.0004);
    expect(e.nowMs).toBe(T0 + 2);
    e.step(1.2345);
    expect(e.nowMs).toBe(T0 + 2 + 1235);
  });

  it('takes a tick’s write rate at the middle of the tick', () => {
    const e = engine({ startMs: T0 + 5_400_000 }); // 13:30
    e.upsertGroup(group('g', { members: [vm('w', { writeMeanMBps: 1, writePeakFactor: 3, writePeakHourUtc: 14, burstiness: 0 })] }));
    e.step(3600);
    // The peak of a factor-3 cycle at 14:00, held for the hour.
    expect(e.ledger('g').writtenMB).toBeCloseTo(3 * 3600, 6);
  });

  it('eases the displayed rates toward the real ones over 10 s (throughput) and 60 s (sync)', () => {
    const e = engine({ tenantMbps: 80 });
    e.upsertGroup(group('g', { members: [steady('w', 2), steady('n', 0, { synced: false })] }));
    run(e, 15, 5);
    // After one and a half time constants: 1 - e^-1.5 of the way there.
    expect(e.view('g').throughputMBps).toBeCloseTo(2 * (1 - Math.exp(-1.5)), 9);
    expect(e.view('g').wanMBps).toBeCloseTo(10 * (1 - Math.exp(-1.5)), 9);
    run(e, 45, 5);
    // Sync at 8 MB/s for 60 s: 101,920 MB left at a displayed 8 (1 - 1/e) = 5.057 MB/s: 20,155 s.
    expect(e.view('g').subStatus).toBe('initial sync 1 of 2 VMs, 0%, ETA 5 h 36 min');
  });

  it('a restart after a long gap assumes healthy replication meanwhile and back-dates nothing', () => {
    const e = engine();
    e.upsertGroup(group('g', { appCheckpointMinutes: 15, members: [steady('w', 1, { agentInstalled: true })] }));
    e.upsertGroup(group('n', { members: [steady('n', 0, { synced: false })] }));
    run(e, 12);
    e.setLinkDown('london--zurich', true);
    run(e, 10);
    e.setLinkDown('london--zurich', false);
    const target = T0 + 2 * 3_600_000 + 2_000;
    e.skipTo(e.nowMs);
    expect(e.view('g').backlogMB).toBe(10);
    e.skipTo(target);
    e.skipTo(T0);
    expect(e.nowMs).toBe(target);
    expect(e.view('g')).toMatchObject({ backlogMB: 0, historyCoveredSeconds: 0, journalUsedGb: 0 });
    expect(e.ledger('g').discardedMB).toBe(10);
    const events = run(e, 10);
    const cps = ofType(events, 'checkpoint').filter((c) => c.groupId === 'g');
    expect(cps.map((c) => c.timeMs - target)).toEqual([3_000, 8_000]);
    // Samples start again with the 5-s interval the restart falls in: none for the gap.
    expect(ofType(events, 'rpo-sample').map((s) => s.timeMs - T0).filter((t) => t < 7_200_000)).toEqual([]);
    expect(e.view('g').historyCoveredSeconds).toBe(10);
    expect(e.view('n').rpoSeconds).toBeNull();
    // App-consistent checkpoints carry on at their next boundary.
    const later = ofType(run(e, 15 * 60, 5), 'checkpoint').filter((c) => c.kind === 'app');
    expect(later.map((c) => c.timeMs - T0)).toEqual([2 * 3_600_000 + 15 * 60_000]);
    // The still-syncing group is not stalled for the gap.
    expect(codes(e)).toEqual([]);
  });
});

describe('snapshots', () => {
  it('refuses a snapshot of another version', () => {
    const s = engine().snapshot();
    expect(() => Engine.restore({ ...s, version: ENGINE_SNAPSHOT_VERSION + 1 })).toThrow(`Unsupported engine snapshot version ${ENGINE_SNAPSHOT_VERSION + 1}`);
  });

  it('a snapshot without checkpoints restores them from the stored journal, one group at a time', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    e.upsertGroup(group('h'));
    run(e, 20);
    const full = e.snapshot();
    const lean = e.snapshot({ checkpoints: false });
    expect(lean.groups[0].checkpoints).toBeUndefined();
    const asked: string[] = [];
    const back = Engine.restore(JSON.parse(JSON.stringify(lean)), {
      checkpoints: (id) => {
        asked.push(id);
        return id === 'g' ? { times: Float64Array.from(e.checkpointsOf('g').map((c) => c.timeMs)), kinds: new Uint8Array(4), meta: new Map() } : undefined;
      },
    });
    expect(asked).toEqual(['g', 'h']);
    expect(back.checkpointsOf('g')).toEqual(e.checkpointsOf('g'));
    expect(back.checkpointsOf('h')).toEqual([]);
    // Checkpoint times keep increasing across the restart even with none stored.
    expect(back.tagCheckpoint('h', 'after restart').timeMs).toBe(T0 + 20_001);
    expect(Engine.restore(full).checkpointsOf('h')).toEqual(e.checkpointsOf('h'));
  });

  it('restores the single app-consistent marker older snapshots held', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { appCheckpointMinutes: 1, members: [steady('w', 2, { agentInstalled: true })] }));
    run(e, 70);
    const s = e.snapshot();
    const old = (marker: unknown) => ({ ...s, groups: [{ ...s.groups[0], pendingAppMs: marker }] });
    // The target reaches T0 + 60 s at T0 + 120 s.
    const app = (x: Engine) => ofType(run(x, 50), 'checkpoint').filter((c) => c.kind === 'app').map((c) => c.timeMs - T0);
    expect(app(Engine.restore(old(T0 + 60_000)))).toEqual([60_000]);
    expect(app(Engine.restore(old(null)))).toEqual([]);
    expect(app(Engine.restore(s))).toEqual([60_000]);
  });

  it('one snapshot can start several engines that run the same', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { appCheckpointMinutes: 1, members: [steady('w', 2, { agentInstalled: true })] }));
    run(e, 70);
    const s = e.snapshot();
    const a = Engine.restore(s);
    const evA = run(a, 120);
    run(e, 120);
    const b = Engine.restore(s);
    expect(run(b, 120)).toEqual(evA);
  });

  it('a snapshot that lists no tenant gives its groups the default 100 Mbit/s', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false })] }));
    const back = Engine.restore({ ...e.snapshot(), tenants: [] });
    run(back, 10);
    expect(back.ledger('g').syncShippedMB).toBe(125);
  });

  it('a restored engine continues exactly as the original: writes, sharing, faults, modes, alerts', () => {
    const build = () => {
      const e = engine({ seed: 3, tenantMbps: 16 });
      e.upsertGroup(group('hi', { priority: 'high', rpoTargetSeconds: 30, appCheckpointMinutes: 1, lastTestedAtMs: null, createdAtMs: T0 - 400 * 86_400_000, members: [vm('a', { agentInstalled: true, writeMeanMBps: 1.5 })] }));
      e.upsertGroup(group('lo', { priority: 'low', journalHistoryHours: 1, journalLimitGb: 0.05, lastTestedAtMs: T0 - 200 * 86_400_000, createdAtMs: T0 - 400 * 86_400_000, members: [vm('b', { writeMeanMBps: 0.5, continuousWriter: true }), vm('c', { synced: false, diskGb: 1 })] }));
      e.upsertGroup(group('other', { tenantId: 'ten_x', members: [vm('x')] }));
      return e;
    };
    const script = (e: Engine, from: number, to: number) => {
      const events = [];
      for (let i = from; i < to; i++) {
        if (i === 40) e.setGroupMode('other', 'failing-over');
        if (i === 20) e.setLinkDown('guernsey--jersey', true);
        if (i === 70) e.setLinkDown('london--zurich', true);
        if (i === 80) e.setLinkDown('london--zurich', false);
        if (i === 90) e.setSiteDown('zurich', true);
        if (i === 100) {
          e.setGroupMode('other', 'replicating');
          e.reverseProtection('other');
        }
        if (i === 110) e.setSiteDown('zurich', false);
        events.push(...e.step(i % 3 === 0 ? 2 : 1));
      }
      return { events, views: ['hi', 'lo', 'other'].map((id) => [e.view(id), e.ledger(id), e.checkpointsOf(id)]), alerts: e.openAlerts() };
    };
    const straight = build();
    const all = script(straight, 0, 160);
    for (const cut of [75, 95, 105]) {
      const first = build();
      script(first, 0, cut);
      const resumed = Engine.restore(JSON.parse(JSON.stringify(first.snapshot())));
      // What the portal shows straight after the restart is what it showed before it.
      expect(['hi', 'lo', 'other'].map((id) => resumed.view(id))).toEqual(['hi', 'lo', 'other'].map((id) => first.view(id)));
      const rest = script(resumed, cut, 160);
      expect(rest.views).toEqual(all.views);
      expect(rest.alerts).toEqual(all.alerts);
      expect(rest.events).toEqual(all.events.slice(all.events.length - rest.events.length));
      // A group added after the restart takes a slot of its own.
      resumed.upsertGroup(group('late', { members: [steady('late', 5)] }));
      const before = ['hi', 'lo'].map((id) => resumed.ledger(id).writtenMB);
      straight.upsertGroup(group('late', { members: [steady('late', 5)] }));
      const straightBefore = ['hi', 'lo'].map((id) => straight.ledger(id).writtenMB);
      expect(before).toEqual(straightBefore);
      resumed.step(1);
      expect(resumed.ledger('late').writtenMB).toBe(5);
      straight.removeGroup('late');
    }
  });
});
