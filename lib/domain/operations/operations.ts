/**
 * Failover operations: test failover, live failover, move, failback; stop test, commit,
 * rollback; reads. Every use case authorises (403), scopes to the tenant (404), validates
 * (400), then acts in one transaction with its audit entry. The steps then advance on the
 * simulated clock in lib/operations/driver.
 */
import 'server-only';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
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
import { decodeCursor, encodeCursor } from '@/lib/domain/core/cursor';
import type { Page } from '@/lib/domain/core/dto';
import { ConflictError, NotFoundError, PreflightError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { readOperationDtos, type OperationDto } from './operation-dto';
import { loadGroupForOperation } from './operation-plan';
import { openOperation, type StartInput } from './open-operation';
import { evaluatePreflight, type PreflightDto } from './operation-preflight';
import { tenantFilter } from '@/lib/domain/core/scope';
import { assertEngineLive, simulator } from '@/lib/sim/bridge';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { parseInput } from '@/lib/domain/core/validate';

export type { OperationDto } from './operation-dto';
export type { PreflightDto } from './operation-preflight';

async function clock() {
  const sim = await simulator();
  return { sim, nowMs: sim ? sim.now() : Date.now() };
}

function parseStart(type: OperationType, input: unknown): StartInput {
  if (type === 'test-failover') {
    const p = parseBody(testFailoverSchema, input);
    return { ...p, shutdownSource: false, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 0 };
  }
  if (type === 'move') return { ...parseBody(moveSchema, input), shutdownSource: true };
  return parseBody(failoverSchema, input);
}

async function startOperation(db: DB, actor: Actor, groupId: string, requested: OperationType, input: unknown): Promise<OperationDto> {
  authorize(db, actor, 'operation:run', { type: 'protection-group', id: groupId });
  const group = loadGroupForOperation(db, actor, groupId);
  const parsed = parseStart(requested, input);
  const { sim, nowMs } = await clock();
  assertEngineLive(sim);
  const opId = newId('op');
  let calls: SimCall[];
  try {
    calls = db.transaction((tx) => {
      const pf = evaluatePreflight(tx, group, requested, parsed, nowMs);
      if (pf.waitingInRunId) throw new ConflictError('The group waits for its tier in a recovery run; act on it there.', { runId: pf.waitingInRunId });
      // An open operation is the database's call (409 below), whoever gets there first.
      const failed = pf.checks.filter((c) => !c.ok && c.check !== 'no-open-operation');
      if (failed.length) throw new PreflightError(failed.map((c) => ({ check: c.check, message: c.message })));
      return openOperation(tx, actor, group, pf, parsed, { opId, nowMs });
    });
  } catch (error) {
    if (error instanceof PreflightError || error instanceof ConflictError) {
      audit(db, actor, { action: 'operation.start', tenantId: group.tenantId, targetType: 'protection-group', targetId: groupId, outcome: 'failed', simulatedTime: nowMs, details: { type: requested, reason: error.message } });
    }
    throw error;
  }
  runSimCalls(sim, calls);
  return readOne(db, opId, nowMs);
}

/** Boots copies of the group's VMs on the test network; production keeps replicating. */
export const startTestFailover = (db: DB, actor: Actor, groupId: string, input: unknown = {}) => startOperation(db, actor, groupId, 'test-failover', input);
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
  const { sim, nowMs } = await clock();
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
  const { nowMs } = await clock();
  const [dto] = readOperationDtos(db, and(eq(operations.id, id), tenantFilter(operations.tenantId, tenantScope(actor))), nowMs);
  if (!dto) throw new NotFoundError('operation', id);
  return dto;
}

type Cursor = { t: number; id: string };
const isCursor = (v: unknown): v is Cursor => !!v && typeof v === 'object' && typeof (v as Cursor).t === 'number' && typeof (v as Cursor).id === 'string';

/** Operations newest first, keyset-paged on (startedAt, id). */
export async function listOperations(db: Executor, actor: Actor, query: Record<string, unknown> = {}): Promise<Page<OperationDto>> {
  authorize(db, actor, 'tenant:read', { type: 'operation' });
  const scope = tenantScope(actor, typeof query.tenantId === 'string' ? query.tenantId : undefined);
  const q = parseInput(listOperationsQuerySchema, query);
  const after = decodeCursor(q.cursor, isCursor);
  const { nowMs } = await clock();
  // Running operations show their elapsed time: a page of them lives for one simulated second at most.
  const key = `operations:${scope ?? '*'}:${JSON.stringify(q)}:${Math.floor(nowMs / 1000)}`;
  return cachedRead(db, key, () => {
    const where = and(
      tenantFilter(operations.tenantId, scope),
      q.groupId ? eq(operations.groupId, q.groupId) : undefined,
      q.type ? eq(operations.type, q.type) : undefined,
      q.status ? eq(operations.status, q.status) : undefined,
      after ? or(lt(operations.startedAt, new Date(after.t)), and(eq(operations.startedAt, new Date(after.t)), lt(operations.id, after.id))) : undefined,
    );
    const rows = readOperationDtos(db, where, nowMs, { orderBy: [desc(operations.startedAt), desc(operations.id)], limit: q.limit + 1 });
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ t: Date.parse(last.startedAt), id: last.id } satisfies Cursor) : null };
  });
}

/** Read-only pre-flight review for the wizard: every check with its outcome. */
export async function preflight(db: Executor, actor: Actor, groupId: string, query: Record<string, unknown>): Promise<PreflightDto> {
  authorize(db, actor, 'operation:run', { type: 'protection-group', id: groupId });
  const group = loadGroupForOperation(db, actor, groupId);
  const q = parseInput(preflightQuerySchema, query);
  const { nowMs } = await clock();
  const { plan, checkpointTimeMs, ...dto } = evaluatePreflight(db, group, q.type, q, nowMs);
  void plan;
  void checkpointTimeMs;
  return dto;
}
