/**
 * Opening an operation once its pre-flight has passed: the row (the database refuses a second
 * open one on the group), its first steps, and the audit entry, in the caller's transaction.
 * Shared by a single group's start and a recovery run's tiers.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/core/outbox';
import { ConflictError } from '@/lib/core/errors';
import { applyTransition, type SimCall } from '@/lib/operations/effects';
import { createOperationState } from '@/lib/operations/machine';
import { isOpenOperation } from '@/lib/operations/store';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';
import type { OperationOptions, OperationState } from '@/lib/operations/types';
import type { GroupForOperation } from './operation-plan';
import { groupAddresses, nicsOfVms } from '@/lib/domain/groups/group-networks';
import { publicSide } from '@/lib/network/access';
import type { PreflightResult, RecoveryPoint } from './operation-preflight';

export type StartInput = RecoveryPoint & {
  shutdownSource: boolean;
  shutdownGraceSeconds?: number;
  reverseProtection: boolean;
  commitPolicy: OperationOptions['commitPolicy'];
  commitTimeoutMinutes: number;
};

/**
 * Four-eyes approval (issue 17) kept on the operation: the approved request it started from and
 * who approved it, or the reason given for starting without approval (break glass).
 */
export type ApprovalMarks = { approvalId?: string; approvedByEmail?: string; breakGlassReason?: string };

/** Seconds to ship the backlog left at the source over the tenant's inter-site bandwidth. */
function finalSyncSeconds(db: Executor, group: GroupForOperation): number {
  const tenant = db.select({ mbps: tenants.interSiteBandwidthMbps }).from(tenants).where(eq(tenants.id, group.tenantId)).get();
  const mbPerSecond = Math.max(1, (tenant?.mbps ?? 100) / 8);
  return Math.min(3600, Math.max(5, Math.ceil(group.backlogMB / mbPerSecond)));
}

export function buildOptions(db: Executor, group: GroupForOperation, pf: PreflightResult, input: StartInput): OperationOptions {
  const test = pf.type === 'test-failover';
  const net = test ? group.testNetwork : group.liveNetwork;
  return {
    v: 1, fromSiteName: pf.fromSiteName, toSiteName: pf.toSiteName, sourceSiteOnline: pf.sourceSiteOnline,
    shutdownSource: input.shutdownSource, reverseProtection: input.reverseProtection,
    ...(input.shutdownSource && input.shutdownGraceSeconds !== undefined ? { shutdownGraceSeconds: input.shutdownGraceSeconds } : {}),
    commitPolicy: input.commitPolicy, commitTimeoutMinutes: input.commitTimeoutMinutes,
    finalSyncSeconds: pf.type === 'move' ? finalSyncSeconds(db, group) : 0,
    network: { kind: test ? 'test' : 'live', mode: net.mode, network: net.network, mappings: net.mappings.map((m) => ({ sourceSubnet: m.sourceSubnet, targetSubnet: m.targetSubnet })), ...recoveredAddresses(db, group, pf, test) },
    plan: pf.plan.map((bg) => ({ name: bg.name, delayAfterSeconds: bg.delayAfterSeconds, vms: bg.vms.map((v) => ({ id: v.id, name: v.name, bootSeconds: v.bootSeconds })) })),
    groupStatusBefore: group.status, stopRequestedAtMs: null, decision: null,
  };
}

/**
 * The address every recovered NIC gets (and, live, the NAT and DNS a commit puts in place),
 * snapshotted at start so a later change of the group's networks does not rewrite history.
 * Configuration time refused anything invalid; a NIC the settings cannot address now is left out.
 */
function recoveredAddresses(db: Executor, group: GroupForOperation, pf: PreflightResult, test: boolean) {
  const vmIds = pf.plan.flatMap((bg) => bg.vms.map((v) => v.id));
  // A failback returns the VMs to production: their own addresses on their own networks.
  const { addresses } =
    pf.type === 'failback'
      ? { addresses: nicsOfVms(db, vmIds).map((n) => ({ ...n, sourceNetwork: n.network, sourceIp: n.ip, prefix: null, gateway: null, dns: [], rule: 'keep-ip' as const })) }
      : groupAddresses(db, group.id, test ? group.testNetwork : group.liveNetwork, vmIds);
  if (test) return { addresses };
  const slug = db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, group.tenantId)).get()?.slug ?? group.tenantId;
  return { addresses, ...publicSide(addresses, slug) };
}

/** The partial unique index refused a second open operation on the group. */
function isOpenOperationConflict(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message?.includes('operations.group_id')) return true;
  }
  return false;
}

function openConflict(db: Executor, groupId: string): ConflictError {
  const open = db.select({ id: operations.id, type: operations.type, status: operations.status }).from(operations)
    .where(and(eq(operations.groupId, groupId), isOpenOperation))
    .get();
  return new ConflictError(
    open ? `A ${open.type} (${open.status}) is already open on this group; one operation at a time.` : 'Another operation is already open on this group.',
    { openOperationId: open?.id ?? null },
  );
}

/**
 * Creates the operation `opId` at `startMs` (a run's later tier starts at its scheduled time,
 * which may be a tick ago) and returns the simulator calls to make after the commit.
 */
export function openOperation(
  tx: Executor,
  actor: Actor,
  group: GroupForOperation,
  pf: PreflightResult,
  input: StartInput,
  at: { opId: string; nowMs: number; runId?: string } & ApprovalMarks,
): SimCall[] {
  const { opId, nowMs } = at;
  const options = buildOptions(tx, group, pf, input);
  const created = createOperationState({
    type: pf.type, nowMs, checkpointTimeMs: pf.checkpointTimeMs, options,
    preflightDetail: `${pf.checks.length} checks passed${pf.checks.some((c) => c.warning) ? ` (${pf.checks.filter((c) => c.warning).map((c) => c.message).join(' ')})` : ''}`,
  });
  let row;
  try {
    row = tx.insert(operations).values({
      id: opId, tenantId: group.tenantId, groupId: group.id, type: pf.type, status: created.state.status,
      fromSiteId: pf.fromSiteId, toSiteId: pf.toSiteId, checkpointId: pf.checkpoint?.id ?? null, checkpointTimeMs: pf.checkpointTimeMs,
      dataLossSeconds: pf.dataLossSeconds, options: options as unknown as Record<string, unknown>,
      startedBy: actor.userId, startedByEmail: actor.email, actingAsStaff: actor.role === 'staff', startedAt: new Date(nowMs),
      approvalId: at.approvalId ?? null, approvedByEmail: at.approvedByEmail ?? null, breakGlassReason: at.breakGlassReason ?? null,
    }).returning().get();
  } catch (error) {
    if (isOpenOperationConflict(error)) throw openConflict(tx, group.id);
    throw error;
  }
  const empty: OperationState = { ...created.state, steps: [] };
  const out = applyTransition(tx, row, empty, created, actor);
  audit(tx, actor, {
    action: 'operation.start', tenantId: group.tenantId, targetType: 'operation', targetId: opId, simulatedTime: nowMs,
    details: {
      groupId: group.id, type: pf.type, checkpointId: pf.checkpoint?.id ?? null, dataLossSeconds: pf.dataLossSeconds,
      shutdownSource: options.shutdownSource, shutdownGraceSeconds: options.shutdownGraceSeconds ?? null, reverseProtection: options.reverseProtection, commitPolicy: options.commitPolicy, commitTimeoutMinutes: options.commitTimeoutMinutes,
      ...(at.runId ? { runId: at.runId } : {}),
      ...(at.approvalId ? { approvalId: at.approvalId, approvedBy: at.approvedByEmail ?? null } : {}),
      ...(at.breakGlassReason ? { breakGlass: true, breakGlassReason: at.breakGlassReason } : {}),
    },
  });
  const label = OPERATION_TYPE_LABEL[pf.type];
  recordEvent(tx, {
    type: 'operation.started', tenantId: group.tenantId, occurredAt: nowMs,
    payload: {
      operationId: opId, operationType: pf.type, groupId: group.id, groupName: group.name, startedBy: actor.email, ...(at.runId ? { runId: at.runId } : {}),
      subject: `${label} of ${group.name}`, summary: `${actor.via === 'system' ? 'The system' : actor.email} started a ${label.toLowerCase()} of ${group.name}.`,
    },
  });
  return out;
}
