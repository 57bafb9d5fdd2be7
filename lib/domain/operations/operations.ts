/**
 * Failover operations: test failover, live failover, move, failback; stop test, commit,
 * rollback; reads. Every use case authorises (403), scopes to the tenant (404), validates
 * (400), then acts in one transaction with its audit entry. The steps then advance on the
 * simulated clock in lib/operations/driver.
 */
import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { operations, operationSteps, sites } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';
import { newId } from '@/lib/ids';
import { decisionBlock, type SiteReach } from '@/lib/operations/decision-guard';
import { applyTransition, runSimCalls, type SimCall } from '@/lib/operations/effects';
import { advance, requestDecision, requestStop, UnresumableError } from '@/lib/operations/machine';
import { stateFromRows } from '@/lib/operations/store';
import type { Decision, OperationState } from '@/lib/operations/types';
import {
  failoverSchema, listOperationsQuerySchema, moveSchema, preflightQuerySchema, rollbackSchema, stopTestSchema, testFailoverSchema,
} from '@/lib/schemas/operations';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simClock } from '@/lib/domain/core/clock';
import { startedAfter, startedPage } from '@/lib/domain/core/cursor';
import type { Page } from '@/lib/domain/core/dto';
import { ConflictError, NotFoundError, PreflightError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { readOperationDtos, type OperationDto } from './operation-dto';
import { loadGroupForOperation, type GroupForOperation } from './operation-plan';
import { gateFor, isAwaitingApproval, noteBreakGlass, requestApproval, type AwaitingApprovalDto } from '@/lib/domain/approvals/gate';
import type { StoredRequest } from '@/lib/domain/approvals/approval-dto';
import type { GatedType } from '@/lib/schemas/approvals';
import { openOperation, type StartInput } from './open-operation';
import { evaluatePreflight, type PreflightDto } from './operation-preflight';
import { tenantFilter } from '@/lib/domain/core/scope';
import { assertEngineLive } from '@/lib/sim/bridge';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { parseInput } from '@/lib/domain/core/validate';

export type { OperationDto } from './operation-dto';
export type { PreflightDto } from './operation-preflight';

export function parseStart(type: OperationType, input: unknown): StartInput & { reason?: string; breakGlass?: boolean } {
  if (type === 'test-failover') {
    const p = parseBody(testFailoverSchema, input);
    return { ...p, shutdownSource: false, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 0 };
  }
  if (type === 'move') return { ...parseBody(moveSchema, input), shutdownSource: true };
  return parseBody(failoverSchema, input);
}

/**
 * The pre-flight of a start, in its transaction: refused (422) with the failed checks, 409 when
 * the group waits in a run. An open operation is the database's call when opening, whoever gets
 * there first; a request for approval is refused at once when one is open (`strictOpen`).
 */
function checkStart(tx: Executor, group: GroupForOperation, requested: OperationType, parsed: StartInput, nowMs: number, strictOpen = false) {
  const pf = evaluatePreflight(tx, group, requested, parsed, nowMs);
  if (pf.waitingInRunId) throw new ConflictError('The group waits for its tier in a recovery run; act on it there.', { runId: pf.waitingInRunId });
  if (strictOpen && pf.openOperationId) throw new ConflictError('Another operation is already open on this group; one operation at a time.', { openOperationId: pf.openOperationId });
  const failed = pf.checks.filter((c) => !c.ok && c.check !== 'no-open-operation');
  if (failed.length) throw new PreflightError(failed.map((c) => ({ check: c.check, message: c.message })));
  return pf;
}

/** The stored form of a start body: what the approver sees and what is validated again on approval. */
function storedBody(parsed: StartInput & { reason?: string; breakGlass?: boolean }): Record<string, unknown> {
  const { breakGlass: _bg, pointInTime, ...rest } = parsed;
  void _bg;
  return JSON.parse(JSON.stringify({ ...rest, ...(pointInTime ? { pointInTime: pointInTime.toISOString() } : {}) })) as Record<string, unknown>;
}

async function startOperation(db: DB, actor: Actor, groupId: string, requested: OperationType, input: unknown): Promise<OperationDto | AwaitingApprovalDto> {
  authorize(db, actor, 'operation:run', { type: 'protection-group', id: groupId });
  const group = loadGroupForOperation(db, actor, groupId);
  const parsed = parseStart(requested, input);
  const { sim, nowMs } = await simClock();
  assertEngineLive(sim);
  const opId = newId('op');
  const gate = gateFor(db, group.tenantId, requested, parsed.breakGlass);
  let calls: SimCall[];
  try {
    const outcome = db.transaction((tx): SimCall[] | AwaitingApprovalDto => {
      if (gate === 'approval') {
        const pf = checkStart(tx, group, requested, parsed, nowMs, true);
        return requestApproval(tx, actor, {
          tenantId: group.tenantId, kind: 'operation', type: pf.type as GatedType, groups: [{ id: group.id, name: group.name }],
          request: { body: storedBody(parsed), requested }, reason: parsed.reason || null, nowMs,
        });
      }
      const pf = checkStart(tx, group, requested, parsed, nowMs);
      const breakGlassReason = gate === 'break-glass' ? parsed.reason : undefined;
      const out = openOperation(tx, actor, group, pf, parsed, { opId, nowMs, breakGlassReason });
      if (breakGlassReason) {
        noteBreakGlass(tx, actor, { tenantId: group.tenantId, kind: 'operation', type: pf.type as GatedType, groups: [{ id: group.id, name: group.name }], reason: breakGlassReason, operationId: opId, nowMs });
      }
      return out;
    });
    if (isAwaitingApproval(outcome)) return outcome;
    calls = outcome;
  } catch (error) {
    if (error instanceof PreflightError || error instanceof ConflictError) {
      audit(db, actor, { action: 'operation.start', tenantId: group.tenantId, targetType: 'protection-group', targetId: groupId, outcome: 'failed', simulatedTime: nowMs, details: { type: requested, reason: error.message } });
    }
    throw error;
  }
  runSimCalls(sim, calls);
  return readOne(db, opId, nowMs);
}

/**
 * Starts an approved request as its requester would have, in the approver's transaction: the
 * stored body is validated again and the pre-flight evaluated now (the checkpoint must still be
 * in the journal). Throws the domain error that keeps it from starting.
 */
export function startApprovedOperation(tx: Executor, requester: Actor, approval: { id: string; groupIds: string[]; request: StoredRequest }, approverEmail: string, nowMs: number): { calls: SimCall[]; operationId: string } {
  const group = loadGroupForOperation(tx, requester, approval.groupIds[0]);
  const requested = (approval.request.requested ?? 'failover') as OperationType;
  const parsed = parseStart(requested, approval.request.body);
  const pf = checkStart(tx, group, requested, parsed, nowMs);
  const operationId = newId('op');
  const calls = openOperation(tx, requester, group, pf, parsed, { opId: operationId, nowMs, approvalId: approval.id, approvedByEmail: approverEmail });
  return { calls, operationId };
}

export type { AwaitingApprovalDto } from '@/lib/domain/approvals/gate';

/** Boots copies of the group's VMs on the test network; production keeps replicating. */
export async function startTestFailover(db: DB, actor: Actor, groupId: string, input: unknown = {}): Promise<OperationDto> {
  const out = await startOperation(db, actor, groupId, 'test-failover', input);
  // A test failover never waits for approval (gateFor): it disrupts nothing.
  if (isAwaitingApproval(out)) throw new Error('A test failover never waits for approval.');
  return out;
}
/** Live failover; on a group failed over with reverse protection this is a failback. */
export const startFailover = (db: DB, actor: Actor, groupId: string, input: unknown = {}) => startOperation(db, actor, groupId, 'failover', input);
/** Planned migration: shut down, final sync, clean checkpoint, boot at the target. No data loss. */
export const startMove = (db: DB, actor: Actor, groupId: string, input: unknown = {}) => startOperation(db, actor, groupId, 'move', input);
/** Returns a reversed group home (422 when it has not been failed over and reversed). */
export const startFailback = (db: DB, actor: Actor, groupId: string, input: unknown = {}) => startOperation(db, actor, groupId, 'failback', input);

type Action = 'stop-test' | 'commit' | 'rollback';

function guardAction(action: Action, type: OperationType, status: string): void {
  if (action === 'stop-test') {
    if (type !== 'test-failover') throw new ConflictError('Only a test failover is stopped; commit or roll back a live failover.');
    if (status !== 'testing') throw new ConflictError(`The test is ${status}: it can be stopped once its VMs are up and only once.`, { status });
    return;
  }
  if (type === 'test-failover') throw new ConflictError('A test failover is stopped, not committed or rolled back.');
  if (status !== 'awaiting-commit') throw new ConflictError(`The operation is ${status}: it can be ${action === 'commit' ? 'committed' : 'rolled back'} only while awaiting commit.`, { status });
}

/** Whether the operation's two sites are reachable now, for the decision rule both the API and the timers apply. */
function siteReach(db: Executor, row: { fromSiteId: string; toSiteId: string }): SiteReach {
  const rows = db.select({ id: sites.id, status: sites.status }).from(sites).where(inArray(sites.id, [row.fromSiteId, row.toSiteId])).all();
  const online = (id: string) => rows.find((r) => r.id === id)?.status !== 'offline';
  return { sourceSiteOnline: online(row.fromSiteId), targetSiteOnline: online(row.toSiteId) };
}

/** A decision the sites do not allow now (409 naming the site); audited as denied, like a refused start. */
class SiteRefusal extends ConflictError {}

async function actOn(db: DB, actor: Actor, opId: string, action: Action, input: unknown): Promise<OperationDto> {
  authorize(db, actor, 'operation:run', { type: 'operation', id: opId });
  const found = db.select({ id: operations.id, tenantId: operations.tenantId, groupId: operations.groupId }).from(operations)
    .where(and(eq(operations.id, opId), tenantFilter(operations.tenantId, tenantScope(actor)))).get();
  if (!found) throw new NotFoundError('operation', opId);
  const stop = action === 'stop-test' ? parseBody(stopTestSchema, input) : null;
  const rollback = action === 'rollback' ? parseBody(rollbackSchema, input) : null;
  const { sim, nowMs } = await simClock();
  assertEngineLive(sim);
  let calls: SimCall[];
  try {
    calls = db.transaction((tx) => {
      const row = tx.select().from(operations).where(eq(operations.id, opId)).get();
      if (!row) throw new NotFoundError('operation', opId);
      guardAction(action, row.type, row.status);
      const stepRows = tx.select().from(operationSteps).where(eq(operationSteps.operationId, opId)).all();
      let prev: OperationState;
      try {
        prev = stateFromRows(row, stepRows);
      } catch (error) {
        if (error instanceof UnresumableError) throw new ConflictError(`The operation cannot continue: ${error.message}.`);
        throw error;
      }
      const reach = siteReach(tx, row);
      let breakGlass: Decision['breakGlass'];
      if (action !== 'stop-test') {
        const block = decisionBlock(prev.options, action, reach);
        if (block && !(block.breakGlassAllowed && rollback?.breakGlass)) {
          throw new SiteRefusal(block.message, {
            check: block.site === 'target' ? 'target-site' : 'source-site',
            siteId: block.site === 'target' ? row.toSiteId : row.fromSiteId,
            siteName: block.siteName,
            breakGlassAllowed: block.breakGlassAllowed,
          });
        }
        if (block && rollback?.reason) breakGlass = { reason: rollback.reason, by: actor.email, siteName: block.siteName };
      }
      const asked = action === 'stop-test' ? requestStop(prev, nowMs) : requestDecision(prev, action, nowMs, breakGlass);
      const result = advance(asked, nowMs, reach);
      if (stop) tx.update(operations).set({ result: stop.result, notes: stop.notes || null }).where(eq(operations.id, opId)).run();
      audit(tx, actor, {
        action: `operation.${action}`, tenantId: row.tenantId, targetType: 'operation', targetId: opId, simulatedTime: nowMs,
        details: {
          groupId: row.groupId, type: row.type,
          ...(stop ? { result: stop.result, notes: stop.notes ?? null } : {}),
          ...(breakGlass ? { breakGlass: true, reason: breakGlass.reason, siteOffline: breakGlass.siteName } : {}),
        },
      });
      return applyTransition(tx, row, prev, { ...result, changed: true }, actor);
    });
  } catch (error) {
    if (error instanceof SiteRefusal) {
      audit(db, actor, {
        action: `operation.${action}`, tenantId: found.tenantId, targetType: 'operation', targetId: opId, outcome: 'denied', simulatedTime: nowMs,
        details: { groupId: found.groupId, reason: error.message, siteOffline: error.extra.siteName },
      });
    }
    throw error;
  }
  runSimCalls(sim, calls);
  return readOne(db, opId, nowMs);
}

/** Ends a running test with its result and notes; the test VMs are then removed. */
export const stopTest = (db: DB, actor: Actor, opId: string, input: unknown) => actOn(db, actor, opId, 'stop-test', input);
/** Makes a live failover/move/failback permanent (and reverses protection if asked at start); refused while the recovery site is offline. */
export const commitOperation = (db: DB, actor: Actor, opId: string) => actOn(db, actor, opId, 'commit', {});
/**
 * Undoes a live failover/move/failback awaiting commit: everything returns as it was. Refused
 * while production is offline unless `{ breakGlass: true, reason }`.
 */
export const rollbackOperation = (db: DB, actor: Actor, opId: string, input: unknown = {}) => actOn(db, actor, opId, 'rollback', input);

function readOne(db: Executor, id: string, nowMs: number): OperationDto {
  const [dto] = readOperationDtos(db, eq(operations.id, id), nowMs);
  if (!dto) throw new NotFoundError('operation', id);
  return dto;
}

/** One operation of the actor's tenant (staff: any). */
export async function getOperation(db: Executor, actor: Actor, id: string): Promise<OperationDto> {
  authorize(db, actor, 'tenant:read', { type: 'operation', id });
  const { nowMs } = await simClock();
  const [dto] = readOperationDtos(db, and(eq(operations.id, id), tenantFilter(operations.tenantId, tenantScope(actor))), nowMs);
  if (!dto) throw new NotFoundError('operation', id);
  return dto;
}

/** Operations newest first, keyset-paged on (startedAt, id). */
export async function listOperations(db: Executor, actor: Actor, query: Record<string, unknown> = {}): Promise<Page<OperationDto>> {
  authorize(db, actor, 'tenant:read', { type: 'operation' });
  const scope = tenantScope(actor, typeof query.tenantId === 'string' ? query.tenantId : undefined);
  const q = parseInput(listOperationsQuerySchema, query);
  const { nowMs } = await simClock();
  // Running operations show their elapsed time: a page of them lives for one simulated second at most.
  const key = `operations:${scope ?? '*'}:${JSON.stringify(q)}:${Math.floor(nowMs / 1000)}`;
  return cachedRead(db, key, () => {
    const where = and(
      tenantFilter(operations.tenantId, scope),
      q.groupId ? eq(operations.groupId, q.groupId) : undefined,
      q.type ? eq(operations.type, q.type) : undefined,
      q.status ? eq(operations.status, q.status) : undefined,
      startedAfter(q.cursor, operations.startedAt, operations.id),
    );
    const rows = readOperationDtos(db, where, nowMs, { orderBy: [desc(operations.startedAt), desc(operations.id)], limit: q.limit + 1 });
    return startedPage(rows, q.limit);
  });
}

/** Read-only pre-flight review for the wizard: every check with its outcome. */
export async function preflight(db: Executor, actor: Actor, groupId: string, query: Record<string, unknown>): Promise<PreflightDto> {
  authorize(db, actor, 'operation:run', { type: 'protection-group', id: groupId });
  const group = loadGroupForOperation(db, actor, groupId);
  const q = parseInput(preflightQuerySchema, query);
  const { nowMs } = await simClock();
  const { plan, checkpointTimeMs, ...dto } = evaluatePreflight(db, group, q.type, q, nowMs);
  void plan;
  void checkpointTimeMs;
  return dto;
}
