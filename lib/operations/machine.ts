/**
 * The operations state machine: pure functions from (operation, simulated now) to the next
 * operation and the effects to apply. Step times are computed from the schedule (previous
 * finish + delay + duration), never from the tick that noticed them, so a coarse tick, a
 * fast-forward after a restart or a resumed operation all produce the same timeline.
 */
import { decisionBlock, type SiteReach } from './decision-guard';
import { stepDefinitions, type StepDef } from './steps';
import type { AdvanceResult, Decision, Effect, OperationEvent, OperationOptions, OperationState, OperationType, Step } from './types';
import { isOpen } from './types';

export class UnresumableError extends Error {}

/**
 * The sites' reachability now. When the target goes down before the VMs are up the operation
 * fails; once they are up, a decision the sites do not allow is held (see decision-guard).
 */
export type AdvanceEnv = SiteReach;

type Out = { effects: Effect[]; events: OperationEvent[] };

const pendingStep = (def: StepDef): Step => ({ name: def.name, status: 'pending', startedAtMs: null, finishedAtMs: null, detail: def.detail });

/** A new operation, its pre-flight step already passed at `nowMs`. */
export function createOperationState(input: {
  type: OperationType;
  nowMs: number;
  checkpointTimeMs: number | null;
  options: OperationOptions;
  preflightDetail?: string;
}): AdvanceResult {
  const base: OperationState = {
    type: input.type, status: 'running', startedAtMs: input.nowMs, finishedAtMs: null, commitDeadlineMs: null,
    checkpointTimeMs: input.checkpointTimeMs, rtoSeconds: null, error: null, options: input.options, steps: stepDefinitions(input).map(pendingStep),
  };
  base.steps[0] = { ...base.steps[0], status: 'completed', startedAtMs: input.nowMs, finishedAtMs: input.nowMs, detail: input.preflightDetail ?? 'All checks passed' };
  const effects: Effect[] = [{ kind: 'group-mode', mode: input.type === 'test-failover' ? 'testing' : 'failing-over' }];
  const next = advance(base, input.nowMs);
  return { state: next.state, effects: [...effects, ...next.effects], events: next.events, changed: true };
}

/** Keeps the persisted steps in line with the definitions (a decision replaces the tail). */
function alignSteps(s: OperationState, defs: StepDef[]): void {
  defs.forEach((def, i) => {
    const step = s.steps[i];
    if (!step) s.steps.push(pendingStep(def));
    else if (step.name !== def.name) {
      if (step.status !== 'pending') throw new UnresumableError(`step ${i + 1} "${step.name}" does not match this version's plan ("${def.name}")`);
      s.steps[i] = pendingStep(def);
    }
  });
  if (s.steps.slice(defs.length).some((st) => st.status !== 'pending')) throw new UnresumableError('the operation has steps this version does not know');
  s.steps.length = defs.length;
}

function gateTime(s: OperationState, gate: 'stop' | 'decision'): number | null {
  return gate === 'stop' ? s.options.stopRequestedAtMs : (s.options.decision?.atMs ?? null);
}

/**
 * Commit policy at the deadline: the machine decides in the policy's name, unless the sites do
 * not allow that decision now. Then it holds (once: an event, an alert, the reason on the step)
 * and decides when they do, at that time; a person may decide meanwhile. Called at a gate that
 * no one has opened yet; only the decision gate of a commit policy has a deadline (a manual
 * policy and a test have none).
 */
function autoDecide(s: OperationState, nowMs: number, out: Out, env: AdvanceEnv): boolean {
  const { commitPolicy, commitTimeoutMinutes, hold } = s.options;
  if (s.commitDeadlineMs === null || nowMs < s.commitDeadlineMs) return false;
  const kind = commitPolicy === 'auto-commit' ? 'commit' : 'rollback';
  const block = decisionBlock(s.options, kind, env);
  if (block) {
    if (!hold) {
      s.options = { ...s.options, hold: { kind, reason: block.message, sinceMs: nowMs } };
      const gate = s.steps.findIndex((st) => st.status === 'pending');
      // Stryker disable next-line ConditionalExpression,EqualityOperator: awaiting a decision, the decision step is always pending (and never the first)
      if (gate >= 0) s.steps[gate] = { ...s.steps[gate], detail: `Auto-${kind} held: ${block.message}` };
      out.events.push({ action: 'auto-decision-held', atMs: nowMs, details: { policy: commitPolicy, decision: kind, site: block.siteName, reason: block.message } });
    }
    return false;
  }
  // Held past the deadline: the decision is made now, when it can be carried out.
  const atMs = hold ? nowMs : s.commitDeadlineMs;
  // The decision gate opens at atMs (<= now) and sets the operation running.
  s.options = { ...s.options, hold: null, decision: { kind, atMs, auto: true } };
  out.events.push({ action: kind === 'commit' ? 'auto-commit' : 'auto-rollback', atMs, details: { policy: commitPolicy, timeoutMinutes: commitTimeoutMinutes, ...(hold ? { heldSince: new Date(hold.sinceMs).toISOString() } : {}) } });
  return true;
}

function enterWaiting(s: OperationState, gate: 'stop' | 'decision', sinceMs: number, out: Out): void {
  if (gate === 'stop') {
    s.status = 'testing';
    return;
  }
  if (s.status === 'awaiting-commit') return;
  s.status = 'awaiting-commit';
  const { commitPolicy, commitTimeoutMinutes } = s.options;
  s.commitDeadlineMs = commitPolicy === 'manual' ? null : sinceMs + commitTimeoutMinutes * 60_000;
  out.effects.push({ kind: 'group-mode', mode: 'awaiting-commit' });
}

const stepDone = (s: OperationState, name: string) => s.steps.some((st) => st.name === name && st.status === 'completed');

function onComplete(s: OperationState, def: StepDef, atMs: number, out: Out): void {
  switch (def.key) {
    case 'shutdown':
      out.effects.push({ kind: 'vms-power', power: 'off' });
      break;
    case 'final-sync':
      s.checkpointTimeMs = atMs;
      out.effects.push({ kind: 'clean-checkpoint', timeMs: atMs });
      break;
    case 'boot':
      if (def.bootIndex === s.options.plan.length - 1) s.rtoSeconds = (atMs - s.startedAtMs) / 1000;
      break;
    case 'stop-test':
      out.effects.push({ kind: 'tested', atMs }, { kind: 'group-mode', mode: 'replicating' });
      break;
    case 'commit':
      out.effects.push({ kind: 'vms-at-target' });
      break;
    case 'reverse':
      out.effects.push({ kind: 'reverse-protection', atMs });
      break;
    case 'rollback':
      // Break-glass: production was offline, its VMs cannot be restarted there.
      // Stryker disable next-line OptionalChaining: the rollback step exists only once a rollback was decided
      if (stepDone(s, 'Shut down source VMs') && !s.options.decision?.breakGlass) out.effects.push({ kind: 'vms-power', power: 'on' });
      out.effects.push({ kind: 'group-mode', mode: 'replicating' });
      break;
  }
}

function finish(s: OperationState, nowMs: number, out: Out): void {
  const rolledBack = s.options.decision?.kind === 'rollback';
  s.status = rolledBack ? 'rolled-back' : 'completed';
  s.finishedAtMs = s.steps.reduce((t, st) => Math.max(t, st.finishedAtMs ?? 0), 0) || nowMs;
  out.events.push({ action: rolledBack ? 'rolled-back' : 'completed', atMs: s.finishedAtMs, details: { rtoSeconds: s.rtoSeconds } });
}

/** True once the recovered/test VMs are up (the configure-network step is done). */
export function vmsUp(s: OperationState): boolean {
  return stepDone(s, 'Configure network');
}

/** Advances the operation to `nowMs`, possibly through several steps at once. */
export function advance(prev: OperationState, nowMs: number, env: AdvanceEnv = {}): AdvanceResult {
  if (!isOpen(prev.status)) return { state: prev, effects: [], events: [], changed: false };
  const s: OperationState = structuredClone(prev);
  const out: Out = { effects: [], events: [] };
  if (env.targetSiteOnline === false && !vmsUp(s)) {
    return failOperation(prev, nowMs, `Target site ${s.options.toSiteName} went offline before the VMs were up`, env);
  }
  // Stryker disable next-line EqualityOperator,UpdateOperator: a safety bound; every advance ends by a break within a few dozen rounds
  for (let guard = 0; guard < 1000; guard++) {
    const defs = stepDefinitions(s);
    alignSteps(s, defs);
    const i = s.steps.findIndex((st) => st.status === 'pending' || st.status === 'running');
    if (i < 0) {
      finish(s, nowMs, out);
      break;
    }
    const step = s.steps[i];
    const def = defs[i];
    if (step.status === 'running') {
      const end = (step.startedAtMs ?? nowMs) + def.durationSeconds * 1000;
      if (nowMs < end) break;
      s.steps[i] = { ...step, status: 'completed', finishedAtMs: end, detail: def.doneDetail };
      onComplete(s, def, end, out);
      continue;
    }
    const prevEnd = i === 0 ? s.startedAtMs : (s.steps[i - 1].finishedAtMs ?? s.startedAtMs);
    let readyAt = prevEnd + def.delayBeforeSeconds * 1000;
    if (def.gate) {
      const gateAt = gateTime(s, def.gate);
      if (gateAt === null) {
        enterWaiting(s, def.gate, readyAt, out);
        if (autoDecide(s, nowMs, out, env)) continue;
        break;
      }
      readyAt = Math.max(readyAt, gateAt);
    }
    if (nowMs < readyAt) break;
    s.status = 'running';
    if (def.skipReason) {
      s.steps[i] = { ...step, status: 'skipped', startedAtMs: readyAt, finishedAtMs: readyAt, detail: def.skipReason };
      // Committed without reverse protection: the group stays at the target, unprotected.
      if (def.key === 'reverse') out.effects.push({ kind: 'group-mode', mode: 'failed-over' });
      continue;
    }
    s.steps[i] = { ...step, status: 'running', startedAtMs: readyAt, detail: def.detail };
  }
  return { state: s, effects: out.effects, events: out.events, changed: JSON.stringify(s) !== JSON.stringify(prev) };
}

/** A person asked to stop a running test (status `testing`). */
export function requestStop(prev: OperationState, nowMs: number): OperationState {
  return { ...prev, options: { ...prev.options, stopRequestedAtMs: nowMs } };
}

/**
 * A person decided to commit or roll back (status `awaiting-commit`); a hold of the commit
 * policy ends with it. The caller has checked the sites (decision-guard) first.
 */
export function requestDecision(prev: OperationState, kind: Decision['kind'], nowMs: number, breakGlass?: Decision['breakGlass']): OperationState {
  const decision: Decision = { kind, atMs: nowMs, auto: false, ...(breakGlass ? { breakGlass } : {}) };
  return { ...prev, status: 'running', options: { ...prev.options, hold: null, decision } };
}

/**
 * Ends an operation as failed: the running step fails with the reason, what had not run is
 * skipped, and what can be undone is undone (source VMs restarted, replication resumed). The
 * source VMs are restarted only where their site is reachable now (`reach`, when known): a site
 * that went down during the operation cannot start them, and the reason says so.
 */
export function failOperation(prev: OperationState, nowMs: number, reason: string, reach: SiteReach = {}): AdvanceResult {
  const s: OperationState = structuredClone(prev);
  s.steps = s.steps.map((st) =>
    st.status === 'running'
      ? { ...st, status: 'failed', finishedAtMs: nowMs, detail: reason }
      : st.status === 'pending'
        ? { ...st, status: 'skipped', detail: 'Not run: the operation failed' }
        : st,
  );
  s.status = 'failed';
  s.error = reason;
  s.finishedAtMs = nowMs;
  const committed = stepDone(s, 'Commit');
  const effects: Effect[] = [];
  if (!committed) {
    if (stepDone(s, 'Shut down source VMs')) {
      if (reach.sourceSiteOnline === false) s.error = `${reason}; ${s.options.fromSiteName} offline, its VMs could not be restarted`;
      else effects.push({ kind: 'vms-power', power: 'on' });
    }
    effects.push({ kind: 'group-mode', mode: 'replicating' });
  }
  return { state: s, effects, events: [{ action: 'failed', atMs: nowMs, details: { reason } }], changed: true };
}

/** 0..1 for progress bars: finished steps plus the running step's elapsed share. */
export function progressOf(s: OperationState, nowMs: number): number {
  if (!isOpen(s.status)) return 1;
  const defs = stepDefinitions(s);
  let done = 0;
  // An open operation has no failed step (failing ends it), so a step started and not finished is the running one.
  s.steps.forEach((st, i) => {
    if (st.status === 'completed' || st.status === 'skipped') done += 1;
    else if (st.startedAtMs !== null) {
      const dur = (defs[i]?.durationSeconds ?? 0) * 1000;
      done += dur > 0 ? Math.min(1, Math.max(0, (nowMs - st.startedAtMs) / dur)) : 0;
    }
  });
  return s.steps.length ? Math.min(0.99, done / s.steps.length) : 0;
}
