/**
 * The Operation DTO (API.md "Operations"), built from rows in two queries for any number of
 * operations: the operations joined to their group, then all their steps.
 */
import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, protectionGroups, recoveryRunGroups, sites, tenants } from '@/db/schema';
import { reachText, type ConnectionOption } from '@/lib/network/access';
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
  /**
   * A test failover's VMs that are up (their boot group done, the test not yet stopped), with
   * their test addresses and how to reach them over the tenant's connection; null otherwise.
   */
  testAccess: AccessDto[] | null;
  /** A committed live failover, move or failback: the recovered VMs' addresses, NAT and DNS; null otherwise. */
  liveAccess: { vms: AccessDto[]; nat: NonNullable<OperationOptions['network']['nat']>; dns: NonNullable<OperationOptions['network']['dns']> } | null;
};

export type AccessDto = {
  vmId: string;
  name: string;
  /** The VM's addresses after recovery, NIC 0 first. */
  addresses: string[];
  nics: { nic: number; network: string; ip: string; prefix: number | null; gateway: string | null; dns: string[]; rule: string }[];
  connection: ConnectionOption;
  /** How to reach it over that connection. */
  reach: string;
  /** The simulated console page (tests only). */
  consolePath: string | null;
};

export const operationDtoColumns = { op: operations, groupName: protectionGroups.name, rtoTargetMinutes: protectionGroups.rtoTargetMinutes, connection: tenants.connection };

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
  let q = db.select(operationDtoColumns).from(operations).innerJoin(protectionGroups, eq(protectionGroups.id, operations.groupId)).innerJoin(tenants, eq(tenants.id, operations.tenantId)).where(where).$dynamic();
  if (page) q = q.orderBy(...page.orderBy).limit(page.limit);
  const rows = q.all();
  const steps = loadSteps(db, rows.map((r) => r.op.id));
  const offline = rows.some((r) => r.op.status === 'awaiting-commit') ? offlineSiteIds(db) : new Set<string>();
  const runs = runIdsOf(db, rows.map((r) => r.op.id));
  return rows.map((r) => {
    const dto = toOperationDto(r.op, r.groupName, r.rtoTargetMinutes, steps.get(r.op.id) ?? [], nowMs, offline);
    return { ...dto, runId: runs.get(r.op.id) ?? null, ...accessOf(r.op, dto, r.connection) };
  });
}

/** VMs of boot groups whose boot step has completed. */
function upVmIds(o: Partial<OperationOptions>, steps: OperationStepDto[]): Set<string> {
  const up = new Set<string>();
  (o.plan ?? []).forEach((bg, i) => {
    if (steps.some((s) => s.name.startsWith(`Boot group ${i + 1}:`) && s.status === 'completed')) for (const v of bg.vms) up.add(v.id);
  });
  return up;
}

function accessOf(op: OperationRow, dto: Omit<OperationDto, 'runId' | 'testAccess' | 'liveAccess'>, connection: ConnectionOption): Pick<OperationDto, 'testAccess' | 'liveAccess'> {
  const o = (op.options ?? {}) as Partial<OperationOptions>;
  const kind = op.type === 'test-failover' ? 'test' : 'live';
  const items = (ids: Set<string>): AccessDto[] =>
    (o.plan ?? []).flatMap((bg) => bg.vms).filter((v) => ids.has(v.id)).map((v) => {
      const nics = (o.network?.addresses ?? []).filter((a) => a.vmId === v.id).sort((a, b) => a.nic - b.nic);
      const first = nics[0];
      return {
        vmId: v.id, name: v.name, addresses: nics.map((a) => a.ip),
        nics: nics.map((a) => ({ nic: a.nic, network: a.network, ip: a.ip, prefix: a.prefix, gateway: a.gateway, dns: a.dns, rule: a.rule })),
        connection, reach: reachText(connection, kind, first?.ip ?? 'its address', first?.network ?? o.network?.network ?? 'the recovery network', dto.toSiteName),
        consolePath: kind === 'test' ? `/operations/${op.id}/console/${v.id}` : null,
      };
    });
  if (kind === 'test') {
    const stopping = dto.steps.some((s) => s.name.startsWith('Stop test') && s.status !== 'pending');
    const open = op.status === 'running' || op.status === 'testing';
    return { testAccess: open && !stopping ? items(upVmIds(o, dto.steps)) : null, liveAccess: null };
  }
  const committed = op.status === 'completed' && dto.steps.some((s) => s.name === 'Commit' && s.status === 'completed');
  if (!committed) return { testAccess: null, liveAccess: null };
  return { testAccess: null, liveAccess: { vms: items(new Set((o.plan ?? []).flatMap((bg) => bg.vms.map((v) => v.id)))), nat: o.network?.nat ?? [], dns: o.network?.dns ?? [] } };
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

function toOperationDto(op: OperationRow, groupName: string, rtoTargetMinutes: number, stepRows: Parameters<typeof rawState>[1], nowMs: number, offline: Set<string>): Omit<OperationDto, 'runId' | 'testAccess' | 'liveAccess'> {
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
