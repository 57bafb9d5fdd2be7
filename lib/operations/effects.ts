/**
 * Applies a machine transition to the database (inside the caller's transaction) and returns
 * the simulator calls to make once that transaction has committed: the engine must never be
 * told about a change that was rolled back.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { alerts, checkpoints, operations, protectionGroups, vms } from '@/db/schema';
import type { GroupStatus } from '@/lib/schemas/groups';
import { SYSTEM_ACTOR, type Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/core/outbox';
import { commitTimeLeftSeconds, commitWindowText } from './commit-window';
import { formatDateTime } from '@/lib/format';
import { newId } from '@/lib/ids';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';
import type { GroupMode, SimulatorControl } from '@/lib/sim/contract';
import { saveState, type OperationRow } from './store';
import type { AdvanceResult, Effect, OperationState } from './types';

export type OpsSim = Pick<SimulatorControl, 'setGroupMode' | 'reverseProtection' | 'notifyConfigChanged'>;
export type SimCall = (sim: OpsSim) => void;

const MODE_STATUS: Partial<Record<GroupMode, GroupStatus>> = {
  testing: 'testing',
  'failing-over': 'failing-over',
  'awaiting-commit': 'awaiting-commit',
  'failed-over': 'failed-over',
};

const KNOWN_STATUSES = new Set<string>(['initialising', 'meeting-sla', 'rpo-not-met', 'history-not-met', 'paused']);

/** Status to show until the engine recomputes it: what the group had before the operation. */
function restoredStatus(s: OperationState): GroupStatus {
  const before = s.options?.groupStatusBefore;
  return before && KNOWN_STATUSES.has(before) ? (before as GroupStatus) : 'meeting-sla';
}

const planVmIds = (s: OperationState) => (s.options?.plan ?? []).flatMap((bg) => bg.vms.map((v) => v.id));

function applyEffect(tx: Executor, row: OperationRow, s: OperationState, effect: Effect, calls: SimCall[]): void {
  const groupId = row.groupId;
  switch (effect.kind) {
    case 'group-mode': {
      const status = MODE_STATUS[effect.mode] ?? restoredStatus(s);
      tx.update(protectionGroups).set({ status }).where(eq(protectionGroups.id, groupId)).run();
      calls.push((sim) => sim.setGroupMode(groupId, effect.mode));
      break;
    }
    case 'vms-power': {
      const ids = planVmIds(s);
      if (ids.length) tx.update(vms).set({ powerState: effect.power }).where(inArray(vms.id, ids)).run();
      break;
    }
    case 'vms-at-target': {
      const ids = planVmIds(s);
      if (ids.length) tx.update(vms).set({ siteId: row.toSiteId, powerState: 'on' }).where(inArray(vms.id, ids)).run();
      break;
    }
    case 'reverse-protection': {
      // The database is the configuration's truth: swap it here, then let the engine follow.
      tx.update(protectionGroups)
        .set({ sourceSiteId: row.toSiteId, targetSiteId: row.fromSiteId, status: 'reverse-replicating', updatedAt: new Date(effect.atMs), configVersion: sql`${protectionGroups.configVersion} + 1` })
        .where(eq(protectionGroups.id, groupId))
        .run();
      // Leave the awaiting-commit mode, then reverse: protection_groups already holds the swapped
      // direction, so the engine should take it from there (reload, not toggle again).
      calls.push((sim) => sim.setGroupMode(groupId, 'replicating'), (sim) => sim.reverseProtection(groupId));
      break;
    }
    case 'clean-checkpoint': {
      const id = newId('cp');
      const tag = `Clean checkpoint of the move at ${formatDateTime(effect.timeMs, { seconds: true })}`;
      tx.insert(checkpoints).values({ id, groupId, timeMs: effect.timeMs, kind: 'tagged', tag, createdBy: row.startedBy }).run();
      tx.update(operations).set({ checkpointId: id, checkpointTimeMs: effect.timeMs }).where(eq(operations.id, row.id)).run();
      row.checkpointId = id;
      break;
    }
    case 'tested': {
      // Read, not taken from `row`: the stop request records the result in this same transaction.
      const passed = tx.select({ result: operations.result }).from(operations).where(eq(operations.id, row.id)).get()?.result === 'passed';
      // Only a passed test fulfils the annual duty: a failed one leaves the group as due as it was.
      if (passed) tx.update(protectionGroups).set({ lastTestedAt: new Date(effect.atMs) }).where(eq(protectionGroups.id, groupId)).run();
      if (row.checkpointId) tagTested(tx, row.checkpointId, effect.atMs, passed);
      break;
    }
  }
}

/**
 * "Tested at <time>" (or "Test failed at <time>") on the checkpoint a test used; a crash
 * checkpoint becomes tagged so the journal keeps it.
 */
function tagTested(tx: Executor, checkpointId: string, atMs: number, passed: boolean): void {
  const cp = tx.select({ kind: checkpoints.kind, tag: checkpoints.tag }).from(checkpoints).where(eq(checkpoints.id, checkpointId)).get();
  if (!cp) return; // thinned out of the journal meanwhile
  const label = `${passed ? 'Tested' : 'Test failed'} at ${formatDateTime(atMs)}`;
  tx.update(checkpoints)
    .set({ tag: cp.tag ? `${cp.tag}; ${label}` : label, kind: cp.kind === 'crash' ? 'tagged' : cp.kind })
    .where(eq(checkpoints.id, checkpointId))
    .run();
}

/**
 * Persists a transition of one operation: its row and steps, the effects, and an audit entry
 * for what the system decided (auto-commit, auto-rollback, completion, failure).
 */
export function applyTransition(tx: Executor, row: OperationRow, prev: OperationState, result: AdvanceResult, actor: Actor | null = null): SimCall[] {
  const calls: SimCall[] = [];
  saveState(tx, row.id, prev, result.state);
  for (const effect of result.effects) applyEffect(tx, row, result.state, effect, calls);
  for (const event of result.events) {
    const failed = event.action === 'failed';
    const held = event.action === 'auto-decision-held';
    audit(tx, actor ?? SYSTEM_ACTOR, {
      action: `operation.${event.action}`,
      tenantId: row.tenantId,
      targetType: 'operation',
      targetId: row.id,
      outcome: failed ? 'failed' : held ? 'denied' : 'success',
      details: { groupId: row.groupId, type: row.type, ...event.details },
      simulatedTime: event.atMs,
    });
    if (failed || held) {
      const reason = String(event.details?.reason ?? 'unknown reason');
      tx.insert(alerts).values({
        id: newId('alr'), tenantId: row.tenantId, groupId: row.groupId, code: failed ? 'operation-failed' : 'operation-held', level: 'error',
        message: failed ? `${OPERATION_TYPE_LABEL[row.type]} failed: ${reason}` : `${OPERATION_TYPE_LABEL[row.type]}: the ${event.details?.policy} policy is on hold. ${reason}`, raisedAt: new Date(event.atMs),
      }).run();
    }
  }
  notifyTransition(tx, row, prev, result);
  // The hold ended (the policy or a person decided, or the operation failed): its alert is resolved.
  const next = result.state;
  const endedAt = next.options?.hold ? next.finishedAtMs : (next.options?.decision?.atMs ?? next.finishedAtMs);
  if (prev.options?.hold && endedAt !== null && endedAt !== undefined) {
    tx.update(alerts).set({ resolvedAt: new Date(endedAt) })
      .where(and(eq(alerts.groupId, row.groupId), eq(alerts.code, 'operation-held'), isNull(alerts.resolvedAt)))
      .run();
  }
  return calls;
}

const FINISHED = new Set(['completed', 'rolled-back']);

/**
 * The operation's e-mail events, in the transition's transaction (lib/core/outbox, the same
 * layer as the audit writer: the machine sits below lib/domain and may not import it). Derived
 * from the status change, so every path (the driver, a person's decision, a failure) notifies.
 */
function notifyTransition(tx: Executor, row: OperationRow, prev: OperationState, result: AdvanceResult): void {
  const next = result.state;
  if (prev.status === next.status) return;
  const type = next.status === 'awaiting-commit' ? 'operation.awaiting-decision'
    : next.status === 'failed' ? 'operation.failed'
      : FINISHED.has(next.status) ? 'operation.finished' : null;
  if (!type) return;
  const group = tx.select({ name: protectionGroups.name }).from(protectionGroups).where(eq(protectionGroups.id, row.groupId)).get();
  const label = OPERATION_TYPE_LABEL[row.type];
  const groupName = group?.name ?? row.groupId;
  const failedEvent = result.events.find((e) => e.action === 'failed');
  const atMs = type === 'operation.awaiting-decision' ? Math.max(0, ...next.steps.map((st) => st.finishedAtMs ?? 0)) : (next.finishedAtMs ?? failedEvent?.atMs ?? Date.now());
  const policy = next.options?.commitPolicy ?? 'manual';
  const summary = type === 'operation.awaiting-decision'
    ? `${label} of ${groupName} is awaiting a decision: commit or roll back (${policy} policy). ${commitWindowText(policy, next.commitDeadlineMs, atMs)}`
    : type === 'operation.failed'
      ? `${label} of ${groupName} failed: ${String(failedEvent?.details?.reason ?? 'unknown reason')}`
      : `${label} of ${groupName} ${next.status === 'rolled-back' ? 'was rolled back' : 'completed'}.`;
  // Waiting for a decision: when the commit window ends (null under the manual policy) and what is left of it.
  const window = type === 'operation.awaiting-decision'
    ? { commitPolicy: policy, commitDeadline: next.commitDeadlineMs === null ? null : new Date(next.commitDeadlineMs).toISOString(), commitTimeLeftSeconds: commitTimeLeftSeconds(next.commitDeadlineMs, atMs) }
    : {};
  recordEvent(tx, {
    type, tenantId: row.tenantId, occurredAt: atMs,
    payload: { operationId: row.id, operationType: row.type, groupId: row.groupId, groupName, status: next.status, subject: `${label} of ${groupName}`, summary, ...window },
  });
}

/** Runs the deferred simulator calls; an engine hiccup must not undo what was committed. */
export function runSimCalls(sim: OpsSim | null, calls: SimCall[]): void {
  if (!sim) return;
  for (const call of calls) {
    try {
      call(sim);
    } catch (error) {
      console.error('Simulator refused an operations call', error);
    }
  }
}
