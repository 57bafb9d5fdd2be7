/**
 * Invariants under random scenarios: random groups, write rates, bandwidth, faults, tags and
 * step sizes, checked after every action.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { engine, group, vm } from './fixtures';

const groupArb = fc.record({
  vms: fc.array(fc.record({ mean: fc.double({ min: 0, max: 6, noNaN: true }), synced: fc.boolean(), diskGb: fc.integer({ min: 1, max: 40 }), burst: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
  historyHours: fc.constantFrom(1, 2),
  limitGb: fc.double({ min: 0.2, max: 20, noNaN: true }),
  priority: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
  rpoTarget: fc.integer({ min: 30, max: 900 }),
  route: fc.constantFrom(['london', 'zurich'], ['jersey', 'guernsey'], ['jersey', 'london']),
});

const actionArb = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('step' as const), dt: fc.constantFrom(1, 5, 2.5, 30, 60, 120, 300) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('link' as const), id: fc.constantFrom('london--zurich', 'guernsey--jersey'), down: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('site' as const), id: fc.constantFrom('london', 'jersey', 'zurich'), down: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tag' as const), group: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('degrade' as const), id: fc.constantFrom('london', 'zurich', 'guernsey'), factor: fc.constantFrom(0.1, 0.5, 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('volumes' as const), iops: fc.integer({ min: 10, max: 2000 }) }) },
);

const scenarioArb = fc.record({ seed: fc.integer(), tenantMbps: fc.integer({ min: 8, max: 400 }), groups: fc.array(groupArb, { minLength: 1, maxLength: 4 }), actions: fc.array(actionArb, { minLength: 1, maxLength: 200 }) });
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): Engine {
  const e = engine({ seed: s.seed, tenantMbps: s.tenantMbps });
  s.groups.forEach((g, i) => {
    e.upsertGroup(group(`g${i}`, {
      sourceSiteId: g.route[0], targetSiteId: g.route[1], priority: g.priority, rpoTargetSeconds: g.rpoTarget,
      journalHistoryHours: g.historyHours, journalLimitGb: g.limitGb,
      members: g.vms.map((v, j) => vm(`g${i}-v${j}`, { writeMeanMBps: v.mean, synced: v.synced, diskGb: v.diskGb, burstiness: v.burst })),
    }));
  });
  return e;
}


function apply(e: Engine, a: Scenario['actions'][number]): void {
  if (a.kind === 'step') e.step(a.dt);
  else if (a.kind === 'link') e.setLinkDown(a.id, a.down);
  else if (a.kind === 'site') e.setSiteDown(a.id, a.down);
  else if (a.kind === 'degrade') e.setSiteStorageFactor(a.id, a.factor);
  else if (a.kind === 'volumes') e.setVolumes(['zurich', 'guernsey', 'london'].map((siteId) => ({ id: `vol_${siteId}`, tenantId: 'ten_a', siteId, guaranteedIops: a.iops })));
  else {
    const id = `g${a.group}`;
    if (e.groups.has(id)) {
      try {
        e.tagCheckpoint(id, 'tag');
      } catch {
        // No consistent copy yet: refusing is the right answer.
      }
    }
  }
}

describe('engine invariants (property-based)', () => {
  it('RPO is never negative; checkpoints strictly increase and stay inside the history; bytes are conserved', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const e = build(s);
        for (const a of s.actions) {
          apply(e, a);
          for (const id of e.groups.keys()) {
            const v = e.view(id);
            if (v.rpoSeconds !== null) expect(v.rpoSeconds).toBeGreaterThanOrEqual(0);
            const times = e.checkpointsOf(id).map((c) => c.timeMs);
            for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
            const windowMs = e.groups.get(id)!.historyMs;
            if (times.length) expect(times[0]).toBeGreaterThanOrEqual(e.nowMs - windowMs);
            const l = e.ledger(id);
            expect(l.shippedMB + l.backlogMB + l.discardedMB).toBeCloseTo(l.writtenMB, 6);
            expect(l.backlogMB).toBeGreaterThanOrEqual(-1e-9);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a link or site that is down ships nothing', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const e = build(s);
        for (const a of s.actions) {
          const before = new Map([...e.groups.keys()].map((id) => [id, e.ledger(id)]));
          const cut = new Set([...e.groups.values()].filter((g) => e.faultMask(g) !== 0).map((g) => g.id));
          apply(e, a);
          if (a.kind !== 'step') continue;
          for (const id of cut) {
            expect(e.ledger(id).shippedMB).toBe(before.get(id)!.shippedMB);
            expect(e.ledger(id).syncShippedMB).toBe(before.get(id)!.syncShippedMB);
            expect(e.view(id).status).toBe('paused');
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
