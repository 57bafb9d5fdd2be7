/**
 * The alerts a group raises and resolves: when each opens and closes (RPO hysteresis, test
 * overdue after a year, faults) and the exact message a user reads in the portal.
 */
import { describe, expect, it } from 'vitest';
import { AlertBook } from './alert-book';
import { group, SITES, T0 } from './fixtures';
import { GroupState, RPO_BREACH, RPO_OK, RPO_WARNING } from './group';
import {
  applyContinuousWriters, applyFaultAlerts, applyHistoryAlert, applyRpoLevel, applyStallAlert, applyTestOverdue, nextRpoLevel,
} from './group-alerts';
import type { AlertInfo, EngineEvent } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const siteName = (id: string) => SITES.find((s) => s.id === id)?.name ?? id;

/** Group 'g' of tenant ten_a, London → Zurich, RPO target 5 min, 24 h history. */
function state(fields: Partial<GroupState> = {}, id = 'g'): GroupState {
  return Object.assign(new GroupState(0, group(id), T0), fields);
}

function setup() {
  const events: EngineEvent[] = [];
  return { events, book: new AlertBook(events) };
}

/** An alert of group g with the defaults every group alert has. */
const alert = (key: string, code: AlertInfo['code'], level: AlertInfo['level'], message: string, extra: Partial<AlertInfo> = {}): AlertInfo => ({
  key, code, level, tenantId: 'ten_a', groupId: 'g', siteId: null, vmId: null, message, ...extra,
});

const raised = (info: AlertInfo, atMs = T0): EngineEvent => ({ type: 'alert-raised', atMs, ...info });
const resolved = (key: string, atMs = T0): EngineEvent => ({ type: 'alert-resolved', key, atMs });

describe('alert book', () => {
  const info = alert('rpo-breach:g', 'rpo-breach', 'error', 'over');

  it('raises an alert once, remembering when', () => {
    const { events, book } = setup();
    book.raise(info, T0);
    book.raise({ ...info, message: 'again' }, T0 + 5000);
    expect(events).toEqual([raised(info)]);
    expect(book.open.get('rpo-breach:g')).toEqual({ ...info, raisedAtMs: T0 });
  });

  it('resolves an open alert once, and ignores one that is not open', () => {
    const { events, book } = setup();
    book.resolve('rpo-breach:g', T0);
    book.raise(info, T0);
    book.resolve('rpo-breach:g', T0 + 1000);
    book.resolve('rpo-breach:g', T0 + 2000);
    expect(events).toEqual([raised(info), resolved('rpo-breach:g', T0 + 1000)]);
    expect(book.open.size).toBe(0);
  });

  it('follows a stated condition, building the alert only when it opens', () => {
    const { events, book } = setup();
    let built = 0;
    const make = () => {
      built++;
      return info;
    };
    book.set(false, make, info.key, T0);
    book.set(true, make, info.key, T0 + 1000);
    book.set(true, make, info.key, T0 + 2000);
    book.set(false, make, info.key, T0 + 3000);
    book.set(false, make, info.key, T0 + 4000);
    expect(built).toBe(1);
    expect(events).toEqual([raised(info, T0 + 1000), resolved(info.key, T0 + 3000)]);
  });

  it('resolves just the open alerts that match', () => {
    const { events, book } = setup();
    const other = alert('rpo-warning:g', 'rpo-warning', 'warning', 'near');
    book.raise(info, T0);
    book.raise(other, T0);
    book.resolveWhere((a) => a.code === 'rpo-warning', T0 + 1000);
    expect([...book.open.keys()]).toEqual(['rpo-breach:g']);
    expect(events.at(-1)).toEqual(resolved('rpo-warning:g', T0 + 1000));
    expect(events).toHaveLength(3);
  });
});

describe('RPO alert level', () => {
  it.each([
    // From no alert: a warning at 80% of target, a breach only over it.
    [RPO_OK, 0.79, RPO_OK],
    [RPO_OK, 0.8, RPO_WARNING],
    [RPO_OK, 1, RPO_WARNING],
    [RPO_OK, 1.01, RPO_BREACH],
    // A breach holds down to 95%, then a warning, which holds down to 75%.
    [RPO_BREACH, 1, RPO_BREACH],
    [RPO_BREACH, 0.95, RPO_BREACH],
    [RPO_BREACH, 0.94, RPO_WARNING],
    [RPO_BREACH, 0.75, RPO_WARNING],
    [RPO_BREACH, 0.74, RPO_OK],
    [RPO_WARNING, 1.01, RPO_BREACH],
    [RPO_WARNING, 0.99, RPO_WARNING],
    [RPO_WARNING, 0.75, RPO_WARNING],
    [RPO_WARNING, 0.74, RPO_OK],
  ])('level %i at %f of target becomes %i', (current, ratio, next) => {
    expect(nextRpoLevel(current, ratio)).toBe(next);
  });
});

describe('RPO alerts', () => {
  const warning = alert('rpo-warning:g', 'rpo-warning', 'warning', "RPO of 'g' is 4 min 10 s, 83% of its 5 min target");
  const breach = alert('rpo-breach:g', 'rpo-breach', 'error', "RPO of 'g' is 6 min 40 s, over its 5 min target");

  it('warns near the target with the RPO as a share of it', () => {
    const { events, book } = setup();
    const g = state({ rpoSeconds: 250 });
    applyRpoLevel(book, g, RPO_WARNING, T0);
    expect(g.rpoLevel).toBe(RPO_WARNING);
    expect(events).toEqual([raised(warning)]);
  });

  it('replaces the warning with a breach over the target, and clears both when back to normal', () => {
    const { events, book } = setup();
    const g = state({ rpoSeconds: 250 });
    applyRpoLevel(book, g, RPO_WARNING, T0);
    g.rpoSeconds = 400;
    applyRpoLevel(book, g, RPO_BREACH, T0 + 1000);
    g.rpoSeconds = 10;
    applyRpoLevel(book, g, RPO_OK, T0 + 2000);
    expect(events).toEqual([
      raised(warning),
      resolved('rpo-warning:g', T0 + 1000),
      raised(breach, T0 + 1000),
      resolved('rpo-breach:g', T0 + 2000),
    ]);
    expect(g.rpoLevel).toBe(RPO_OK);
  });

  it('does nothing when the level has not changed', () => {
    const { events, book } = setup();
    const g = state({ rpoSeconds: 400, rpoLevel: RPO_BREACH });
    applyRpoLevel(book, g, RPO_BREACH, T0);
    expect(events).toEqual([]);
  });

  it('reads an unknown RPO as zero', () => {
    const { events, book } = setup();
    applyRpoLevel(book, state({ rpoSeconds: null }), RPO_WARNING, T0);
    expect(events).toEqual([raised({ ...warning, message: "RPO of 'g' is 0 s, 0% of its 5 min target" })]);
  });
});

describe('journal history alert', () => {
  it('says how much history the limit holds of the setting, and clears', () => {
    const { events, book } = setup();
    const g = state({ limitMB: 100 * 1024, historyFloorMs: T0 - 2 * DAY, cutMs: T0 - 6 * HOUR });
    applyHistoryAlert(book, g, true, T0);
    applyHistoryAlert(book, g, false, T0 + 1000);
    expect(events).toEqual([
      raised(alert('history-not-met:g', 'history-not-met', 'warning', "Journal of 'g' holds 6 h of its 1 d history: the 100 GB journal limit is too small for the change rate")),
      resolved('history-not-met:g', T0 + 1000),
    ]);
  });
});

describe('stalled initial sync alert', () => {
  it('says for how long the sync has made no progress, and clears', () => {
    const { events, book } = setup();
    const g = state({ lastSyncProgressMs: T0 - 10 * 60_000 });
    applyStallAlert(book, g, true, T0);
    applyStallAlert(book, g, false, T0 + 1000);
    expect(events).toEqual([
      raised(alert('initial-sync-stalled:g', 'initial-sync-stalled', 'warning', "Initial sync of 'g' has made no progress for 10 min")),
      resolved('initial-sync-stalled:g', T0 + 1000),
    ]);
  });
});

describe('test overdue alert', () => {
  it('is due a year after the last passed test, not before', () => {
    const { events, book } = setup();
    const g = state({ lastTestedAtMs: T0 - 365 * DAY });
    applyTestOverdue(book, g, T0);
    expect(events).toEqual([]);
    applyTestOverdue(book, g, T0 + 1);
    expect(events).toEqual([
      raised(alert('test-overdue:g', 'test-overdue', 'warning', "'g' has not passed a test failover for 365 d; the annual test is due"), T0 + 1),
    ]);
  });

  it('counts from creation for a group never tested', () => {
    const { events, book } = setup();
    const g = state({ lastTestedAtMs: null, createdAtMs: T0 - 400 * DAY });
    applyTestOverdue(book, g, T0);
    expect(events).toEqual([raised(alert('test-overdue:g', 'test-overdue', 'warning', "'g' has never passed a test failover; the annual test is due"))]);
  });

  it('is not due for a new group never tested', () => {
    const { events, book } = setup();
    applyTestOverdue(book, state({ lastTestedAtMs: null, createdAtMs: T0 - 30 * DAY }), T0);
    expect(events).toEqual([]);
  });

  it('clears once a test passes', () => {
    const { events, book } = setup();
    const g = state({ lastTestedAtMs: T0 - 400 * DAY });
    applyTestOverdue(book, g, T0);
    g.lastTestedAtMs = T0;
    applyTestOverdue(book, g, T0 + 1000);
    expect(events.at(-1)).toEqual(resolved('test-overdue:g', T0 + 1000));
  });
});

describe('continuous writer alerts', () => {
  const writerAlert = (id: string, name: string) =>
    alert(`continuous-writer:g:${id}`, 'continuous-writer', 'warning',
      `${name} writes continuously (a backup server?) and is protected in 'g': it can use up the bandwidth and the journal`, { vmId: id });

  it('raises one per writer, naming the VM', () => {
    const { events, book } = setup();
    applyContinuousWriters(book, state(), [{ id: 'vm1', name: 'backup-1' }, { id: 'vm2', name: 'backup-2' }], T0);
    expect(events).toEqual([raised(writerAlert('vm1', 'backup-1')), raised(writerAlert('vm2', 'backup-2'))]);
  });

  it("resolves a VM that stopped writing continuously, and only this group's writer alerts", () => {
    const { events, book } = setup();
    const g = state();
    const other = state({}, 'h');
    applyContinuousWriters(book, g, [{ id: 'vm1', name: 'backup-1' }, { id: 'vm2', name: 'backup-2' }], T0);
    applyContinuousWriters(book, other, [{ id: 'vm9', name: 'backup-9' }], T0);
    applyStallAlert(book, g, true, T0);
    applyContinuousWriters(book, g, [{ id: 'vm2', name: 'backup-2' }], T0 + 1000);
    expect(events.slice(4)).toEqual([resolved('continuous-writer:g:vm1', T0 + 1000)]);
    expect([...book.open.keys()].sort()).toEqual(['continuous-writer:g:vm2', 'continuous-writer:h:vm9', 'initial-sync-stalled:g']);
  });
});

describe('fault alerts', () => {
  const sourceDown = alert('site-down:g:london', 'site-down', 'error', "Site London is offline: replication of 'g' is paused", { siteId: 'london' });
  const targetDown = alert('site-down:g:zurich', 'site-down', 'error', "Site Zurich is offline: replication of 'g' is paused", { siteId: 'zurich' });
  const linkDown = alert('link-down:g:london--zurich', 'link-down', 'error', "Link London–Zurich is down: replication of 'g' is paused");

  it('names each offline site and the link that is down', () => {
    const { events, book } = setup();
    const g = state();
    applyFaultAlerts(book, g, 1 | 2 | 4, siteName, 'london--zurich', T0);
    expect(events).toEqual([raised(sourceDown), raised(targetDown), raised(linkDown)]);
    expect(g.faultMask).toBe(7);
  });

  it('raises only the faults present', () => {
    const { events, book } = setup();
    applyFaultAlerts(book, state(), 2, siteName, 'london--zurich', T0);
    expect(events).toEqual([raised(targetDown)]);
  });

  it('replaces the alerts when the faults change, leaving other alerts and groups alone', () => {
    const { events, book } = setup();
    const g = state();
    const other = state({}, 'h');
    applyFaultAlerts(book, other, 1, siteName, 'london--zurich', T0);
    applyStallAlert(book, g, true, T0);
    applyFaultAlerts(book, g, 1, siteName, 'london--zurich', T0);
    applyFaultAlerts(book, g, 4, siteName, 'london--zurich', T0 + 1000);
    expect(events.slice(3)).toEqual([resolved('site-down:g:london', T0 + 1000), raised(linkDown, T0 + 1000)]);
    expect([...book.open.keys()].sort()).toEqual(['initial-sync-stalled:g', 'link-down:g:london--zurich', 'site-down:h:london']);
  });

  it('clears when the faults are over, and does nothing while they stay the same', () => {
    const { events, book } = setup();
    const g = state();
    applyFaultAlerts(book, g, 4, siteName, 'london--zurich', T0);
    applyFaultAlerts(book, g, 4, siteName, 'london--zurich', T0 + 1000);
    applyFaultAlerts(book, g, 0, siteName, 'london--zurich', T0 + 2000);
    expect(events).toEqual([raised(linkDown), resolved('link-down:g:london--zurich', T0 + 2000)]);
  });
});
