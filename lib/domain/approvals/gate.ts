/**
 * The gate of four-eyes approval (issue 17), called by the start use cases of operations and
 * recovery runs inside their transaction: whether a start needs a second administrator's
 * approval, the pending request written instead of starting, and the break-glass notice when
 * the requester proceeds without approval.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { approvals, tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, NotFoundError } from '@/lib/core/errors';
import { newId } from '@/lib/ids';
import { OPERATION_TYPE_LABEL, type OperationType } from '@/lib/schemas/operations';
import type { ApprovalKind, GatedType } from '@/lib/schemas/approvals';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { expireDue, readApprovalDtos, type ApprovalDto, type StoredRequest } from './approval-dto';

export type ApprovalPolicy = { liveFailoverApproval: boolean; approvalTimeoutMinutes: number; providerMayApprove: boolean };

export function approvalPolicy(db: Executor, tenantId: string): ApprovalPolicy {
  const row = db.select({ liveFailoverApproval: tenants.liveFailoverApproval, approvalTimeoutMinutes: tenants.approvalTimeoutMinutes, providerMayApprove: tenants.providerMayApprove })
    .from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!row) throw new NotFoundError('tenant', tenantId);
  return row;
}

/**
 * What a start of `type` needs: nothing (a test failover, or the setting is off), an approval,
 * or — with `breakGlass` — nothing but the break-glass marks. Break glass where no approval is
 * needed is an ordinary start: there is nothing to break.
 */
export function gateFor(db: Executor, tenantId: string, type: OperationType, breakGlass: boolean | undefined): 'none' | 'approval' | 'break-glass' {
  if (type === 'test-failover') return 'none';
  if (!approvalPolicy(db, tenantId).liveFailoverApproval) return 'none';
  return breakGlass ? 'break-glass' : 'approval';
}

/** The answer to a start that waits for approval (202). */
export type AwaitingApprovalDto = { status: 'awaiting-approval'; approvalId: string; approval: ApprovalDto };

export function isAwaitingApproval(x: unknown): x is AwaitingApprovalDto {
  return typeof x === 'object' && x !== null && (x as { status?: unknown }).status === 'awaiting-approval';
}

type RequestInput = {
  tenantId: string;
  kind: ApprovalKind;
  type: GatedType;
  groups: { id: string; name: string }[];
  request: StoredRequest;
  reason: string | null;
  /** The simulated clock, for the audit entry and the event; expiry runs on the wall clock. */
  nowMs: number;
};

/** Writes a pending request instead of starting, with its audit entry and the event that tells the approvers. */
export function requestApproval(tx: Executor, actor: Actor, input: RequestInput): AwaitingApprovalDto {
  const policy = approvalPolicy(tx, input.tenantId);
  // One waiting request per group: a second would start a second operation on approval, or fail.
  expireDue(tx);
  const ids = input.groups.map((g) => g.id);
  const waiting = tx.select({ id: approvals.id, groupIds: approvals.groupIds }).from(approvals).where(and(eq(approvals.tenantId, input.tenantId), eq(approvals.status, 'pending'))).all();
  const clash = waiting.find((w) => w.groupIds.some((g) => ids.includes(g)));
  if (clash) {
    const names = input.groups.filter((g) => clash.groupIds.includes(g.id)).map((g) => g.name).join(', ');
    throw new ConflictError(`A request for ${names} already waits for approval; approve, reject or let it expire first.`, { approvalId: clash.id });
  }
  const id = newId('apr');
  const requestedAt = new Date();
  const expiresAt = new Date(requestedAt.getTime() + policy.approvalTimeoutMinutes * 60_000);
  tx.insert(approvals).values({
    id, tenantId: input.tenantId, kind: input.kind, type: input.type, groupIds: input.groups.map((g) => g.id),
    request: input.request as unknown as Record<string, unknown>, reason: input.reason, status: 'pending',
    requestedBy: actor.userId, requestedByEmail: actor.email, requestedByRole: actor.role, requestedActingAsStaff: actor.role === 'staff',
    requestedAt, expiresAt,
  }).run();
  const what = describe(input.kind, input.type, input.groups);
  audit(tx, actor, {
    action: 'approval.request', tenantId: input.tenantId, targetType: 'approval', targetId: id, targetName: what, simulatedTime: input.nowMs,
    details: { kind: input.kind, type: input.type, groupIds: input.groups.map((g) => g.id), reason: input.reason, expiresAt: expiresAt.toISOString() },
  });
  recordEvent(tx, {
    type: 'approval.requested', tenantId: input.tenantId, occurredAt: input.nowMs, exceptUserId: actor.userId,
    payload: {
      approvalId: id, kind: input.kind, operationType: input.type, groupIds: input.groups.map((g) => g.id), groupNames: input.groups.map((g) => g.name),
      requestedBy: actor.email, reason: input.reason, expiresAt: expiresAt.toISOString(),
      subject: what, summary: `${actor.email} asks for approval of a ${what.charAt(0).toLowerCase()}${what.slice(1)}.${input.reason ? ` Reason: ${input.reason}` : ''} It expires in ${policy.approvalTimeoutMinutes} minutes.`,
    },
  });
  const [approval] = readApprovalDtos(tx, actor, eq(approvals.id, id));
  return { status: 'awaiting-approval', approvalId: id, approval };
}

/** "Live failover of Customer web tier", "Move run of 3 groups". */
export function describe(kind: ApprovalKind, type: GatedType, groups: { name: string }[]): string {
  const label = OPERATION_TYPE_LABEL[type];
  if (kind === 'operation') return `${label} of ${groups[0]?.name ?? 'a group'}`;
  return `${label} run of ${groups.length === 1 ? groups[0].name : `${groups.length} groups`}`;
}

/**
 * A start without the approval the tenant requires: audited as such and told to the tenant's
 * administrators (the operation or run carries the reason too).
 */
export function noteBreakGlass(
  tx: Executor,
  actor: Actor,
  input: { tenantId: string; kind: ApprovalKind; type: GatedType; groups: { id: string; name: string }[]; reason: string; operationId?: string; runId?: string; nowMs: number },
): void {
  const what = describe(input.kind, input.type, input.groups);
  const target = input.operationId ? { targetType: 'operation', targetId: input.operationId } : { targetType: 'recovery-run', targetId: input.runId };
  audit(tx, actor, {
    action: 'approval.break-glass', tenantId: input.tenantId, ...target, simulatedTime: input.nowMs,
    details: { breakGlass: true, reason: input.reason, kind: input.kind, type: input.type, groupIds: input.groups.map((g) => g.id) },
  });
  recordEvent(tx, {
    type: 'approval.break-glass', tenantId: input.tenantId, occurredAt: input.nowMs, exceptUserId: actor.userId,
    payload: {
      ...(input.operationId ? { operationId: input.operationId } : { runId: input.runId }),
      kind: input.kind, operationType: input.type, groupIds: input.groups.map((g) => g.id), startedBy: actor.email, reason: input.reason,
      subject: `Break glass: ${what}`,
      summary: `${actor.email} started a ${what.charAt(0).toLowerCase()}${what.slice(1)} without the second administrator's approval (break glass). Reason: ${input.reason}`,
    },
  });
}
