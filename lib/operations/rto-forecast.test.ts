import { describe, expect, it } from 'vitest';
import { advance, createOperationState } from './machine';
import { operationOptions } from './fixtures';
import { measuredOverheadSeconds, plannedRtoSeconds, tieredRtoSeconds } from './rto-forecast';
import type { OperationOptions, OperationType } from './types';

const T0 = Date.UTC(2030, 0, 1, 12);

/** What the machine itself measures when the operation runs. */
function machineRto(type: OperationType, options: OperationOptions): number | null {
  const created = createOperationState({ type, nowMs: T0, checkpointTimeMs: T0 - 8000, options });
  return advance(created.state, T0 + 3600_000).state.rtoSeconds;
}

describe('plannedRtoSeconds', () => {
  // Fixture plan: App (40 s, 50 s boot) then 60 s delay then Web (30 s); 3 VMs: create 5 + 3×3 = 14 s.
  it('a site-down failover: create 14 + boot App 50 + delay 60 + boot Web 30 = 154 s (no shutdown)', () => {
    const options = operationOptions({ sourceSiteOnline: false });
    expect(plannedRtoSeconds({ type: 'failover', options })).toBe(154);
    expect(machineRto('failover', options)).toBe(154);
  });

  it('a test failover never shuts anything down: 154 s as well', () => {
    const options = operationOptions({ network: { kind: 'test', mode: 'keep-ip', network: 'test', mappings: [] } });
    expect(plannedRtoSeconds({ type: 'test-failover', options })).toBe(154);
    expect(machineRto('test-failover', options)).toBe(154);
  });

  it('a failover with the source reachable adds the shutdown (fixed 30 s for options without a grace period)', () => {
    const options = operationOptions();
    expect(plannedRtoSeconds({ type: 'failover', options })).toBe(184);
    expect(machineRto('failover', options)).toBe(184);
  });

  it('a move adds the shutdown and the final sync', () => {
    const options = operationOptions({ finalSyncSeconds: 45, shutdownGraceSeconds: 300 });
    const planned = plannedRtoSeconds({ type: 'move', options });
    expect(planned).toBe(machineRto('move', options));
    expect(planned).toBeGreaterThan(154 + 45);
  });
});

describe('measuredOverheadSeconds', () => {
  it('is 0 without history and never negative', () => {
    expect(measuredOverheadSeconds([])).toBe(0);
    expect(measuredOverheadSeconds([{ measuredSeconds: 100, plannedSeconds: 130 }])).toBe(0);
  });
  it('takes the median of the differences (odd and even counts)', () => {
    expect(measuredOverheadSeconds([
      { measuredSeconds: 110, plannedSeconds: 100 }, { measuredSeconds: 200, plannedSeconds: 100 }, { measuredSeconds: 130, plannedSeconds: 100 },
    ])).toBe(30);
    expect(measuredOverheadSeconds([{ measuredSeconds: 110, plannedSeconds: 100 }, { measuredSeconds: 140, plannedSeconds: 100 }])).toBe(25);
  });
});

describe('tieredRtoSeconds', () => {
  it('a later tier waits for the slowest group of the tier before it, plus that tier\'s delay', () => {
    const rto = tieredRtoSeconds([
      { delayAfterSeconds: 60, groups: [{ id: 'db', rtoSeconds: 200 }, { id: 'dc', rtoSeconds: 90 }] },
      { delayAfterSeconds: 0, groups: [{ id: 'web', rtoSeconds: 100 }] },
      { delayAfterSeconds: 0, groups: [{ id: 'rep', rtoSeconds: 10 }] },
    ]);
    expect(Object.fromEntries(rto)).toEqual({ db: 200, dc: 90, web: 360, rep: 370 });
  });
});
