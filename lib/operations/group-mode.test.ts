import { describe, expect, it } from 'vitest';
import { groupModeOf } from '@/lib/sim/group-modes';
import { advance, createOperationState, requestDecision, requestStop } from './machine';
import type { OperationOptions, OperationState, OperationType } from './types';

const T0 = Date.UTC(2030, 0, 1, 12);
const PLAN: OperationOptions['plan'] = [{ name: 'App', delayAfterSeconds: 0, vms: [{ id: 'a1', name: 'app-01', bootSeconds: 40 }] }];

function options(over: Partial<OperationOptions>): OperationOptions {
  return {
    v: 1, fromSiteName: 'London', toSiteName: 'Zurich', sourceSiteOnline: true, shutdownSource: true, reverseProtection: false,
    commitPolicy: 'manual', commitTimeoutMinutes: 60, finalSyncSeconds: 0,
    network: { kind: 'live', mode: 'keep-ip', network: 'dr', mappings: [] }, plan: PLAN,
    groupStatusBefore: 'meeting-sla', stopRequestedAtMs: null, decision: null, ...over,
  };
}

/**
 * Walks an operation second by second with `act` deciding on the way; at every second the mode
 * derived from the operation alone equals the last group-mode effect the machine emitted.
 */
function walk(type: OperationType, over: Partial<OperationOptions>, act: (st: OperationState, t: number) => OperationState) {
  const created = createOperationState({ type, nowMs: T0, checkpointTimeMs: T0 - 5000, options: options(over) });
  let st = created.state;
  let mode = created.effects.filter((e) => e.kind === 'group-mode').at(-1)!.mode;
  const seen = new Set<string>();
  for (let t = 1; t <= 400; t++) {
    const r = advance(act(st, t), T0 + t * 1000);
    st = r.state;
    for (const e of r.effects) {
      if (e.kind === 'group-mode') mode = e.mode;
      // Applied as "replicating, reversed" (lib/operations/effects).
      if (e.kind === 'reverse-protection') mode = 'replicating';
    }
    expect(groupModeOf(st), `${type} at ${t} s (${st.status})`).toBe(mode);
    seen.add(mode);
  }
  return [...seen];
}

describe('the mode an operation leaves its group in', () => {
  it('agrees with the machine through a test and its stop', () => {
    expect(walk('test-failover', {}, (st, t) => (t === 120 ? requestStop(st, T0 + t * 1000) : st))).toEqual(['testing', 'replicating']);
  });

  it('agrees through a failover committed without and with reverse protection', () => {
    const commitAt = (st: OperationState, t: number) => (t === 200 ? requestDecision(st, 'commit', T0 + t * 1000) : st);
    expect(walk('failover', {}, commitAt)).toEqual(['failing-over', 'awaiting-commit', 'failed-over']);
    expect(walk('failover', { reverseProtection: true }, commitAt)).toEqual(['failing-over', 'awaiting-commit', 'replicating']);
  });

  it('agrees through a rollback and an auto-rollback', () => {
    expect(walk('failover', {}, (st, t) => (t === 200 ? requestDecision(st, 'rollback', T0 + t * 1000) : st))).toEqual(['failing-over', 'awaiting-commit', 'replicating']);
    expect(walk('move', { commitPolicy: 'auto-rollback', commitTimeoutMinutes: 1 }, (st) => st)).toEqual(['failing-over', 'awaiting-commit', 'replicating']);
  });
});
