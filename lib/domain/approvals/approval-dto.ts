/**
 * What an approval request looks like to the portal and the API: the groups by name, the
 * checkpoint choice in words, who asked and when it expires, and whether the reader may decide.
 */
import 'server-only';
import { and, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { approvals, checkpoints, protectionGroups, tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { can } from '@/lib/auth/policy';
import type { ApprovalKind, ApprovalStatus, GatedType } from '@/lib/schemas/approvals';
import { iso, isoOrNull } from '@/lib/domain/core/clock';

export type ApprovalRow = typeof approvals.$inferSelect;

export type ApprovalDto = {
  id: string;
  tenantId: string;
  tenantName: string;
  kind: ApprovalKind;
  type: GatedType;
  groups: { id: string; name: string }[];
  /** latest, a named checkpoint (its time and kind), or a point in time; a run always recovers to each group's latest. */
  checkpoint: { choice: 'latest' | 'checkpoint' | 'point-in-time'; checkpointId: string | null; time: string | null; kind: string | null };
  /** The start options asked for (shutdown, reverse protection, commit policy...). */
  options: Record<string, unknown>;
  planName: string | null;
  reason: string | null;
  status: ApprovalStatus;
  requestedBy: string;
  requestedByStaff: boolean;
  requestedAt: string;
  /** Real (wall-clock) time. */
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  operationId: string | null;
  runId: string | null;
  error: string | null;
  /** Whether the reader may approve or reject it now (pending, not their own, their role and the tenant allow it). */
  mayDecide: boolean;
};

/** A start request as stored: single operations keep the body; runs keep theirs and the resolved tiers. */
export type StoredRequest = { body: Record<string, unknown>; requested?: string; tiers?: { groupIds: string[]; delayAfterSeconds: number }[]; plan?: { id: string; name: string } | null };

/**
 * Marks the pending requests whose time is up as expired. Expiry runs on the wall clock: a
 * person approves, whatever speed the simulator runs at. Reads and decisions call it first, so
 * a request is never shown (or decided) as pending after its time.
 */
export function expireDue(db: Executor, now: Date = new Date()): void {
  db.update(approvals).set({ status: 'expired' }).where(and(eq(approvals.status, 'pending'), lte(approvals.expiresAt, now))).run();
}

/** Whether the actor may decide on requests of a tenant at all (not yet: whose request it is). */
export function mayDecideFor(actor: Actor, providerMayApprove: boolean): boolean {
  if (!can(actor.role, 'approvals:decide')) return false;
  return actor.role !== 'staff' || providerMayApprove;
}

export function readApprovalDtos(db: Executor, actor: Actor, where: SQL | undefined, limit = 200): ApprovalDto[] {
  const rows = db
    .select({ a: approvals, tenantName: tenants.name, providerMayApprove: tenants.providerMayApprove })
    .from(approvals)
    .innerJoin(tenants, eq(tenants.id, approvals.tenantId))
    .where(where)
    // Pending first (oldest expiring first), then the decided ones newest first.
    .orderBy(sql`case when ${approvals.status} = 'pending' then 0 else 1 end`, sql`case when ${approvals.status} = 'pending' then ${approvals.expiresAt} else -${approvals.requestedAt} end`, desc(approvals.id))
    .limit(limit)
    .all();
  const groupIds = [...new Set(rows.flatMap((r) => r.a.groupIds))];
  const names = new Map(groupIds.length ? db.select({ id: protectionGroups.id, name: protectionGroups.name }).from(protectionGroups).where(inArray(protectionGroups.id, groupIds)).all().map((g) => [g.id, g.name]) : []);
  const cpIds = rows.flatMap((r) => { const id = (r.a.request as StoredRequest).body?.checkpointId; return typeof id === 'string' ? [id] : []; });
  const cps = new Map(cpIds.length ? db.select({ id: checkpoints.id, timeMs: checkpoints.timeMs, kind: checkpoints.kind }).from(checkpoints).where(inArray(checkpoints.id, cpIds)).all().map((c) => [c.id, c]) : []);
  return rows.map(({ a, tenantName, providerMayApprove }) => {
    const stored = a.request as StoredRequest;
    const body = stored.body ?? {};
    const { checkpointId, pointInTime, reason: _reason, breakGlass: _bg, groupIds: _g, planId: _p, sourceSiteId: _s, type: _t, ...options } = body;
    void _reason; void _bg; void _g; void _p; void _s; void _t;
    const cp = typeof checkpointId === 'string' ? cps.get(checkpointId) : undefined;
    const checkpoint: ApprovalDto['checkpoint'] = typeof checkpointId === 'string'
      ? { choice: 'checkpoint', checkpointId, time: cp ? iso(cp.timeMs) : null, kind: cp?.kind ?? null }
      : typeof pointInTime === 'string'
        ? { choice: 'point-in-time', checkpointId: null, time: pointInTime, kind: null }
        : { choice: 'latest', checkpointId: null, time: null, kind: null };
    return {
      id: a.id, tenantId: a.tenantId, tenantName, kind: a.kind, type: a.type,
      groups: a.groupIds.map((id) => ({ id, name: names.get(id) ?? '(deleted group)' })),
      checkpoint, options, planName: stored.plan?.name ?? null, reason: a.reason, status: a.status,
      requestedBy: a.requestedByEmail, requestedByStaff: a.requestedActingAsStaff || a.requestedByRole === 'staff',
      requestedAt: iso(a.requestedAt), expiresAt: iso(a.expiresAt),
      decidedBy: a.decidedByEmail, decidedAt: isoOrNull(a.decidedAt), comment: a.comment,
      operationId: a.operationId, runId: a.runId, error: a.error,
      mayDecide: a.status === 'pending' && a.requestedBy !== actor.userId && mayDecideFor(actor, providerMayApprove),
    };
  });
}
