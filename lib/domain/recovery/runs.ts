/**
 * Recovery runs: one test failover, live failover or move over several protection groups, in
 * tiers. A run is the parent of one ordinary operation per group (lib/domain/operations), so
 * each group's steps, decisions and audit stay what they are for a single group; the run adds
 * the whole-run pre-flight, the tier schedule (lib/domain/recovery/run-driver) and decisions
 * for all its groups (run-decisions).
 */
import 'server-only';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { protectionGroups, recoveryRunGroups, recoveryRuns, sites } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { ConflictError, NotFoundError, PreflightError, ValidationError, type FailedCheck } from '@/lib/core/errors';
import { newId } from '@/lib/ids';
import { runSimCalls, type SimCall } from '@/lib/operations/effects';
import { tieredRtoSeconds } from '@/lib/operations/rto-forecast';
import { listRunsQuerySchema, RUN_TYPE_LABEL, startRunSchema, type RunType, type StartRunInput } from '@/lib/schemas/recovery-runs';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, simClock } from '@/lib/domain/core/clock';
import { startedAfter, startedPage } from '@/lib/domain/core/cursor';
import type { Page } from '@/lib/domain/core/dto';
import { parseBody } from '@/lib/domain/core/input';
import { cachedRead } from '@/lib/domain/core/read-cache';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';
import { openOperation, type ApprovalMarks, type StartInput } from '@/lib/domain/operations/open-operation';
import { gateFor, isAwaitingApproval, noteBreakGlass, requestApproval, type AwaitingApprovalDto } from '@/lib/domain/approvals/gate';
import type { StoredRequest } from '@/lib/domain/approvals/approval-dto';
import type { GatedType } from '@/lib/schemas/approvals';
import { loadGroupForOperation, type GroupForOperation } from '@/lib/domain/operations/operation-plan';
import { evaluatePreflight, type PreflightCheckDto, type PreflightResult } from '@/lib/domain/operations/operation-preflight';
import { assertEngineLive } from '@/lib/sim/bridge';
import { predictRto } from './forecast';
import { loadPlanTiers } from './plans';
import { claimsBySite } from './run-capacity';
import type { RunDto, RunPreflightDto } from './run-dto';
import { readRunDtos } from './run-read';

export type { RunDto, RunPreflightDto } from './run-dto';

type Tier = { groupIds: string[]; delayAfterSeconds: number };
type Resolved = { tenantId: string; tiers: Tier[]; plan: { id: string; name: string } | null };

/** The start options every group's operation gets (latest checkpoint; a test has no live options). */
export function runStartInput(type: RunType, input: Pick<StartRunInput, 'shutdownSource' | 'shutdownGraceSeconds' | 'reverseProtection' | 'commitPolicy' | 'commitTimeoutMinutes'>): StartInput {
  if (type === 'test-failover') return { shutdownSource: false, reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 0 };
  return {
    shutdownSource: type === 'move' ? true : input.shutdownSource,
    ...(input.shutdownGraceSeconds !== undefined ? { shutdownGraceSeconds: input.shutdownGraceSeconds } : {}),
    // A move reverses protection by default (as a single move does); a failover does not.
    reverseProtection: input.reverseProtection ?? type === 'move',
    commitPolicy: input.commitPolicy,
    commitTimeoutMinutes: input.commitTimeoutMinutes,
  };
}

/** The tenant the run is for: the client's own; staff name it, or it follows from the groups named. */
function runTenant(db: Executor, actor: Actor, input: StartRunInput, query: { tenantId?: string }): string {
  const scope = tenantScope(actor, query.tenantId);
  if (scope) return scope;
  if (input.groupIds) {
    const owners = db.select({ tenantId: protectionGroups.tenantId }).from(protectionGroups).where(inArray(protectionGroups.id, input.groupIds)).all();
    const tenantIds = [...new Set(owners.map((o) => o.tenantId))];
    if (tenantIds.length === 1) return tenantIds[0];
    if (tenantIds.length > 1) throw new ValidationError([{ field: 'groupIds', message: 'A run recovers the groups of one tenant.' }]);
  }
  throw new ValidationError([{ field: 'tenantId', message: 'Choose the tenant to act for (?tenantId=).' }]);
}

function resolveGroups(db: Executor, tenantId: string, input: StartRunInput): Resolved {
  if (input.groupIds) return { tenantId, tiers: [{ groupIds: input.groupIds, delayAfterSeconds: 0 }], plan: null };
  if (input.planId) {
    const plan = loadPlanTiers(db, tenantId, input.planId);
    if (!plan) throw new NotFoundError('recovery plan', input.planId);
    // Groups deleted since the plan was saved are already left out, and tiers left empty with them.
    if (!plan.tiers.length) throw new ValidationError([{ field: 'planId', message: `The plan "${plan.name}" has no groups left.` }]);
    return { tenantId, tiers: plan.tiers, plan: { id: plan.id, name: plan.name } };
  }
  const siteId = input.sourceSiteId!;
  const site = db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.id, siteId)).get();
  if (!site) throw new ValidationError([{ field: 'sourceSiteId', message: `No site has the id "${siteId}".` }]);
  // The groups replicating from there now: a reversed group replicates from where it landed (its
  // source was swapped); a group failed over without reverse protection replicates from nowhere.
  const groups = db
    .select({ id: protectionGroups.id })
    .from(protectionGroups)
    .where(and(eq(protectionGroups.tenantId, tenantId), eq(protectionGroups.sourceSiteId, siteId), ne(protectionGroups.status, 'failed-over')))
    .orderBy(asc(protectionGroups.name))
    .all();
  if (!groups.length) throw new ValidationError([{ field: 'sourceSiteId', message: `No protection group replicates from ${site.name}.` }]);
  return { tenantId, tiers: [{ groupIds: groups.map((g) => g.id), delayAfterSeconds: 0 }], plan: null };
}

type Evaluated = { group: GroupForOperation; tier: number; pf: PreflightResult; plannedRto: number | null };

function evaluateAll(db: Executor, actor: Actor, resolved: Resolved, type: RunType, start: StartInput, nowMs: number): Evaluated[] {
  const scoped: Actor = { ...actor, tenantId: resolved.tenantId };
  return resolved.tiers.flatMap((t, tier) =>
    t.groupIds.map((id) => {
      const group = loadGroupForOperation(db, scoped, id);
      const pf = evaluatePreflight(db, group, type, {}, nowMs);
      // The forecast kept on the run: what this start will do with the source as it is now.
      const plannedRto = pf.plan.length ? predictRto(db, group, pf, start).predictedRtoSeconds : null;
      return { group, tier, pf, plannedRto };
    }),
  );
}

/** What a person can do about a group's failed check in a run: fix it, or run without the group. */
const WHAT_TO_DO: Record<PreflightCheckDto['check'], string> = {
  'group-state': 'Leave the group out of the run.',
  'no-open-operation': 'Let its open operation end (or end it), or leave the group out.',
  members: 'Add its VMs to the group, or leave the group out.',
  synced: 'Wait for its initial sync to finish, or leave the group out.',
  'target-site': 'Recover it once its recovery site is back, or leave the group out.',
  'source-site': 'A move needs its source: use a live failover instead.',
  capacity: 'Recover fewer groups at once, or ask for more resources with a service request.',
  checkpoint: 'Wait for a checkpoint in its journal, or leave the group out.',
};

function review(resolved: Resolved, type: RunType, evaluated: Evaluated[], nowMs: number): RunPreflightDto {
  const capacity = claimsBySite(evaluated.map((e) => ({ groupId: e.group.id, groupName: e.group.name, siteId: e.pf.toSiteId, siteName: e.pf.toSiteName, capacity: e.pf.capacity })));
  const rto = tieredRtoSeconds(resolved.tiers.map((t, i) => ({
    delayAfterSeconds: t.delayAfterSeconds,
    groups: evaluated.filter((e) => e.tier === i).map((e) => ({ id: e.group.id, rtoSeconds: e.plannedRto ?? 0 })),
  })));
  const groups = evaluated.map((e) => {
    // The group's own capacity check is replaced by the run's (all groups at a site together).
    const problems = e.pf.checks.filter((c) => c.check !== 'capacity' && (!c.ok || c.warning));
    return {
      groupId: e.group.id, groupName: e.group.name, tier: e.tier + 1, type: e.pf.type, fromSiteName: e.pf.fromSiteName, toSiteName: e.pf.toSiteName,
      vmCount: e.pf.vmCount, dataLossSeconds: e.pf.dataLossSeconds, rtoTargetMinutes: e.pf.rtoTargetMinutes,
      predictedRtoSeconds: e.plannedRto === null ? null : (rto.get(e.group.id) ?? null),
      ok: problems.every((c) => c.ok), problems, openOperationId: e.pf.openOperationId, waitingInRunId: e.pf.waitingInRunId,
    };
  });
  const problems = [
    ...evaluated.flatMap((e) => e.pf.checks.filter((c) => !c.ok && c.check !== 'capacity').map((c) => ({
      groupId: e.group.id, groupName: e.group.name, check: c.check, message: `${e.group.name}: ${c.message} ${WHAT_TO_DO[c.check]}`,
    }))),
    ...capacity.filter((c) => !c.ok).map((c) => ({ groupId: null, groupName: null, check: 'capacity', message: c.message })),
  ];
  return {
    type, ok: problems.length === 0, groups, capacity,
    tiers: resolved.tiers.map((t, i) => ({ tier: i + 1, delayAfterSeconds: t.delayAfterSeconds, groupIds: t.groupIds })),
    problems, evaluatedAt: iso(nowMs),
  };
}

/** The pre-flight review of a run, read-only: every group's checks and the capacity of all of them together. */
export async function previewRun(db: Executor, actor: Actor, input: unknown, query: { tenantId?: string } = {}): Promise<RunPreflightDto> {
  authorize(db, actor, 'operation:run', { type: 'recovery-run' });
  const parsed = parseBody(startRunSchema, input);
  const tenantId = runTenant(db, actor, parsed, query);
  const resolved = resolveGroups(db, tenantId, parsed);
  const { nowMs } = await simClock();
  return review(resolved, parsed.type, evaluateAll(db, actor, resolved, parsed.type, runStartInput(parsed.type, parsed), nowMs), nowMs);
}

/** The unique index refused a group that another run already holds for a later tier. */
function isWaitingConflict(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message?.includes('recovery_run_groups.group_id')) return true;
  }
  return false;
}

/**
 * Starts a run: the whole run is checked first (a run never starts half-checked), then, in
 * one transaction, the run, its groups (later tiers held as "waiting", which the database
 * lets only one run do) and the first tier's operations. 409 when a group is busy (another
 * operation or run got there first), 422 with every failed check otherwise.
 */
export async function startRun(db: DB, actor: Actor, input: unknown, query: { tenantId?: string } = {}): Promise<RunDto | AwaitingApprovalDto> {
  authorize(db, actor, 'operation:run', { type: 'recovery-run' });
  const parsed = parseBody(startRunSchema, input);
  const tenantId = runTenant(db, actor, parsed, query);
  const resolved = resolveGroups(db, tenantId, parsed);
  const { sim, nowMs } = await simClock();
  assertEngineLive(sim);
  const runId = newId('run');
  const gate = gateFor(db, tenantId, parsed.type, parsed.breakGlass);
  let calls: SimCall[];
  try {
    const outcome = db.transaction((tx): SimCall[] | AwaitingApprovalDto => {
      if (gate === 'approval') {
        const evaluated = checkRun(tx, actor, resolved, parsed, nowMs);
        const { breakGlass: _bg, ...body } = parsed;
        void _bg;
        return requestApproval(tx, actor, {
          tenantId, kind: 'run', type: parsed.type as GatedType, groups: evaluated.map((e) => ({ id: e.group.id, name: e.group.name })),
          request: { body: JSON.parse(JSON.stringify(body)) as Record<string, unknown>, tiers: resolved.tiers, plan: resolved.plan }, reason: parsed.reason || null, nowMs,
        });
      }
      const breakGlassReason = gate === 'break-glass' ? parsed.reason : undefined;
      const { calls: out, groups } = openRun(tx, actor, resolved, parsed, nowMs, runId, { breakGlassReason });
      if (breakGlassReason) noteBreakGlass(tx, actor, { tenantId, kind: 'run', type: parsed.type as GatedType, groups, reason: breakGlassReason, runId, nowMs });
      return out;
    });
    if (isAwaitingApproval(outcome)) return outcome;
    calls = outcome;
  } catch (error) {
    if (error instanceof PreflightError || error instanceof ConflictError) {
      audit(db, actor, { action: 'recovery-run.start', tenantId, targetType: 'recovery-run', outcome: 'failed', simulatedTime: nowMs, details: { type: parsed.type, reason: error.message } });
    }
    throw error;
  }
  runSimCalls(sim, calls);
  return readRun(db, runId, nowMs);
}

/** The whole run's pre-flight in the transaction: 409 when a group is busy, 422 with every failed check. */
function checkRun(tx: Executor, actor: Actor, resolved: Resolved, parsed: StartRunInput, nowMs: number) {
  const start = runStartInput(parsed.type, parsed);
  const evaluated = evaluateAll(tx, actor, resolved, parsed.type, start, nowMs);
  const pre = review(resolved, parsed.type, evaluated, nowMs);
  const busy = pre.groups.filter((g) => g.openOperationId || g.waitingInRunId);
  if (busy.length) {
    throw new ConflictError(`Already in an operation: ${busy.map((g) => g.groupName).join(', ')}. A group runs one operation at a time.`, {
      groups: busy.map((g) => ({ groupId: g.groupId, groupName: g.groupName, openOperationId: g.openOperationId, runId: g.waitingInRunId })),
    });
  }
  if (!pre.ok) throw new PreflightError(pre.problems satisfies FailedCheck[]);
  return evaluated.map((e) => ({ ...e, forecast: pre.groups.find((g) => g.groupId === e.group.id) }));
}

/**
 * In one transaction: the run, its groups (later tiers held as "waiting", which the database
 * lets only one run do) and the first tier's operations, after the whole run's pre-flight.
 */
function openRun(tx: Executor, actor: Actor, resolved: Resolved, parsed: StartRunInput, nowMs: number, runId: string, marks: ApprovalMarks): { calls: SimCall[]; groups: { id: string; name: string }[] } {
  const { tenantId } = resolved;
  const start = runStartInput(parsed.type, parsed);
  const evaluated = checkRun(tx, actor, resolved, parsed, nowMs);
  tx.insert(recoveryRuns).values({
    id: runId, tenantId, type: parsed.type, status: 'in-progress', sourceSiteId: parsed.sourceSiteId ?? null,
    planId: resolved.plan?.id ?? null, planName: resolved.plan?.name ?? null, reason: parsed.reason || null,
    tierDelays: resolved.tiers.map((t) => t.delayAfterSeconds), options: start as unknown as Record<string, unknown>,
    startedBy: actor.userId, startedByEmail: actor.email, actingAsStaff: actor.role === 'staff', startedAt: new Date(nowMs),
    approvalId: marks.approvalId ?? null, approvedByEmail: marks.approvedByEmail ?? null, breakGlassReason: marks.breakGlassReason ?? null,
  }).run();
  const out: SimCall[] = [];
  evaluated.forEach((e, position) => {
    const opId = e.tier === 0 ? newId('op') : null;
    try {
      tx.insert(recoveryRunGroups).values({
        runId, groupId: e.group.id, tier: e.tier, position, state: e.tier === 0 ? 'started' : 'waiting', operationId: null,
        forecastDataLossSeconds: e.forecast?.dataLossSeconds ?? null, forecastRtoSeconds: e.forecast?.predictedRtoSeconds ?? null,
      }).run();
    } catch (error) {
      if (isWaitingConflict(error)) throw new ConflictError(`${e.group.name} is held by another recovery run.`, { groupId: e.group.id });
      throw error;
    }
    if (opId) {
      out.push(...openOperation(tx, actor, e.group, e.pf, start, { opId, nowMs, runId, ...marks }));
      tx.update(recoveryRunGroups).set({ operationId: opId }).where(and(eq(recoveryRunGroups.runId, runId), eq(recoveryRunGroups.groupId, e.group.id))).run();
    }
  });
  const what = `${RUN_TYPE_LABEL[parsed.type]} run${resolved.plan ? ` of the plan ${resolved.plan.name}` : ''}`;
  recordEvent(tx, {
    type: 'run.started', tenantId, occurredAt: nowMs,
    payload: { runId, runType: parsed.type, planName: resolved.plan?.name ?? null, subject: what, summary: `${actor.email} started a ${what.toLowerCase()}: ${evaluated.length} group(s) in ${resolved.tiers.length} tier(s).${parsed.reason ? ` Reason: ${parsed.reason}` : ''}` },
  });
  audit(tx, actor, {
    action: 'recovery-run.start', tenantId, targetType: 'recovery-run', targetId: runId, simulatedTime: nowMs,
    details: {
      type: parsed.type, groupIds: evaluated.map((e) => e.group.id), tiers: resolved.tiers.length, planId: resolved.plan?.id ?? null,
      sourceSiteId: parsed.sourceSiteId ?? null, reason: parsed.reason ?? null, ...start,
      ...(marks.approvalId ? { approvalId: marks.approvalId, approvedBy: marks.approvedByEmail ?? null } : {}),
      ...(marks.breakGlassReason ? { breakGlass: true } : {}),
    },
  });
  return { calls: out, groups: evaluated.map((e) => ({ id: e.group.id, name: e.group.name })) };
}

/**
 * Starts an approved run request as its requester would have: the stored body validated again,
 * the stored tiers (what the approver saw) checked again now. Throws what keeps it from starting.
 */
export function startApprovedRun(tx: Executor, requester: Actor, approval: { id: string; tenantId: string; request: StoredRequest }, approverEmail: string, nowMs: number): { calls: SimCall[]; runId: string } {
  const parsed = parseBody(startRunSchema, approval.request.body);
  const resolved: Resolved = { tenantId: approval.tenantId, tiers: approval.request.tiers ?? [], plan: approval.request.plan ?? null };
  const runId = newId('run');
  const { calls } = openRun(tx, requester, resolved, parsed, nowMs, runId, { approvalId: approval.id, approvedByEmail: approverEmail });
  return { calls, runId };
}

export function readRun(db: Executor, id: string, nowMs: number): RunDto {
  const [dto] = readRunDtos(db, eq(recoveryRuns.id, id), nowMs);
  if (!dto) throw new NotFoundError('recovery run', id);
  return dto;
}

/** One run of the actor's tenant (staff: any); another tenant's is "not found". */
export async function getRun(db: Executor, actor: Actor, id: string): Promise<RunDto> {
  authorize(db, actor, 'tenant:read', { type: 'recovery-run', id });
  const { nowMs } = await simClock();
  const [dto] = readRunDtos(db, and(eq(recoveryRuns.id, id), tenantFilter(recoveryRuns.tenantId, tenantScope(actor))), nowMs);
  if (!dto) throw new NotFoundError('recovery run', id);
  return dto;
}

/** Runs newest first, keyset-paged on (startedAt, id). */
export async function listRuns(db: Executor, actor: Actor, query: Record<string, unknown> = {}): Promise<Page<RunDto>> {
  authorize(db, actor, 'tenant:read', { type: 'recovery-run' });
  const scope = tenantScope(actor, typeof query.tenantId === 'string' ? query.tenantId : undefined);
  const q = parseInput(listRunsQuerySchema, query);
  const { nowMs } = await simClock();
  const key = `recovery-runs:${scope ?? '*'}:${JSON.stringify(q)}:${Math.floor(nowMs / 1000)}`;
  return cachedRead(db, key, () => {
    const where = and(
      tenantFilter(recoveryRuns.tenantId, scope),
      q.status ? eq(recoveryRuns.status, q.status) : undefined,
      startedAfter(q.cursor, recoveryRuns.startedAt, recoveryRuns.id),
    );
    const rows = readRunDtos(db, where, nowMs, { orderBy: [desc(recoveryRuns.startedAt), desc(recoveryRuns.id)], limit: q.limit + 1 });
    return startedPage(rows, q.limit);
  });
}
