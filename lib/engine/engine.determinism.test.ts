/**
 * Same seed and inputs → bit-identical state and events; and a snapshot serialised to JSON,
 * restored into a new engine and continued is indistinguishable from never having stopped.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { engine, group, T0, vm } from './fixtures';
import type { EngineEvent } from './types';

/** A busy scenario: syncing, a breach, a journal over its limit, faults, tags, a failover. */
function script(e: Engine, from: number, to: number): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (let i = from; i < to; i++) {
    if (i === 0) {
      e.upsertGroup(group('web', { priority: 'high', members: [vm('w1'), vm('w2', { agentInstalled: true })] }));
      e.upsertGroup(group('bkp', { priority: 'low', journalHistoryHours: 1, journalLimitGb: 1, sourceSiteId: 'jersey', targetSiteId: 'guernsey', members: [vm('b1', { continuousWriter: true, writeMeanMBps: 8, writePeakFactor: 5, writePeakHourUtc: 12 })] }));
      e.upsertGroup(group('new', { tenantId: 'ten_b', members: [vm('n1', { synced: false, diskGb: 20 })] }));
      // Recovery volumes: web's at Zurich is tight (IOPS-limited at its peaks).
      e.setVolumes([{ id: 'vol_a_z', tenantId: 'ten_a', siteId: 'zurich', guaranteedIops: 20 }, { id: 'vol_a_g', tenantId: 'ten_a', siteId: 'guernsey', guaranteedIops: 5000 }]);
    }
    if (i === 100) e.setSiteStorageFactor('zurich', 0.5);
    if (i === 300) e.setSiteStorageFactor('zurich', 1);
    if (i === 200) e.setLinkDown('london--zurich', true);
    if (i === 400) e.setLinkDown('london--zurich', false);
    if (i === 500) e.tagCheckpoint('web', 'release 4.2', 'usr_1');
    if (i === 600) e.setSiteDown('jersey', true);
    if (i === 700) e.setSiteDown('jersey', false);
    if (i === 800) e.setGroupMode('web', 'failing-over');
    if (i === 850) e.setGroupMode('web', 'awaiting-commit');
    if (i === 900) e.reverseProtection('web');
    events.push(...e.step(i % 7 === 0 ? 5 : 1));
  }
  return events;
}

describe('determinism', () => {
  it('two runs with one seed produce identical state and events', () => {
    const a = engine({ seed: 99, tenantMbps: 100 });
    const b = engine({ seed: 99, tenantMbps: 100 });
    const ea = script(a, 0, 1500);
    const eb = script(b, 0, 1500);
    expect(eb).toEqual(ea);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(ea.length).toBeGreaterThan(1000);
  });

  it('another seed gives other writes', () => {
    const a = engine({ seed: 1 });
    const b = engine({ seed: 2 });
    script(a, 0, 300);
    script(b, 0, 300);
    expect(b.ledger('web').writtenMB).not.toBe(a.ledger('web').writtenMB);
  });
});

describe('restart', () => {
  it.each([150, 450, 820, 1000])('snapshot → JSON → restore at step %d continues exactly like an uninterrupted run', (cut) => {
    const straight = engine({ seed: 7, tenantMbps: 100 });
    const all = script(straight, 0, 1500);

    const first = engine({ seed: 7, tenantMbps: 100 });
    const before = script(first, 0, cut);
    const json = JSON.stringify(first.snapshot());
    const resumed = Engine.restore(JSON.parse(json));
    const after = script(resumed, cut, 1500);

    expect([...before, ...after]).toEqual(all);
    expect(JSON.stringify(resumed.snapshot())).toBe(JSON.stringify(straight.snapshot()));
    expect(resumed.nowMs).toBeGreaterThan(T0);
  });
});
