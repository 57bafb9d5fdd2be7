/**
 * A group's `status` and `subStatus` as the REST API returns them (shared/API.md): the exact
 * words are part of the contract, so each reason is stated in full, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { group, SITES, T0 } from './fixtures';
import { GroupState, RPO_BREACH, RPO_OK, RPO_WARNING } from './group';
import { describeGroup, historyCoveredSeconds, type StatusContext } from './status';

const HOUR = 3_600_000;
const siteName = (id: string) => SITES.find((s) => s.id === id)?.name ?? id;

/** A London → Zurich group (RPO target 5 min, 24 h history, 1000 GB limit), replicating. */
function state(fields: Partial<GroupState> = {}): GroupState {
  return Object.assign(new GroupState(0, group('g'), T0), fields);
}

function ctx(extra: Partial<StatusContext> = {}): StatusContext {
  return { siteName, sourceDown: false, targetDown: false, linkDown: false, membersTotal: 2, membersSyncing: 0, continuousWriters: [], ...extra };
}

const describe_ = (g: GroupState, c: Partial<StatusContext> = {}, nowMs = T0) => describeGroup(g, ctx(c), nowMs);

describe('group status during an operation', () => {
  it.each([
    ['testing', 'test failover running in Zurich; production keeps replicating'],
    ['failing-over', 'failing over to Zurich; replication stopped'],
    ['awaiting-commit', 'recovered in Zurich; commit or roll back'],
    ['failed-over', 'running in Zurich; not replicating'],
  ] as const)('%s names the recovery site', (mode, subStatus) => {
    expect(describe_(state({ mode }))).toEqual({ status: mode, subStatus });
  });

  it("an operation's mode wins over a site outage", () => {
    expect(describe_(state({ mode: 'testing' }), { sourceDown: true }).status).toBe('testing');
  });
});

describe('paused group', () => {
  it('names the offline source site', () => {
    expect(describe_(state(), { sourceDown: true })).toEqual({ status: 'paused', subStatus: 'site London offline' });
  });

  it('names the offline target site', () => {
    expect(describe_(state(), { targetDown: true })).toEqual({ status: 'paused', subStatus: 'site Zurich offline' });
  });

  it('names the link that is down', () => {
    expect(describe_(state(), { linkDown: true })).toEqual({ status: 'paused', subStatus: 'link London–Zurich down' });
  });

  it('lists every fault, source first', () => {
    expect(describe_(state(), { sourceDown: true, targetDown: true, linkDown: true })).toEqual({
      status: 'paused',
      subStatus: 'site London offline; site Zurich offline; link London–Zurich down',
    });
  });

  it('a fault wins over a running delta sync', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550 }), { linkDown: true }).status).toBe('paused');
  });
});

describe('reverse delta sync', () => {
  it('shows the share of the round already shipped', () => {
    // 450 of 1000 MB shipped.
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550 }))).toEqual({ status: 'reverse-replicating', subStatus: 'delta sync 45%' });
  });

  it('rounds the percentage down, so it reads 100% only when done', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 1 })).subStatus).toBe('delta sync 99%');
  });

  it('reads 100% when nothing is left to sync', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 0, syncLeftMB: 0 })).subStatus).toBe('delta sync 100%');
  });

  it('reads 0% when a round grew beyond its recorded size (nothing counts as shipped)', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 300, syncLeftMB: 500 })).subStatus).toBe('delta sync 0%');
  });

  it('adds how far the RPO is over target while it is in breach', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550, rpoLevel: RPO_BREACH, rpoSeconds: 400 }))).toEqual({
      status: 'reverse-replicating',
      subStatus: 'delta sync 45%; RPO 6 min 40 s over the 5 min target',
    });
  });

  it('says nothing of the RPO when it is only near target, or not known', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550, rpoLevel: RPO_WARNING, rpoSeconds: 250 })).subStatus).toBe('delta sync 45%');
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550, rpoLevel: RPO_BREACH, rpoSeconds: null })).subStatus).toBe('delta sync 45%');
  });

  it('wins over an initial sync of new members', () => {
    expect(describe_(state({ deltaSync: true, syncTotalMB: 1000, syncLeftMB: 550 }), { membersTotal: 3, membersSyncing: 1 }).status).toBe('reverse-replicating');
  });
});

describe('initial sync', () => {
  const syncing = { membersTotal: 5, membersSyncing: 2 };

  it('counts synced VMs, the share shipped and the time left at the current rate', () => {
    // 3360 of 4800 MB shipped (70%); 1440 MB left at 2 MB/s is 720 s.
    const g = state({ syncTotalMB: 4800, syncLeftMB: 1440, syncRate: 2 });
    expect(describe_(g, syncing)).toEqual({ status: 'initialising', subStatus: 'initial sync 3 of 5 VMs, 70%, ETA 12 min' });
  });

  it('waits for bandwidth instead of promising an ETA when nothing ships', () => {
    const g = state({ syncTotalMB: 4800, syncLeftMB: 1440, syncRate: 0 });
    expect(describe_(g, syncing).subStatus).toBe('initial sync 3 of 5 VMs, 70%, waiting for bandwidth');
  });

  it('treats a trickle of a byte a second as no progress', () => {
    const g = state({ syncTotalMB: 4800, syncLeftMB: 1440, syncRate: 1e-6 });
    expect(describe_(g, syncing).subStatus).toBe('initial sync 3 of 5 VMs, 70%, waiting for bandwidth');
  });

  it('reads 0% before the size of the round is known', () => {
    const g = state({ syncTotalMB: 0, syncLeftMB: 0, syncRate: 0 });
    expect(describe_(g, { membersTotal: 1, membersSyncing: 1 }).subStatus).toBe('initial sync 0 of 1 VMs, 0%, waiting for bandwidth');
  });

  it('wins over an RPO breach', () => {
    const g = state({ syncTotalMB: 4800, syncLeftMB: 1440, syncRate: 2, rpoLevel: RPO_BREACH, rpoSeconds: 400 });
    expect(describe_(g, syncing).status).toBe('initialising');
  });
});

describe('replicating group', () => {
  it('is rpo-not-met with the RPO and the target when over target', () => {
    expect(describe_(state({ rpoLevel: RPO_BREACH, rpoSeconds: 400 }))).toEqual({ status: 'rpo-not-met', subStatus: 'RPO 6 min 40 s over the 5 min target' });
  });

  it('is rpo-not-met, not history-not-met, when both are short', () => {
    const g = state({ rpoLevel: RPO_BREACH, rpoSeconds: 400, historyShort: true, historyFloorMs: T0 - 48 * HOUR, cutMs: T0 - 6 * HOUR });
    expect(describe_(g).status).toBe('rpo-not-met');
  });

  it('is history-not-met with the limit, the history held and the history wanted', () => {
    // 100 GB limit; the limit cuts 6 h back; the setting is 24 h.
    const g = state({ historyShort: true, limitMB: 100 * 1024, historyFloorMs: T0 - 48 * HOUR, cutMs: T0 - 6 * HOUR });
    expect(describe_(g)).toEqual({ status: 'history-not-met', subStatus: 'journal limit 100 GB holds 6 h of 1 d history' });
  });

  it('is meeting-sla with the RPO as a share of target when near it', () => {
    // 250 s of 300 s is 83%.
    expect(describe_(state({ rpoLevel: RPO_WARNING, rpoSeconds: 250 }))).toEqual({ status: 'meeting-sla', subStatus: 'RPO 4 min 10 s, 83% of target' });
  });

  it('rounds the share of target to the nearest percent', () => {
    // 271 s of 300 s is 90.33%; 269 s is 89.67%.
    expect(describe_(state({ rpoLevel: RPO_WARNING, rpoSeconds: 271 })).subStatus).toBe('RPO 4 min 31 s, 90% of target');
    expect(describe_(state({ rpoLevel: RPO_WARNING, rpoSeconds: 269 })).subStatus).toBe('RPO 4 min 29 s, 90% of target');
  });

  it('is a plain meeting-sla while the RPO level is not yet known', () => {
    expect(describe_(state({ rpoLevel: RPO_WARNING, rpoSeconds: null }))).toEqual({ status: 'meeting-sla', subStatus: null });
    expect(describe_(state({ rpoLevel: RPO_BREACH, rpoSeconds: null }))).toEqual({ status: 'meeting-sla', subStatus: null });
  });

  it('names continuous writers when all is well', () => {
    expect(describe_(state(), { continuousWriters: ['backup-1', 'backup-2'] })).toEqual({ status: 'meeting-sla', subStatus: 'continuous writer: backup-1, backup-2' });
  });

  it('puts an RPO near target before continuous writers', () => {
    expect(describe_(state({ rpoLevel: RPO_WARNING, rpoSeconds: 250 }), { continuousWriters: ['backup-1'] }).subStatus).toBe('RPO 4 min 10 s, 83% of target');
  });

  it('has no reason to give when healthy', () => {
    expect(describe_(state({ rpoLevel: RPO_OK, rpoSeconds: 12 }))).toEqual({ status: 'meeting-sla', subStatus: null });
  });
});

describe('history covered', () => {
  it('is none before the first consistent copy', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: null }), T0)).toBe(0);
  });

  it('is the time since the journal started collecting, while that is inside the window', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 - 2 * HOUR }), T0)).toBe(7200);
  });

  it('is at most the history setting', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 - 48 * HOUR }), T0)).toBe(86_400);
  });

  it('is cut short by the journal size limit', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 - 48 * HOUR, cutMs: T0 - 90 * 60_000 }), T0)).toBe(5400);
  });

  it('is counted in whole seconds', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 - 1500 }), T0)).toBe(2);
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 - 1499 }), T0)).toBe(1);
  });

  it('is never negative, even with a clock that went back', () => {
    expect(historyCoveredSeconds(state({ historyFloorMs: T0 + 5000 }), T0)).toBe(0);
  });
});
