import { describe, expect, it } from 'vitest';
import { advance, createOperationState, failOperation, progressOf, requestDecision, requestStop, UnresumableError } from './machine';
import { operationOptions } from './fixtures';
import type { Effect, OperationOptions, OperationState, OperationType } from './types';

const T0 = Date.UTC(2030, 0, 1, 12);
const s = (seconds: number) => T0 + seconds * 1000;

function start(type: OperationType, over: Partial<OperationOptions> = {}) {
  return createOperationState({ type, nowMs: T0, checkpointTimeMs: s(-8), options: operationOptions(over) });
}

const names = (st: OperationState) => st.steps.map((x) => `${x.name}:${x.status}`);
const modes = (effects: Effect[]) => effects.filter((e) => e.kind === 'group-mode').map((e) => (e as { mode: string }).mode);

// Timeline of a live failover with the plan above (seconds after start):
// shutdown 0–30, create 30–44 (5 + 3×3), boot 1 44–94, delay 60, boot 2 154–184, network 184–189.
describe('starting an operation', () => {
  it('opens with the pre-flight step passed at the start, with the checks\' summary', () => {
    const created = createOperationState({ type: 'failover', nowMs: T0, checkpointTimeMs: null, options: operationOptions(), preflightDetail: '7 checks passed' });
    expect(created.changed).toBe(true);
    expect(created.state.steps[0]).toEqual({ name: 'Pre-flight checks', status: 'completed', startedAtMs: T0, finishedAtMs: T0, detail: '7 checks passed' });
    expect(start('failover').state.steps[0].detail).toBe('All checks passed');
  });
});

describe('live failover', () => {
  it('runs to awaiting-commit with RTO measured to the last VM up', () => {
    const { state, effects } = start('failover');
    expect(state.status).toBe('running');
    expect(modes(effects)).toEqual(['failing-over']);
    const r = advance(state, s(189));
    expect(r.state.status).toBe('awaiting-commit');
    expect(r.state.rtoSeconds).toBe(184);
    expect(r.state.commitDeadlineMs).toBeNull(); // manual: waits for a person
    expect(r.state.steps.find((x) => x.name === 'Boot group 2: Web')).toMatchObject({ startedAtMs: s(154), finishedAtMs: s(184) });
    expect(r.effects).toEqual([{ kind: 'vms-power', power: 'off' }, { kind: 'group-mode', mode: 'awaiting-commit' }]);
    expect(r.state.steps.find((x) => x.name === 'Configure network')?.detail).toContain('re-IP 10.10.0.0/16 → 10.110.0.0/16');
  });

  it('gives the same timeline whether ticked every second or once', () => {
    let st = start('failover').state;
    for (let t = 1; t <= 200; t++) st = advance(st, s(t)).state;
    expect(st).toEqual(advance(start('failover').state, s(200)).state);
  });

  it('stays awaiting commit forever with the manual policy', () => {
    const r = advance(start('failover').state, s(100_000));
    expect(r.state.status).toBe('awaiting-commit');
    expect(advance(r.state, s(200_000)).changed).toBe(false);
  });

  it('commits without reverse protection: VMs at target, group failed over', () => {
    const up = advance(start('failover').state, s(189)).state;
    const decided = requestDecision(up, 'commit', s(300));
    const r = advance(decided, s(310));
    expect(r.state.status).toBe('completed');
    expect(r.state.finishedAtMs).toBe(s(305));
    expect(names(r.state).slice(-2)).toEqual(['Commit:completed', 'Reverse protection:skipped']);
    expect(r.effects).toEqual([{ kind: 'vms-at-target' }, { kind: 'group-mode', mode: 'failed-over' }]);
    expect(r.events).toEqual([{ action: 'completed', atMs: s(305), details: { rtoSeconds: 184 } }]);
  });

  it('commits with reverse protection: the group replicates back', () => {
    const up = advance(start('failover', { reverseProtection: true }).state, s(189)).state;
    const r = advance(requestDecision(up, 'commit', s(200)), s(210));
    expect(r.state.status).toBe('completed');
    expect(r.effects).toEqual([{ kind: 'vms-at-target' }, { kind: 'reverse-protection', atMs: s(210) }]);
  });

  it('rolls back: the tail becomes a rollback step and everything is restored', () => {
    const up = advance(start('failover').state, s(189)).state;
    const decided = requestDecision(up, 'rollback', s(200));
    const mid = advance(decided, s(205));
    expect(mid.state.status).toBe('running');
    expect(names(mid.state).slice(-1)).toEqual(['Roll back:running']);
    const r = advance(mid.state, s(215));
    expect(r.state.status).toBe('rolled-back');
    expect(r.effects).toEqual([{ kind: 'vms-power', power: 'on' }, { kind: 'group-mode', mode: 'replicating' }]);
    expect(r.events.map((e) => e.action)).toEqual(['rolled-back']);
  });

  it('auto-commits at the deadline, timed from when the VMs were up', () => {
    const st = start('failover', { commitPolicy: 'auto-commit', commitTimeoutMinutes: 10 }).state;
    const waiting = advance(st, s(189));
    expect(waiting.state.commitDeadlineMs).toBe(s(189 + 600));
    expect(advance(waiting.state, s(788)).state.status).toBe('awaiting-commit');
    const r = advance(waiting.state, s(1000));
    expect(r.state.status).toBe('completed');
    expect(r.events.map((e) => e.action)).toEqual(['auto-commit', 'completed']);
    expect(r.state.options.decision).toEqual({ kind: 'commit', atMs: s(789), auto: true });
    expect(r.state.steps.at(-2)).toMatchObject({ name: 'Commit', startedAtMs: s(789), finishedAtMs: s(794) });
  });

  it('auto-rolls back at the deadline, even when jumped over in one fast-forward', () => {
    const st = start('failover', { commitPolicy: 'auto-rollback', commitTimeoutMinutes: 0 }).state;
    const r = advance(st, s(3600));
    expect(r.state.status).toBe('rolled-back');
    expect(r.events.map((e) => e.action)).toEqual(['auto-rollback', 'rolled-back']);
    expect(modes(r.effects)).toEqual(['awaiting-commit', 'replicating']);
  });

  it('skips the shutdown with a reason when the source site is down, and still recovers', () => {
    const st = start('failover', { sourceSiteOnline: false }).state;
    expect(st.steps[1]).toMatchObject({ name: 'Shut down source VMs', status: 'skipped', detail: expect.stringContaining('London is offline') });
    const r = advance(st, s(500));
    expect(r.state.status).toBe('awaiting-commit');
    expect(r.effects.some((e) => e.kind === 'vms-power')).toBe(false);
    expect(r.state.rtoSeconds).toBe(154); // no 30 s shutdown
  });

  it('skips the shutdown when not requested', () => {
    const { state, effects } = start('failover', { shutdownSource: false });
    expect(state.steps[1]).toMatchObject({ status: 'skipped', detail: expect.stringContaining('Not requested') });
    // Only a skipped reverse protection leaves the group failed over; this one is still failing over.
    expect(effects).toEqual([{ kind: 'group-mode', mode: 'failing-over' }]);
  });

  it('knows the RTO only once the last boot group is up', () => {
    const st = advance(start('failover').state, s(100)).state;
    expect(st.steps.find((x) => x.name === 'Boot group 1: App')?.status).toBe('completed');
    expect(st.rtoSeconds).toBeNull();
    expect(advance(st, s(184)).state.rtoSeconds).toBe(184);
  });

  it('shows the next boot group pending, not running, during the delay before it', () => {
    const st = advance(start('failover').state, s(120)).state;
    expect(st.steps.find((x) => x.name === 'Boot group 2: Web')).toMatchObject({ status: 'pending', startedAtMs: null });
    expect(advance(st, s(154)).state.steps.find((x) => x.name === 'Boot group 2: Web')).toMatchObject({ status: 'running', startedAtMs: s(154) });
  });

  it('fails cleanly when the target site goes down before the VMs are up', () => {
    const st = advance(start('failover').state, s(40)).state;
    const r = advance(st, s(41), { targetSiteOnline: false });
    expect(r.state.status).toBe('failed');
    expect(r.state.error).toContain('Zurich went offline');
    expect(r.state.steps.find((x) => x.status === 'failed')?.name).toBe('Create recovered VMs');
    expect(r.state.steps.filter((x) => x.status === 'pending')).toEqual([]);
    expect(r.effects).toEqual([{ kind: 'vms-power', power: 'on' }, { kind: 'group-mode', mode: 'replicating' }]);
  });
});

describe('test failover', () => {
  it('boots test VMs, waits in testing, then stops and records the test', () => {
    const { state, effects } = start('test-failover', { network: { kind: 'test', mode: 'keep-ip', network: 'isolated', mappings: [] } });
    expect(modes(effects)).toEqual(['testing']);
    expect(state.steps.map((x) => x.name)).not.toContain('Shut down source VMs');
    const up = advance(state, s(1000));
    expect(up.state.status).toBe('testing');
    expect(up.state.rtoSeconds).toBe(154);
    expect(up.effects).toEqual([]);
    expect(up.state.steps.find((x) => x.name === 'Configure network')?.detail).toContain('keep-ip');
    const stopping = advance(requestStop(up.state, s(2000)), s(2000));
    expect(stopping.state.status).toBe('running');
    const done = advance(stopping.state, s(2010));
    expect(done.state.status).toBe('completed');
    expect(done.effects).toEqual([{ kind: 'tested', atMs: s(2010) }, { kind: 'group-mode', mode: 'replicating' }]);
  });

  it('is not stopped by a commit timeout', () => {
    const r = advance(start('test-failover', { commitPolicy: 'auto-rollback', commitTimeoutMinutes: 0 }).state, s(99_999));
    expect(r.state.status).toBe('testing');
  });
});

describe('move', () => {
  it('shuts down, syncs the rest, takes a clean checkpoint, boots and auto-commits', () => {
    const st = start('move', { finalSyncSeconds: 12, commitPolicy: 'auto-commit', commitTimeoutMinutes: 0, reverseProtection: true }).state;
    expect(st.steps.slice(0, 4).map((x) => x.name)).toEqual(['Pre-flight checks', 'Shut down source VMs', 'Final sync', 'Create recovered VMs']);
    const r = advance(st, s(1000));
    expect(r.state.status).toBe('completed');
    expect(r.state.checkpointTimeMs).toBe(s(42));
    expect(r.effects.map((e) => e.kind)).toEqual(['vms-power', 'clean-checkpoint', 'group-mode', 'vms-at-target', 'reverse-protection']);
    expect(r.events.map((e) => e.action)).toEqual(['auto-commit', 'completed']);
  });

  it('shuts the source down even when shutdownSource is false (no data loss)', () => {
    expect(start('move', { shutdownSource: false }).state.steps[1].status).toBe('running');
  });
});

describe('failback', () => {
  it('is a failover in the other direction', () => {
    const st = start('failback', { fromSiteName: 'Zurich', toSiteName: 'London', reverseProtection: true }).state;
    const up = advance(st, s(189)).state;
    expect(up.status).toBe('awaiting-commit');
    const r = advance(requestDecision(up, 'commit', s(190)), s(200));
    expect(r.state.status).toBe('completed');
    expect(r.effects.map((e) => e.kind)).toEqual(['vms-at-target', 'reverse-protection']);
  });
});

describe('robustness', () => {
  it('refuses to resume steps that do not match the plan', () => {
    const st = advance(start('failover').state, s(40)).state;
    st.steps[2] = { ...st.steps[2], name: 'Something from another version' };
    expect(() => advance(st, s(50))).toThrow(UnresumableError);
  });

  it('fails an operation with a reason, undoing the shutdown', () => {
    const st = advance(start('failover').state, s(60)).state;
    const r = failOperation(st, s(61), 'restart');
    expect(r.changed).toBe(true);
    expect(r.state).toMatchObject({ status: 'failed', error: 'restart', finishedAtMs: s(61) });
    expect(r.events[0].action).toBe('failed');
  });

  it('reports progress from 0 to 1', () => {
    const st = start('failover').state;
    const p0 = progressOf(st, T0);
    const p1 = progressOf(advance(st, s(100)).state, s(100));
    expect(p0).toBeGreaterThan(0);
    expect(p1).toBeGreaterThan(p0);
    expect(progressOf(advance(requestDecision(advance(st, s(189)).state, 'commit', s(190)), s(300)).state, s(300))).toBe(1);
  });

  it('does nothing to a finished operation', () => {
    const done = failOperation(start('failover').state, s(1), 'x').state;
    expect(advance(done, s(100))).toEqual({ state: done, effects: [], events: [], changed: false });
  });
});

// The moment a commit policy acts: the deadline itself, not a tick later (s(789) above).
describe('commit policy deadline', () => {
  const waitingFor = (policy: 'auto-commit' | 'auto-rollback') => advance(start('failover', { commitPolicy: policy, commitTimeoutMinutes: 10 }).state, s(189)).state;

  it('auto-commits at the exact deadline, and not a millisecond before', () => {
    const waiting = waitingFor('auto-commit');
    expect(advance(waiting, s(789) - 1).changed).toBe(false);
    const r = advance(waiting, s(789));
    expect(r.changed).toBe(true);
    expect(r.state.status).toBe('running');
    expect(r.events).toEqual([{ action: 'auto-commit', atMs: s(789), details: { policy: 'auto-commit', timeoutMinutes: 10 } }]);
    expect(r.state.steps.find((x) => x.name === 'Commit')).toMatchObject({ status: 'running', startedAtMs: s(789) });
  });

  it('auto-rolls back at the exact deadline', () => {
    const r = advance(waitingFor('auto-rollback'), s(789));
    expect(r.events).toEqual([{ action: 'auto-rollback', atMs: s(789), details: { policy: 'auto-rollback', timeoutMinutes: 10 } }]);
    expect(names(r.state).slice(-1)).toEqual(['Roll back:running']);
    expect(r.state.options.decision).toEqual({ kind: 'rollback', atMs: s(789), auto: true });
  });

  it('leaves the decision to a person who decided before the deadline', () => {
    const decided = requestDecision(waitingFor('auto-commit'), 'rollback', s(500));
    const r = advance(decided, s(2000));
    expect(r.state.status).toBe('rolled-back');
    expect(r.events.map((e) => e.action)).toEqual(['rolled-back']);
    expect(r.state.options.decision).toEqual({ kind: 'rollback', atMs: s(500), auto: false });
  });
});

describe('commit policy held while a site is down', () => {
  const waitingFor = (policy: 'auto-commit' | 'auto-rollback') => advance(start('failover', { commitPolicy: policy, commitTimeoutMinutes: 10 }).state, s(189)).state;
  const ZURICH_DOWN = 'Recovery site Zurich is offline: the recovered VMs cannot be kept running there. Wait until Zurich is back online, or roll back.';

  it('holds an auto-commit while the recovery site is offline, once, with the reason on the step', () => {
    const held = advance(waitingFor('auto-commit'), s(789), { targetSiteOnline: false });
    expect(held.state.status).toBe('awaiting-commit');
    expect(held.state.options.decision).toBeNull();
    expect(held.state.options.hold).toEqual({ kind: 'commit', reason: ZURICH_DOWN, sinceMs: s(789) });
    expect(held.state.steps.find((x) => x.name === 'Commit')).toMatchObject({ status: 'pending', detail: `Auto-commit held: ${ZURICH_DOWN}` });
    expect(held.events).toEqual([
      { action: 'auto-decision-held', atMs: s(789), details: { policy: 'auto-commit', decision: 'commit', site: 'Zurich', reason: ZURICH_DOWN } },
    ]);
    expect(held.effects).toEqual([]);
    // Still down later: nothing new to say.
    const later = advance(held.state, s(850), { targetSiteOnline: false });
    expect(later.changed).toBe(false);
    expect(later.events).toEqual([]);
  });

  it('commits when the site is back, at that time, saying since when it was held', () => {
    const held = advance(waitingFor('auto-commit'), s(789), { targetSiteOnline: false }).state;
    const r = advance(held, s(900), { targetSiteOnline: true });
    expect(r.state.options.hold).toBeNull();
    expect(r.state.options.decision).toEqual({ kind: 'commit', atMs: s(900), auto: true });
    expect(r.events).toEqual([
      { action: 'auto-commit', atMs: s(900), details: { policy: 'auto-commit', timeoutMinutes: 10, heldSince: new Date(s(789)).toISOString() } },
    ]);
    const done = advance(r.state, s(1000));
    expect(done.state.status).toBe('completed');
    expect(done.state.steps.find((x) => x.name === 'Commit')).toMatchObject({ startedAtMs: s(900), finishedAtMs: s(905) });
  });

  it('holds an auto-rollback while production is offline, and rolls back when it is back', () => {
    const held = advance(waitingFor('auto-rollback'), s(789), { sourceSiteOnline: false });
    expect(held.state.status).toBe('awaiting-commit');
    expect(held.state.options.hold).toMatchObject({ kind: 'rollback', sinceMs: s(789), reason: expect.stringMatching(/^Production site London is offline/) });
    expect(held.events.map((e) => [e.action, e.details?.site])).toEqual([['auto-decision-held', 'London']]);
    const r = advance(held.state, s(1020), { sourceSiteOnline: true });
    expect(r.state.status).toBe('running');
    const done = advance(r.state, s(1040));
    expect(done.state.status).toBe('rolled-back');
    expect([...r.events, ...done.events].map((e) => [e.action, e.atMs])).toEqual([['auto-rollback', s(1020)], ['rolled-back', s(1035)]]);
    // A timer never breaks glass: production's VMs are restarted.
    expect(done.effects).toEqual([{ kind: 'vms-power', power: 'on' }, { kind: 'group-mode', mode: 'replicating' }]);
  });

  it('is not held by the site the decision does not need', () => {
    expect(advance(waitingFor('auto-commit'), s(789), { sourceSiteOnline: false }).events.map((e) => e.action)).toEqual(['auto-commit']);
    expect(advance(waitingFor('auto-rollback'), s(789), { targetSiteOnline: false }).events.map((e) => e.action)).toEqual(['auto-rollback']);
  });

  it('ends the hold when a person decides meanwhile', () => {
    const held = advance(waitingFor('auto-commit'), s(789), { targetSiteOnline: false }).state;
    const decided = requestDecision(held, 'rollback', s(800));
    expect(decided.options.hold).toBeNull();
    const r = advance(decided, s(900), { targetSiteOnline: false });
    expect(r.state.status).toBe('rolled-back');
    expect(r.events.map((e) => e.action)).toEqual(['rolled-back']);
  });
});

describe('what is powered on after a failure or a rollback', () => {
  it('restarts the source VMs when they had been shut down', () => {
    const r = failOperation(advance(start('failover').state, s(40)).state, s(41), 'boom');
    expect(r.effects).toEqual([{ kind: 'vms-power', power: 'on' }, { kind: 'group-mode', mode: 'replicating' }]);
  });

  it('leaves the source VMs alone when the shutdown had not finished', () => {
    const r = failOperation(advance(start('failover').state, s(29)).state, s(29), 'boom');
    expect(r.effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
  });

  it('leaves the source VMs alone when they were kept running or their site was down', () => {
    const kept = advance(start('failover', { shutdownSource: false }).state, s(40)).state;
    expect(failOperation(kept, s(41), 'boom').effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
    const down = advance(start('failover', { sourceSiteOnline: false }).state, s(20)).state;
    expect(failOperation(down, s(21), 'boom').effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
  });

  it('does not restart production when its site went down during the operation: the reason says so', () => {
    // Shut down cleanly at 30 s; London then fails and Zurich goes down before the VMs are up.
    const shutDown = advance(start('failover').state, s(40)).state;
    const r = advance(shutDown, s(41), { sourceSiteOnline: false, targetSiteOnline: false });
    expect(r.state.status).toBe('failed');
    expect(r.effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
    expect(r.state.error).toBe('Target site Zurich went offline before the VMs were up; London offline, its VMs could not be restarted');
    // With London reachable the same failure restarts them.
    expect(advance(shutDown, s(41), { sourceSiteOnline: true, targetSiteOnline: false }).effects).toEqual([
      { kind: 'vms-power', power: 'on' },
      { kind: 'group-mode', mode: 'replicating' },
    ]);
  });

  it('undoes nothing after the commit: the VMs stay at the target', () => {
    const up = advance(start('failover', { reverseProtection: true }).state, s(189)).state;
    const reversing = advance(requestDecision(up, 'commit', s(200)), s(207)).state;
    expect(names(reversing).slice(-2)).toEqual(['Commit:completed', 'Reverse protection:running']);
    const r = failOperation(reversing, s(207), 'boom');
    expect(r.effects).toEqual([]);
    expect(names(r.state).slice(-1)).toEqual(['Reverse protection:failed']);
  });

  it('marks the running step failed with the reason and skips what had not run', () => {
    const r = failOperation(advance(start('failover').state, s(35)).state, s(36), 'Zurich vanished');
    expect(r.state.steps.slice(1, 4)).toEqual([
      { name: 'Shut down source VMs', status: 'completed', startedAtMs: s(0), finishedAtMs: s(30), detail: '3 VMs powered off at London' },
      { name: 'Create recovered VMs', status: 'failed', startedAtMs: s(30), finishedAtMs: s(36), detail: 'Zurich vanished' },
      { name: 'Boot group 1: App', status: 'skipped', startedAtMs: null, finishedAtMs: null, detail: 'Not run: the operation failed' },
    ]);
    expect(r.events).toEqual([{ action: 'failed', atMs: s(36), details: { reason: 'Zurich vanished' } }]);
  });

  it('does not restart anything on a rollback when the source VMs were kept running', () => {
    const up = advance(start('failover', { shutdownSource: false }).state, s(189)).state;
    const r = advance(requestDecision(up, 'rollback', s(200)), s(215));
    expect(r.state.status).toBe('rolled-back');
    expect(r.effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
  });

  it('does not restart production on a break-glass rollback: its site is down', () => {
    const up = advance(start('failover').state, s(189)).state;
    const forced = requestDecision(up, 'rollback', s(200), { reason: 'fire drill gone wrong', by: 'admin@acme.test', siteName: 'London' });
    const r = advance(forced, s(215));
    expect(r.state.status).toBe('rolled-back');
    expect(r.effects).toEqual([{ kind: 'group-mode', mode: 'replicating' }]);
    expect(r.state.steps.at(-1)).toMatchObject({
      name: 'Roll back', status: 'completed', finishedAtMs: s(215),
      detail: 'Break-glass by admin@acme.test ("fire drill gone wrong"): recovered VMs removed; London offline, its VMs could not be restarted',
    });
  });
});

// 8 steps: pre-flight, shutdown 0–30, create 30–44, boot 1 44–94, (delay 60) boot 2 154–184,
// network 184–189, commit, reverse. Each finished step is 1/8; a running one its elapsed share.
describe('progress of a running operation', () => {
  it('counts the finished steps and the running step’s elapsed share', () => {
    const st = start('failover').state;
    expect(progressOf(st, s(0))).toBe(1 / 8);
    expect(progressOf(st, s(15))).toBe(1.5 / 8);
    const creating = advance(st, s(37)).state;
    expect(progressOf(creating, s(37))).toBe(2.5 / 8);
    expect(progressOf(advance(st, s(69)).state, s(69))).toBe(3.5 / 8);
  });

  it('counts a skipped step as done', () => {
    expect(progressOf(start('failover', { shutdownSource: false }).state, s(0))).toBe(2 / 8);
  });

  it('still shows progress for an operation running a step this version does not know', () => {
    const st = start('failover').state;
    const finished = st.steps.slice(0, 7).map((x) => ({ ...x, status: 'completed' as const }));
    const foreign = { ...st, steps: [...finished, st.steps[7], { name: 'Extra', status: 'running' as const, startedAtMs: s(0), finishedAtMs: null, detail: null }] };
    // 7 finished of 9; the unknown running step, of no known duration, adds nothing.
    expect(progressOf(foreign, s(10))).toBe(7 / 9);
  });

  it('does not move during the delay between boot groups', () => {
    const st = advance(start('failover').state, s(120)).state;
    expect(progressOf(st, s(120))).toBe(4 / 8);
    expect(progressOf(st, s(150))).toBe(4 / 8);
  });

  it('stands at the finished steps while awaiting the decision', () => {
    const st = advance(start('failover').state, s(189)).state;
    expect(progressOf(st, s(5000))).toBe(6 / 8);
  });

  it('counts a step past its end (not yet advanced) as one step, and one not yet begun as none', () => {
    const st = start('failover').state;
    expect(progressOf(st, s(100))).toBe(2 / 8);
    const creating = advance(st, s(37)).state;
    expect(progressOf(creating, s(20))).toBe(2 / 8);
  });

  it('never shows 100 % before the operation has finished', () => {
    const up = advance(start('failover').state, s(189)).state;
    const rollingBack = advance(requestDecision(up, 'rollback', s(200)), s(200)).state;
    expect(progressOf(rollingBack, s(207.5))).toBe(6.5 / 7);
    expect(progressOf(rollingBack, s(10_000))).toBe(0.99);
    expect(progressOf(failOperation(rollingBack, s(201), 'x').state, s(201))).toBe(1);
  });
});

describe('resuming saved operations', () => {
  it('refuses a started step this version does not know', () => {
    const st = advance(start('failover').state, s(40)).state;
    st.steps[2] = { ...st.steps[2], name: 'Provision' };
    expect(() => advance(st, s(50))).toThrow(new UnresumableError('step 3 "Provision" does not match this version\'s plan ("Create recovered VMs")'));
  });

  it('replaces a pending step of another name with this version’s', () => {
    const st = advance(start('failover').state, s(40)).state;
    st.steps[4] = { ...st.steps[4], name: 'Boot the rest' };
    const r = advance(st, s(40));
    expect(r.state.steps[4]).toEqual({ name: 'Boot group 2: Web', status: 'pending', startedAtMs: null, finishedAtMs: null, detail: '1 VM: web-01 (starts 60 s after boot group 1)' });
  });

  it('refuses an operation with a started step this version does not know, even after unknown pending ones', () => {
    const st = advance(start('failover').state, s(40)).state;
    const extra = { name: 'Extra', status: 'pending' as const, startedAtMs: null, finishedAtMs: null, detail: null };
    expect(() => advance({ ...st, steps: [...st.steps, extra, { ...extra, status: 'completed' }] }, s(40))).toThrow(UnresumableError);
  });

  it('drops pending steps this version does not know, and refuses started ones', () => {
    const st = advance(start('failover').state, s(40)).state;
    const extra = { name: 'Extra', status: 'pending' as const, startedAtMs: null, finishedAtMs: null, detail: null };
    expect(advance({ ...st, steps: [...st.steps, extra] }, s(40)).state.steps).toEqual(st.steps);
    expect(() => advance({ ...st, steps: [...st.steps, { ...extra, status: 'completed' }] }, s(40))).toThrow(
      new UnresumableError('the operation has steps this version does not know'),
    );
  });

  it('rebuilds the timeline of an operation whose steps were all lost, from its start', () => {
    const st = start('failover').state;
    const r = advance({ ...st, steps: [] }, s(120));
    expect(r.state.steps).toEqual(advance(st, s(120)).state.steps);
    expect(r.state.steps[0]).toMatchObject({ status: 'completed', startedAtMs: T0, finishedAtMs: T0 });
  });

  it('adds steps missing from a saved operation', () => {
    const st = advance(start('failover').state, s(40)).state;
    const r = advance({ ...st, steps: st.steps.slice(0, 5) }, s(40));
    expect(r.state.steps).toEqual(st.steps);
  });
});
