/**
 * The Operation DTO (API.md "Operations"), built from rows in two queries for any number of
 * operations: the operations joined to their group, then all their steps.
 */
import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, protectionGroups, recoveryRunGroups, sites } from '@/db/schema';
import type { OperationStatus, OperationType } from '@/lib/schemas/operations';
import { decisionBlock } from '@/lib/operations/decision-guard';
import { progressOf } from '@/lib/operations/machine';
import { loadSteps, rawState, type OperationRow } from '@/lib/operations/store';
import type { OperationOptions } from '@/lib/operations/types';
import { iso, isoOrNull } from '@/lib/domain/core/clock';

export type OperationStepDto = {
  name: string;
  status: 'pending' | 'running' | 'completed' | 'failed' | 'skipped';
  startedAt: string | null;
  finishedAt: string | null;
  detail: string | null;
};

export type OperationDto = {
  id: string;
  tenantId: string;
  groupId: string;
  groupName: string;
  type: OperationType;
  status: OperationStatus;
  fromSiteId: string;
  fromSiteName: string;
  toSiteId: string;
  toSiteName: string;
  checkpointId: string | null;
  checkpointTime: string | null;
  dataLossSeconds: number | null;
  options: {
    shutdownSource: boolean;
    /** Graceful shutdown time before the VMs still running are powered off (null: none asked, or an older operation). */
    shutdownGraceSeconds: number | null;
    reverseProtection: boolean;
    commitPolicy: OperationOptions['commitPolicy'];
    commitTimeoutMinutes: number;
    network: { kind: 'test' | 'live'; mode: 'keep-ip' | 're-ip'; network: string } | null;
    vmCount: number;
  };
  steps: OperationStepDto[];
  /** Email of who started it. */
  startedBy: string;
  actingAsStaff: boolean;
  /** Four-eyes approval: the approval request it started from and who approved it (null: none was needed, or break glass). */
  approvalId: string | null;
  approvedBy: string | null;
  /** Started without the approval the tenant requires (break glass): the reason given. */
  breakGlassReason: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Simulated seconds since the start (until the end once finished). */
  elapsedSeconds: number;
  /** Achieved RTO: start to the last VM up, on the simulated clock. */
  rtoSeconds: number | null;
  rtoTargetMinutes: number;
  result: 'passed' | 'failed' | null;
  notes: string | null;
  error: string | null;
  /** When an auto commit policy acts (null for manual). */
  commitDeadline: string | null;
  /** The policy's deadline passed while a site made its decision unsafe: it waits, with the reason. */
  hold: { decision: 'commit' | 'rollback'; reason: string; since: string } | null;
  /** A rollback forced while production was offline: who, why, which site. */
  breakGlass: { reason: string; by: string; siteOffline: string } | null;
  /**
   * While awaiting commit: the decisions the sites do not allow now, with the reason (the same
   * rule the commit and rollback endpoints apply). Null otherwise.
   */
  blocked: { commit: string | null; rollback: string | null; rollbackBreakGlass: boolean } | null;
  progress: number;
  /** The recovery run this operation is part of (null for a single-group operation). */
  runId: string | null;
};

export const operationDtoColumns = { op: operations, groupName: protectionGroups.name, rtoTargetMinutes: protectionGroups.rtoTargetMinutes };

function optionsDto(o: Partial<OperationOptions> | null | undefined): OperationDto['options'] {
  return {
    shutdownSource: o?.shutdownSource ?? false,
    shutdownGraceSeconds: o?.shutdownGraceSeconds ?? null,
    reverseProtection: o?.reverseProtection ?? false,
    commitPolicy: o?.commitPolicy ?? 'manual',
    commitTimeoutMinutes: o?.commitTimeoutMinutes ?? 0,
    network: o?.network ? { kind: o.network.kind, mode: o.network.mode, network: o.network.network } : null,
    vmCount: (o?.plan ?? []).reduce((n, bg) => n + bg.vms.length, 0),
  };
}

/** Reads operations (already tenant-filtered by `where`) as DTOs, in the order given. */
export function readOperationDtos(db: Executor, where: SQL | undefined, nowMs: number, page?: { orderBy: SQL[]; limit: number }): OperationDto[] {
  let q = db.select(operationDtoColumns).from(operations).innerJoin(protectionGroups, eq(protectionGroups.id, operations.groupId)).where(where).$dynamic();
  if (page) q = q.orderBy(...page.orderBy).limit(page.limit);
  const rows = q.all();
  const steps = loadSteps(db, rows.map((r) => r.op.id));
  const offline = rows.some((r) => r.op.status === 'awaiting-commit') ? offlineSiteIds(db) : new Set<string>();
  const runs = runIdsOf(db, rows.map((r) => r.op.id));
  return rows.map((r) => ({ ...toOperationDto(r.op, r.groupName, r.rtoTargetMinutes, steps.get(r.op.id) ?? [], nowMs, offline), runId: runs.get(r.op.id) ?? null }));
}

function runIdsOf(db: Executor, opIds: string[]): Map<string, string> {
  if (!opIds.length) return new Map();
  const rows = db.select({ runId: recoveryRunGroups.runId, operationId: recoveryRunGroups.operationId }).from(recoveryRunGroups).where(inArray(recoveryRunGroups.operationId, opIds)).all();
  return new Map(rows.map((r) => [r.operationId!, r.runId]));
}

function offlineSiteIds(db: Executor): Set<string> {
  return new Set(db.select({ id: sites.id }).from(sites).where(eq(sites.status, 'offline')).all().map((s) => s.id));
}

function blockedDecisions(op: OperationRow, offline: Set<string>): OperationDto['blocked'] {
  if (op.status !== 'awaiting-commit') return null;
  const names = { fromSiteName: str(op.options?.fromSiteName) ?? op.fromSiteId, toSiteName: str(op.options?.toSiteName) ?? op.toSiteId };
  const reach = { sourceSiteOnline: !offline.has(op.fromSiteId), targetSiteOnline: !offline.has(op.toSiteId) };
  const rollback = decisionBlock(names, 'rollback', reach);
  return { commit: decisionBlock(names, 'commit', reach)?.message ?? null, rollback: rollback?.message ?? null, rollbackBreakGlass: !!rollback?.breakGlassAllowed };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function toOperationDto(op: OperationRow, groupName: string, rtoTargetMinutes: number, stepRows: Parameters<typeof rawState>[1], nowMs: number, offline: Set<string>): Omit<OperationDto, 'runId'> {
  const state = rawState(op, stepRows);
  let progress: number;
  try {
    progress = progressOf(state, nowMs);
  } catch {
    // Options this version cannot read: count finished steps instead.
    progress = state.steps.length ? state.steps.filter((s) => s.status !== 'pending' && s.status !== 'running').length / state.steps.length : 0;
  }
  const end = op.finishedAt?.getTime() ?? nowMs;
  const { hold, decision } = (op.options ?? {}) as Partial<OperationOptions>;
  const forced = decision?.breakGlass;
  return {
    id: op.id, tenantId: op.tenantId, groupId: op.groupId, groupName, type: op.type, status: op.status,
    fromSiteId: op.fromSiteId, fromSiteName: str(op.options?.fromSiteName) ?? op.fromSiteId,
    toSiteId: op.toSiteId, toSiteName: str(op.options?.toSiteName) ?? op.toSiteId,
    checkpointId: op.checkpointId, checkpointTime: isoOrNull(op.checkpointTimeMs), dataLossSeconds: op.dataLossSeconds,
    options: optionsDto(op.options as Partial<OperationOptions>),
    steps: state.steps.map((s) => ({ name: s.name, status: s.status, startedAt: isoOrNull(s.startedAtMs), finishedAt: isoOrNull(s.finishedAtMs), detail: s.detail })),
    startedBy: op.startedByEmail, actingAsStaff: op.actingAsStaff, approvalId: op.approvalId, approvedBy: op.approvedByEmail, breakGlassReason: op.breakGlassReason, startedAt: iso(op.startedAt), finishedAt: isoOrNull(op.finishedAt),
    elapsedSeconds: Math.max(0, Math.round((end - op.startedAt.getTime()) / 1000)),
    rtoSeconds: op.rtoSeconds, rtoTargetMinutes, result: op.result, notes: op.notes, error: op.error,
    commitDeadline: isoOrNull(op.commitDeadline), progress: Math.round(progress * 1000) / 1000,
    hold: hold ? { decision: hold.kind, reason: hold.reason, since: iso(hold.sinceMs) } : null,
    breakGlass: forced ? { reason: forced.reason, by: forced.by, siteOffline: forced.siteName } : null,
    blocked: blockedDecisions(op, offline),
  };
}
