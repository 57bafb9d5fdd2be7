/**
 * One group's tick, worked out by hand: what ships first, where the consistent point (and so the
 * RPO) stands, when checkpoints are taken, how a sync progresses. Steady writers make the volumes
 * exact; the RPO carries up to 1 s of random pipeline jitter, so it is checked to that second.
 *
 * RPO = age of the consistent point + link latency (London–Zurich 12 ms) + pipeline
 * (2 s + 3 s × the share of the bandwidth used + 0..1 s).
 */
import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { engine, group, LINKS, ofType, run, SITES, steady, T0 } from './fixtures';
import { nextState } from './prng';

const codes = (e: Engine) => e.openAlerts().map((a) => a.code).sort();
/** The RPO shown, checked to lie in [low, low + 1) for the random part of the pipeline. */
const expectRpo = (e: Engine, id: string, low: number) => {
  const rpo = e.view(id).rpoSeconds!;
  expect(rpo).toBeGreaterThanOrEqual(low);
  expect(rpo).toBeLessThan(low + 1);
};
const times = (events: ReturnType<typeof run>, kind: 'crash' | 'app') => ofType(events, 'checkpoint').filter((c) => c.kind === kind).map((c) => c.timeMs - T0);

describe('shipping and the consistent point', () => {
  it('a healthy group is consistent up to the tick just shipped', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 20);
    // Every MB written this tick shipped this tick: the whole bandwidth it asked for was used.
    expectRpo(e, 'g', 0.012 + 5);
    expect(e.view('g').backlogMB).toBe(0);
    expect(e.ledger('g')).toEqual({ writtenMB: 20, shippedMB: 20, backlogMB: 0, discardedMB: 0, syncShippedMB: 0 });
  });

  it('writes outrunning the bandwidth: the target holds the oldest half of them and the RPO grows by half a second a second', () => {
    const e = engine({ tenantMbps: 8 }); // 1 MB/s for 2 MB/s of writes
    e.upsertGroup(group('g', { members: [steady('w', 2)] }));
    const events = run(e, 100);
    expect(e.ledger('g')).toEqual({ writtenMB: 200, shippedMB: 100, backlogMB: 100, discardedMB: 0, syncShippedMB: 0 });
    // 100 MB shipped = the writes of the first 50 s: consistent point T0 + 50 s at T0 + 100 s,
    // RPO 50 s + 12 ms + 5 s pipeline at full load.
    expectRpo(e, 'g', 50 + 0.012 + 5);
    // Each second ships 1 MB = half a second of writes. A crash checkpoint every 5 s marks where
    // the target stands then, not the 5-s boundary itself.
    expect(times(events, 'crash').slice(0, 4)).toEqual([2500, 5000, 7500, 10000]);
    expect(e.view('g').backlogMB).toBe(100);
  });

  it('a link outage freezes the consistent point; on recovery the backlog ships first and the RPO falls back', () => {
    const e = engine(); // 50 MB/s
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 21);
    e.setLinkDown('london--zurich', true);
    const down = run(e, 100);
    // Nothing moves: no bandwidth in use, so only the 2 s pipeline base on top of 100 s.
    expectRpo(e, 'g', 100 + 0.012 + 2);
    expect(ofType(down, 'checkpoint')).toEqual([]);
    expect(e.ledger('g')).toMatchObject({ writtenMB: 121, shippedMB: 21, backlogMB: 100 });
    e.setLinkDown('london--zurich', false);
    // 101 MB waiting, 50 MB/s: the first second ships the outage's first 50 s, 51 s ago.
    const recovery = e.step(1);
    expectRpo(e, 'g', 51 + 0.012 + 5);
    expect(e.view('g').backlogMB).toBe(51);
    recovery.push(...e.step(1));
    // The outage is shipped; what is left is the two seconds since recovery.
    expectRpo(e, 'g', 2 + 0.012 + 5);
    recovery.push(...e.step(1));
    expectRpo(e, 'g', 0.012 + 5);
    expect(e.ledger('g')).toMatchObject({ writtenMB: 124, shippedMB: 124, backlogMB: 0 });
    // No checkpoint is back-dated into the outage: the next one is at the 125 s boundary, current again.
    expect(ofType(recovery, 'checkpoint')).toEqual([]);
    expect(times(run(e, 2), 'crash')).toEqual([125_000]);
  });

  it('a target site outage pauses the same way, and the group raises its own alerts', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 1)], rpoTargetSeconds: 60 }));
    run(e, 10);
    e.setSiteDown('zurich', true);
    run(e, 30);
    expectRpo(e, 'g', 30 + 0.012 + 2);
    expect(codes(e)).toEqual(['site-down', 'site-down']);
    run(e, 30);
    expect(codes(e)).toEqual(['rpo-breach', 'site-down', 'site-down']);
    e.setSiteDown('zurich', false);
    run(e, 3);
    expectRpo(e, 'g', 0.012 + 5);
    expect(codes(e)).toEqual([]);
  });

  it('a group under test keeps replicating and is alerted on; failing over stops it and shows no RPO', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { members: [steady('w', 2)], rpoTargetSeconds: 60 }));
    e.setGroupMode('g', 'testing');
    run(e, 100);
    expect(e.ledger('g').shippedMB).toBe(100);
    expect(codes(e)).toEqual(['rpo-warning']);
    run(e, 30);
    expect(codes(e)).toEqual(['rpo-breach']);
    e.setGroupMode('g', 'failing-over');
    const events = run(e, 10);
    expect(e.view('g').rpoSeconds).toBeNull();
    expect(e.ledger('g').shippedMB).toBe(130);
    // Samples close the intervals before the stop; none is taken while stopped.
    expect(ofType(events, 'rpo-sample').every((x) => x.timeMs < T0 + 130_000)).toBe(true);
    // An operation in progress is not an RPO breach.
    expect(codes(e)).toEqual([]);
  });

  it('shows no RPO while awaiting commit or failed over', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 5);
    e.setGroupMode('g', 'awaiting-commit');
    run(e, 1);
    expect(e.view('g').rpoSeconds).toBeNull();
    e.setGroupMode('g', 'failed-over');
    run(e, 1);
    expect(e.view('g').rpoSeconds).toBeNull();
  });

  it('each tick draws one random number per writing VM and one per group, in a fixed order', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('a', 1), steady('b', 1)] }));
    e.upsertGroup(group('h', { members: [] }));
    let s = e.rng;
    e.step(1);
    for (let i = 0; i < 4; i++) s = nextState(s);
    expect(e.rng).toBe(s);
  });

  it('the link latency is part of the RPO', () => {
    const e = new Engine({ seed: 1, startMs: T0, sites: SITES, links: [{ ...LINKS[0], latencyMs: 3000 }], tenants: [{ id: 'ten_a', interSiteMbps: 400 }] });
    e.upsertGroup(group('g', { members: [steady('w', 1)] }));
    run(e, 5);
    expectRpo(e, 'g', 3 + 5);
  });

  it('warns of an overdue test on the first minute boundary after it became due', () => {
    const e = engine();
    e.upsertGroup(group('g', { lastTestedAtMs: T0 + 90_000 - 365 * 86_400_000 }));
    const raised = ofType(run(e, 150), 'alert-raised');
    expect(raised.map((a) => [a.code, a.atMs - T0])).toEqual([['test-overdue', 120_000]]);
  });

  it('a failed-over group raises no pause alerts of its own for a link that goes down', () => {
    const e = engine();
    e.upsertGroup(group('g'));
    run(e, 5);
    e.setGroupMode('g', 'failed-over');
    e.setLinkDown('london--zurich', true);
    run(e, 5);
    expect(codes(e)).toEqual(['link-down']);
    expect(e.openAlerts()[0].groupId).toBeNull();
  });
});

describe('initial and delta sync', () => {
  it('a sync gets what the writes leave of the bandwidth, and shipping writes costs the RPO a share of the pipeline', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('g', { members: [steady('w', 2), steady('new', 0, { synced: false, diskGb: 10 })] }));
    run(e, 10);
    expect(e.ledger('g')).toEqual({ writtenMB: 20, shippedMB: 20, backlogMB: 0, discardedMB: 0, syncShippedMB: 80 });
    // 2 of 10 MB/s in use for writes: pipeline 2 + 3 × 0.2 s.
    expectRpo(e, 'g', 0.012 + 2.6);
    expect(e.view('g').journalUsedGb).toBe(20 / 1024);
    // The charts: 2 MB/s written, the whole 10 MB/s over the WAN.
    expect(ofType(run(e, 10), 'rpo-sample').filter((x) => x.tier === 0).map((x) => [x.throughputMBps, x.wanMBps])).toEqual([[2, 10], [2, 10]]);
  });

  it('a continuous writer is still named as one after its initial sync', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('bkp', 1, { synced: false, diskGb: 0.1, continuousWriter: true })] }));
    const events = run(e, 5);
    expect(ofType(events, 'member-synced')).toHaveLength(1);
    expect(e.view('g').subStatus).toBe('continuous writer: bkp');
  });

  it('a failed-over group mid initial sync is not an initial sync stalled', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false })] }));
    run(e, 5);
    e.setGroupMode('g', 'failed-over');
    run(e, 11 * 60, 5);
    expect(codes(e)).toEqual([]);
  });

  it('calls an initial sync stalled exactly 10 minutes after its last progress', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('n', 0, { synced: false })] }));
    run(e, 30);
    e.setLinkDown('london--zurich', true);
    const raised = ofType(run(e, 601), 'alert-raised').filter((a) => a.code === 'initial-sync-stalled');
    expect(raised.map((a) => a.atMs - T0)).toEqual([630_000]);
  });

  it('keeps no journal before the first VM reaches the target, though the writes already ship', () => {
    const e = engine({ tenantMbps: 80 });
    e.upsertGroup(group('g', { members: [steady('w', 1, { synced: false, diskGb: 1 })] }));
    run(e, 10);
    expect(e.ledger('g')).toMatchObject({ shippedMB: 10, syncShippedMB: 90 });
    expect(e.view('g')).toMatchObject({ journalUsedGb: 0, historyCoveredSeconds: 0, rpoSeconds: null });
  });

  it('shares the sync bandwidth equally among the VMs still syncing, and hands a finished VM’s share on', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('g', { members: [steady('small', 0, { synced: false, diskGb: 1 }), steady('big', 0, { synced: false, diskGb: 3 })] }));
    let events = run(e, 204);
    expect(ofType(events, 'member-synced')).toEqual([]);
    expect(e.view('g').rpoSeconds).toBeNull();
    expect(e.checkpointsOf('g')).toEqual([]);
    // 5 MB/s each: the 1,024 MB VM is done in second 205, which also gives its spare MB to the big one.
    events = run(e, 1);
    expect(ofType(events, 'member-synced')).toEqual([{ type: 'member-synced', groupId: 'g', vmId: 'small', atMs: T0 + 205_000 }]);
    expect(e.ledger('g').syncShippedMB).toBe(2050);
    // One VM at the target is a consistent copy of what is there: the group has an RPO from now.
    expect(e.view('g').rpoSeconds).not.toBeNull();
    expect(e.view('g').subStatus).toMatch(/^initial sync 1 of 2 VMs, 50%, ETA 3 min 3\d s$/);
    expect(e.view('g').members).toEqual([
      { vmId: 'small', syncState: 'synced', syncProgress: 1 },
      { vmId: 'big', syncState: 'syncing', syncProgress: (1025 + 1) / 3072 },
    ]);
    // 4,096 MB in all at 10 MB/s: done 409.6 s in.
    events = run(e, 205);
    expect(ofType(events, 'member-synced')).toEqual([{ type: 'member-synced', groupId: 'g', vmId: 'big', atMs: T0 + 410_000 }]);
    expect(e.view('g').status).toBe('meeting-sla');
    expect(e.ledger('g').syncShippedMB).toBe(4096);
    // The journal has collected since the first VM arrived.
    expect(e.view('g').historyCoveredSeconds).toBe(205);
  });

  it('a delta sync after a reversal ships the differences without re-announcing synced VMs, then starts a new journal', () => {
    const e = engine({ tenantMbps: 80 }); // 10 MB/s
    e.upsertGroup(group('g', { members: [steady('a', 1, { diskGb: 1 })] }));
    run(e, 10);
    e.setGroupMode('g', 'failing-over');
    run(e, 10);
    e.setGroupMode('g', 'replicating');
    e.reverseProtection('g');
    // 2% of 1,024 MB plus the 10 s of writes since replication stopped: 30.48 MB.
    expect(e.view('g').backlogMB).toBeCloseTo(30.48, 9);
    // No checkpoint until the new target is consistent again.
    expect(ofType(e.step(1), 'checkpoint')).toEqual([]);
    expect(e.view('g').journalUsedGb).toBe(0);
    expect(e.view('g').historyCoveredSeconds).toBe(0);
    const events = run(e, 4);
    expect(ofType(events, 'member-synced')).toEqual([]);
    expect(e.view('g')).toMatchObject({ status: 'meeting-sla', sourceSiteId: 'zurich', targetSiteId: 'london', backlogMB: 0 });
    // 9 MB/s left for the delta after the writes: done in the 4th second; history starts there.
    run(e, 6);
    expect(e.view('g').historyCoveredSeconds).toBe(7);
  });
});

describe('checkpoints', () => {
  it('an app-consistent checkpoint appears once the target has caught up with its marker', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { appCheckpointMinutes: 1, members: [steady('w', 1.25, { agentInstalled: true })] }));
    // The marker is set at T0 + 60 s; the target, receiving 0.8 s of writes a second, reaches it at T0 + 75 s.
    const before = run(e, 74);
    expect(times(before, 'app')).toEqual([]);
    expect(times(run(e, 1), 'app')).toEqual([60_000]);
  });

  it('every app-consistent marker becomes a checkpoint even when the target lags by more than the interval', () => {
    const e = engine({ tenantMbps: 8 });
    e.upsertGroup(group('g', { appCheckpointMinutes: 1, members: [steady('w', 2, { agentInstalled: true })] }));
    // At half speed the target reaches the marker of minute m at 2m minutes, after the next marker was set.
    const events = run(e, 6 * 60);
    expect(times(events, 'app')).toEqual([60_000, 120_000, 180_000]);
    // A restart keeps the markers still on their way.
    const resumed = Engine.restore(JSON.parse(JSON.stringify(e.snapshot())));
    expect(times(run(resumed, 120), 'app')).toEqual([240_000]);
  });

  it('keeps no more app-consistent markers than the history window holds during a long link outage', () => {
    const e = engine();
    e.upsertGroup(group('g', { journalHistoryHours: 1, appCheckpointMinutes: 1, members: [steady('w', 0.1, { agentInstalled: true })] }));
    e.setLinkDown('london--zurich', true);
    run(e, 3 * 3600, 10);
    // One marker a minute for three hours, but only the last hour's (60, or 61 on the boundary) are
    // still worth delivering; the rest would be pruned the moment they landed.
    const queued = (JSON.parse(JSON.stringify(e.snapshot())).groups as { id: string; pendingAppMs: number[] }[]).find((g) => g.id === 'g')!.pendingAppMs;
    expect(queued.length).toBeGreaterThanOrEqual(60);
    expect(queued.length).toBeLessThanOrEqual(61);
    expect(queued[0]).toBeGreaterThanOrEqual(T0 + 2 * 3600_000);
    e.setLinkDown('london--zurich', false);
    const after = run(e, 120, 10);
    expect(times(after, 'app').every((t) => t >= 2 * 3600_000)).toBe(true);
    expect(times(after, 'app').length).toBeGreaterThanOrEqual(60);
  });

  it('takes no app-consistent checkpoint for a slot in which the source site was down', () => {
    const e = engine();
    e.upsertGroup(group('g', { appCheckpointMinutes: 1, members: [steady('w', 1, { agentInstalled: true })] }));
    const events = run(e, 50);
    e.setSiteDown('london', true);
    events.push(...run(e, 20));
    e.setSiteDown('london', false);
    events.push(...run(e, 60));
    expect(times(events, 'app')).toEqual([120_000]);
    expect(e.checkpointsOf('g').filter((c) => c.kind === 'app').map((c) => c.timeMs - T0)).toEqual([120_000]);
  });

  it('thins crash checkpoints older than an hour once a minute, on the minute', () => {
    const e = engine();
    e.upsertGroup(group('g', { members: [steady('w', 0.1)] }));
    // Nothing is an hour old during the first hour: nothing to thin, and no empty notices.
    expect(ofType(run(e, 3600 + 30, 5), 'checkpoints-thinned')).toEqual([]);
    const thinnedAt: number[] = [];
    for (let i = 0; i < 36; i++) {
      const thinned = ofType(e.step(5), 'checkpoints-thinned');
      const removed = thinned.flatMap((x) => x.timesMs);
      if (thinned.length) {
        thinnedAt.push(e.nowMs - T0);
        expect(Math.max(...removed)).toBeLessThan(e.nowMs - 3_600_000);
      }
    }
    expect(thinnedAt).toEqual([3_660_000, 3_720_000, 3_780_000]);
  });

  it('alerts on a journal limit only once it cuts more than a minute off the history', () => {
    const e = engine();
    // 1 MB/s for 1 h of history is 3,600 MB: 3,570 MB cuts ~30 s off it, 3,500 MB ~100 s.
    e.upsertGroup(group('near', { journalHistoryHours: 1, journalLimitGb: 3570 / 1024, members: [steady('a', 1)] }));
    e.upsertGroup(group('short', { journalHistoryHours: 1, journalLimitGb: 3500 / 1024, members: [steady('b', 1)] }));
    run(e, 3600 + 300, 5);
    expect(e.openAlerts().map((x) => [x.code, x.groupId])).toEqual([['history-not-met', 'short']]);
    expect(e.view('near').status).toBe('meeting-sla');
    expect(e.view('near').historyCoveredSeconds).toBe(3570);
    // An operation in progress is not a journal SLA miss.
    e.setGroupMode('short', 'failing-over');
    e.step(5);
    expect(codes(e)).toEqual([]);
    // The journal shown starts where the limit cut it.
    expect(e.view('short').journalFloorMs).toBe(e.nowMs - e.view('short').historyCoveredSeconds * 1000);
  });

  it('keeps only the checkpoints inside the history window', () => {
    const e = engine();
    e.upsertGroup(group('g', { journalHistoryHours: 1, members: [steady('w', 0.1)] }));
    run(e, 3600 + 600, 5);
    const cps = e.checkpointsOf('g');
    expect(cps[0].timeMs).toBe(e.nowMs - 3_600_000);
    expect(e.view('g').historyCoveredSeconds).toBe(3600);
  });
});
