/**
 * Guaranteed IOPS of recovery volumes, inter-site links shared by tenants, degraded sites: what
 * each does to backlog, RPO and the reason a group gives. Steady writers keep the numbers exact.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { group, LINKS, run, SITES, steady, T0 } from './fixtures';
import type { EngineEvent, VolumeConfig } from './types';

const volume = (iops: number, extra: Partial<VolumeConfig> = {}): VolumeConfig => ({ id: 'vol_a', tenantId: 'ten_a', siteId: 'zurich', guaranteedIops: iops, ...extra });

function iopsEngine(volumes: VolumeConfig[], { tenantMbps = 8000, linkMbps = 10_000 } = {}): Engine {
  return new Engine({
    seed: 3, startMs: T0, sites: SITES, links: LINKS.map((l) => ({ ...l, capacityMbps: linkMbps })),
    tenants: [{ id: 'ten_a', interSiteMbps: tenantMbps }, { id: 'ten_b', interSiteMbps: tenantMbps }], volumes,
  });
}

const samples = (events: EngineEvent[], tier = 0) => events.filter((x): x is Extract<EngineEvent, { type: 'rpo-sample' }> => x.type === 'rpo-sample' && x.tier === tier);

describe('guaranteed IOPS of the recovery volume', () => {
  it('an overloaded volume builds backlog and RPO, says iops-limited, and recovers when the cap is raised', () => {
    // 4 MB/s of 32 KB writes = 128 write IOPS; the volume applies 64: half of it.
    const e = iopsEngine([volume(64)]);
    e.upsertGroup(group('g', { rpoTargetSeconds: 60, members: [steady('db', 4)] }));
    const events = run(e, 120);
    const v = e.view('g');
    expect(v.backlogMB).toBeCloseTo(120 * 2, 0); // 4 MB/s written, 2 MB/s applied
    expect(v.rpoSeconds!).toBeGreaterThan(55);
    expect(v.status).toBe('rpo-not-met');
    expect(v.limitReason).toBe('iops-limited');
    expect(v.subStatus).toContain("iops-limited: the recovery volume's 64 guaranteed IOPS cannot apply 128 write IOPS");
    expect(v.writeIops).toBeCloseTo(128, 0);
    expect(v.appliedIops).toBeCloseTo(64, 0);
    const last = samples(events).at(-1)!;
    expect(last.writeIops).toBeCloseTo(128, 6);
    expect(last.appliedIops).toBeCloseTo(64, 6);
    expect(e.openAlerts().find((a) => a.code === 'rpo-breach')!.message).toMatch(/over its 1 min target \(iops-limited\)$/);

    // The guarantee raised to 512 IOPS (16 MB/s): the 240 MB backlog drains at 12 MB/s.
    e.setVolumes([volume(512)]);
    run(e, 60);
    const after = e.view('g');
    expect(after.backlogMB).toBe(0);
    expect(after.rpoSeconds!).toBeLessThan(10);
    expect(after.limitReason).toBeNull();
    expect(e.openAlerts().map((a) => a.code)).not.toContain('rpo-breach');
  });

  it('recovers when the load drops below the cap', () => {
    const e = iopsEngine([volume(64)]);
    e.upsertGroup(group('g', { rpoTargetSeconds: 60, members: [steady('db', 4)] }));
    run(e, 60);
    expect(e.view('g').backlogMB).toBeCloseTo(120, 0);
    // 1 MB/s now (32 IOPS): 1 MB/s of spare apply rate drains 120 MB in 120 s.
    e.upsertGroup(group('g', { rpoTargetSeconds: 60, members: [steady('db', 1)] }));
    run(e, 100);
    expect(e.view('g').backlogMB).toBeGreaterThan(0);
    expect(e.view('g').limitReason).toBe('iops-limited');
    run(e, 30);
    expect(e.view('g').backlogMB).toBe(0);
    expect(e.view('g').limitReason).toBeNull();
  });

  it('a smaller block size means more IOPS for the same MB/s', () => {
    const e = iopsEngine([volume(256)]);
    // 4 MB/s of 8 KB writes = 512 IOPS against 256: half applies.
    e.upsertGroup(group('g', { members: [steady('db', 4, { writeBlockKb: 8 })] }));
    run(e, 10);
    expect(e.view('g').backlogMB).toBeCloseTo(20, 6);
  });

  it('groups on one volume share it by priority (high 4 : low 1)', () => {
    const e = iopsEngine([volume(320)]);
    e.upsertGroup(group('hi', { priority: 'high', members: [steady('h', 10)] }));
    e.upsertGroup(group('lo', { priority: 'low', members: [steady('l', 10)] }));
    run(e, 10);
    // 320 IOPS = 10 MB/s: high gets 8, low 2 (each wants 10).
    expect(e.ledger('hi').shippedMB).toBeCloseTo(80, 6);
    expect(e.ledger('lo').shippedMB).toBeCloseTo(20, 6);
  });

  it('another tenant or another site is not capped by this volume', () => {
    const e = iopsEngine([volume(32)]);
    e.upsertGroup(group('other', { tenantId: 'ten_b', members: [steady('o', 4)] }));
    e.upsertGroup(group('jersey', { targetSiteId: 'jersey', members: [steady('j', 4)] }));
    run(e, 10);
    expect(e.view('other').backlogMB).toBe(0);
    expect(e.view('jersey').backlogMB).toBe(0);
  });
});

describe('shared inter-site links', () => {
  it('tenants on one link share it by priority, each still capped by its own limit', () => {
    // London→Zurich carries 80 Mbit/s = 10 MB/s. A (high) and B (low) each want 10 MB/s.
    const e = iopsEngine([], { linkMbps: 80, tenantMbps: 800 });
    e.upsertGroup(group('a', { priority: 'high', members: [steady('a', 10)] }));
    e.upsertGroup(group('b', { tenantId: 'ten_b', priority: 'low', members: [steady('b', 10)] }));
    run(e, 10);
    expect(e.ledger('a').shippedMB).toBeCloseTo(80, 6); // 4/5 of 10 MB/s
    expect(e.ledger('b').shippedMB).toBeCloseTo(20, 6); // 1/5
    expect(e.view('a').limitReason).toBe('link-congested');
    expect(e.view('b').limitReason).toBe('link-congested');
  });

  it('a tenant limited below its fair share leaves the rest to the other (max-min)', () => {
    const e = new Engine({
      seed: 3, startMs: T0, sites: SITES, links: LINKS.map((l) => ({ ...l, capacityMbps: 80 })),
      tenants: [{ id: 'ten_a', interSiteMbps: 800 }, { id: 'ten_b', interSiteMbps: 8 }],
    });
    e.upsertGroup(group('a', { priority: 'low', members: [steady('a', 10)] }));
    e.upsertGroup(group('b', { tenantId: 'ten_b', priority: 'high', members: [steady('b', 10)] }));
    run(e, 10);
    // B may use 1 MB/s (its own 8 Mbit/s); A takes the other 9 of the link's 10.
    expect(e.ledger('b').shippedMB).toBeCloseTo(10, 6);
    expect(e.ledger('a').shippedMB).toBeCloseTo(90, 6);
    expect(e.view('b').limitReason).toBe('bandwidth-limited');
    expect(e.view('a').limitReason).toBe('link-congested');
    expect(e.view('a').subStatus ?? '').not.toContain('bandwidth');
  });

  it('a busy link grows everyone’s RPO; the other direction is not shared', () => {
    const e = iopsEngine([], { linkMbps: 80, tenantMbps: 800 });
    e.upsertGroup(group('a', { rpoTargetSeconds: 30, members: [steady('a', 6)] }));
    e.upsertGroup(group('b', { tenantId: 'ten_b', rpoTargetSeconds: 30, members: [steady('b', 6)] }));
    e.upsertGroup(group('back', { tenantId: 'ten_b', sourceSiteId: 'zurich', targetSiteId: 'london', members: [steady('r', 6)] }));
    run(e, 300); // each gets 5 of 6 MB/s: 300 MB behind, ~60 s
    for (const id of ['a', 'b']) {
      expect(e.view(id).status).toBe('rpo-not-met');
      expect(e.view(id).subStatus).toContain('link-congested: the link London–Zurich is shared and full');
    }
    expect(e.view('back').backlogMB).toBe(0);
  });
});

describe('degraded sites', () => {
  it('slower storage at the recovery site lowers the volume’s IOPS until it is restored', () => {
    const e = iopsEngine([volume(256)]);
    e.upsertGroup(group('g', { rpoTargetSeconds: 60, members: [steady('db', 4)] }));
    run(e, 10);
    expect(e.view('g').backlogMB).toBe(0);
    e.setSiteStorageFactor('zurich', 0.25); // 64 IOPS = 2 MB/s
    run(e, 100);
    const v = e.view('g');
    expect(v.backlogMB).toBeCloseTo(200, 0);
    expect(v.subStatus).toContain('(site Zurich degraded to 25%)');
    expect(e.volumeOf('g')).toEqual({ siteId: 'zurich', guaranteedIops: 256, effectiveIops: 64 });
    e.setSiteStorageFactor('zurich', 1);
    run(e, 60);
    expect(e.view('g').backlogMB).toBe(0);
    expect(e.storageFactors.size).toBe(0);
  });

  it('volumes and degradation are in the snapshot: a restored engine continues identically', () => {
    const build = () => {
      const e = iopsEngine([volume(100)], { linkMbps: 80 });
      e.upsertGroup(group('g', { members: [steady('db', 4), steady('x', 1, { writeBlockKb: 4 })] }));
      e.upsertGroup(group('h', { tenantId: 'ten_b', priority: 'high', members: [steady('h', 9)] }));
      e.setSiteStorageFactor('zurich', 0.5);
      return e;
    };
    const a = build();
    run(a, 30);
    const b = Engine.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const ea = run(a, 90);
    const eb = run(b, 90);
    expect(eb).toEqual(ea);
    expect(b.view('g')).toEqual(a.view('g'));
    expect(b.view('h')).toEqual(a.view('h'));
  });

  it('restores a snapshot from before volumes: no cap, no degradation', () => {
    const e = iopsEngine([]);
    e.upsertGroup(group('g', { members: [steady('db', 4)] }));
    run(e, 10);
    const s = JSON.parse(JSON.stringify(e.snapshot()));
    delete s.volumes;
    delete s.siteStorageFactors;
    for (const g of s.groups) for (const f of ['iopsPerMB', 'limitReason', 'writeIops', 'appliedIops']) delete g[f];
    s.groups[0].samples = s.groups[0].samples.slice(0, 24);
    const r = Engine.restore(s);
    run(r, 10);
    expect(r.view('g').backlogMB).toBe(0);
    expect(r.view('g').writeIops).toBeGreaterThan(0);
  });
});
