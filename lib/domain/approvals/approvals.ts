/**
 * Four-eyes approval of live failovers, moves and failbacks (issue 17): reading the requests,
 * and approving or rejecting one. A decision is one conditional UPDATE ... WHERE status =
 * 'pending' (and not yet expired) inside the transaction: of two racing decisions exactly one
 * changes the row, the other gets 409. An approved request is validated again and started as
 * its requester would have, in the same transaction; when it cannot start, the approval is
 * kept as approved-but-failed with the reason.
 */
import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { approvals } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '@/lib/core/errors';
import { runSimCalls, type SimCall } from '@/lib/operations/effects';
import { approvalDecisionSchema, listApprovalsQuerySchema } from '@/lib/schemas/approvals';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simClock } from '@/lib/domain/core/clock';
import { parseBody } from '@/lib/domain/core/input';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { startApprovedOperation } from '@/lib/domain/operations/operations';
import { startApprovedRun } from '@/lib/domain/recovery/runs';
import { assertEngineLive } from '@/lib/sim/bridge';
import { expireDue, mayDecideFor, readApprovalDtos, type ApprovalDto, type ApprovalRow, type StoredRequest } from './approval-dto';
import { approvalPolicy, describe } from './gate';

export type { ApprovalDto } from './approval-dto';

/** Requests of the actor's tenant (staff: every tenant, or ?tenantId=), pending first. */
export function listApprovals(db: Executor, actor: Actor, query: Record<string, unknown> = {}): { items: ApprovalDto[] } {
  authorize(db, actor, 'tenant:read', { type: 'approval' });
  const scope = tenantScope(actor, typeof query.tenantId === 'string' ? query.tenantId : undefined);
  const q = parseInput(listApprovalsQuerySchema, query);
  expireDue(db);
  const where = and(tenantFilter(approvals.tenantId, scope), q.status ? eq(approvals.status, q.status) : undefined);
  return { items: readApprovalDtos(db, actor, where, q.limit) };
}

function findScoped(db: Executor, actor: Actor, id: string): ApprovalRow {
  const row = db.select().from(approvals).where(and(eq(approvals.id, id), tenantFilter(approvals.tenantId, tenantScope(actor)))).get();
  if (!row) throw new NotFoundError('approval request', id);
  return row;
}

export function getApproval(db: Executor, actor: Actor, id: string): ApprovalDto {
  authorize(db, actor, 'tenant:read', { type: 'approval', id });
  findScoped(db, actor, id);
  expireDue(db);
  return readApprovalDtos(db, actor, eq(approvals.id, id))[0];
}

/** The requester as they asked: their role, their tenant, acting for it when they were staff. */
function requesterOf(row: ApprovalRow): Actor {
  return {
    userId: row.requestedBy, email: row.requestedByEmail, role: row.requestedByRole, tenantId: row.tenantId,
    actingForTenant: row.requestedByRole === 'staff', via: 'session',
  };
}

/** Who may decide: another person than the requester; staff only where the tenant allows provider approval. */
function assertMayDecide(db: Executor, actor: Actor, row: ApprovalRow, action: 'approve' | 'reject'): void {
  const refuse = (message: string) => {
    audit(db, actor, { action: `approval.${action}`, tenantId: row.tenantId, targetType: 'approval', targetId: row.id, outcome: 'denied', details: { reason: message } });
    return new ForbiddenError(message);
  };
  if (row.requestedBy === actor.userId) throw refuse('You asked for this; another administrator must decide on it (four eyes).');
  if (!mayDecideFor(actor, approvalPolicy(db, row.tenantId).providerMayApprove)) throw refuse('The tenant does not let the provider approve its live failovers.');
}

/** 409 for a request no longer pending: decided by someone else first, or expired. */
function notPending(db: Executor, id: string, now: Date): ConflictError {
  const row = db.select({ status: approvals.status, decidedByEmail: approvals.decidedByEmail, expiresAt: approvals.expiresAt }).from(approvals).where(eq(approvals.id, id)).get();
  if (!row || row.status === 'expired' || (row.status === 'pending' && row.expiresAt <= now)) {
    return new ConflictError('The request has expired; it can no longer be approved or rejected. Ask again if it is still needed.', { approvalStatus: 'expired' });
  }
  return new ConflictError(`The request was already decided (${row.status}${row.decidedByEmail ? ` by ${row.decidedByEmail}` : ''}).`, { approvalStatus: row.status });
}

async function decide(db: DB, actor: Actor, id: string, action: 'approve' | 'reject', input: unknown): Promise<ApprovalDto> {
  authorize(db, actor, 'approvals:decide', { type: 'approval', id });
  const row = findScoped(db, actor, id);
  const { comment } = parseBody(approvalDecisionSchema, input);
  assertMayDecide(db, actor, row, action);
  const { sim, nowMs } = await simClock();
  if (action === 'approve') assertEngineLive(sim);
  // Expiry is wall-clock time: a person decides, whatever the simulator's speed.
  const now = new Date();
  expireDue(db, now);
  let calls: SimCall[] = [];
  try {
    calls = db.transaction((tx) => {
      const won = tx.update(approvals)
        .set({ status: action === 'approve' ? 'approved' : 'rejected', decidedBy: actor.userId, decidedByEmail: actor.email, decidedAt: now, comment: comment || null })
        .where(and(eq(approvals.id, id), eq(approvals.status, 'pending'), gt(approvals.expiresAt, now)))
        .run();
      if (won.changes !== 1) throw notPending(tx, id, now);
      let out: SimCall[] = [];
      let error: string | null = null;
      let started: { operationId?: string; runId?: string } = {};
      if (action === 'approve') {
        try {
          // A savepoint: a start that fails leaves nothing of itself, the decision stays.
          out = tx.transaction((sp) => {
            const request = row.request as StoredRequest;
            if (row.kind === 'operation') {
              const r = startApprovedOperation(sp, requesterOf(row), { id: row.id, groupIds: row.groupIds, request }, actor.email, nowMs);
              started = { operationId: r.operationId };
              return r.calls;
            }
            const r = startApprovedRun(sp, requesterOf(row), { id: row.id, tenantId: row.tenantId, request }, actor.email, nowMs);
            started = { runId: r.runId };
            return r.calls;
          });
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          error = e.message;
          started = {};
          out = [];
        }
        tx.update(approvals).set({ status: error ? 'approved-failed' : 'approved', error, operationId: started.operationId ?? null, runId: started.runId ?? null }).where(eq(approvals.id, id)).run();
      }
      const names = readApprovalDtos(tx, actor, eq(approvals.id, id))[0].groups;
      const what = describe(row.kind, row.type, names);
      const verdict = action === 'reject' ? 'rejected' : error ? 'approved, but it could not start' : 'approved';
      audit(tx, actor, {
        action: `approval.${action}`, tenantId: row.tenantId, targetType: 'approval', targetId: id, targetName: what, outcome: error ? 'failed' : 'success', simulatedTime: nowMs,
        details: { requestedBy: row.requestedByEmail, kind: row.kind, type: row.type, groupIds: row.groupIds, comment: comment ?? null, ...started, ...(error ? { error } : {}) },
      });
      recordEvent(tx, {
        type: 'approval.decided', tenantId: row.tenantId, occurredAt: nowMs,
        payload: {
          approvalId: id, decision: action === 'reject' ? 'rejected' : error ? 'approved-failed' : 'approved', decidedBy: actor.email, requestedBy: row.requestedByEmail,
          comment: comment ?? null, ...started, groupIds: row.groupIds,
          subject: `${what} ${verdict}`,
          summary: `${actor.email} ${verdict === 'rejected' ? 'rejected' : 'approved'} the ${what.charAt(0).toLowerCase()}${what.slice(1)} that ${row.requestedByEmail} asked for${error ? `, but it could not start: ${error}` : '.'}${comment ? ` Comment: ${comment}` : ''}`,
        },
      });
      return out;
    });
  } catch (error) {
    if (error instanceof ConflictError) {
      audit(db, actor, { action: `approval.${action}`, tenantId: row.tenantId, targetType: 'approval', targetId: id, outcome: 'failed', details: { reason: error.message } });
    }
    throw error;
  }
  runSimCalls(sim, calls);
  return readApprovalDtos(db, actor, eq(approvals.id, id))[0];
}

/** Approves another administrator's request and starts it (or records why it could not start). */
export const approveRequest = (db: DB, actor: Actor, id: string, input: unknown = {}) => decide(db, actor, id, 'approve', input);
/** Rejects another administrator's request: nothing starts. */
export const rejectRequest = (db: DB, actor: Actor, id: string, input: unknown = {}) => decide(db, actor, id, 'reject', input);
