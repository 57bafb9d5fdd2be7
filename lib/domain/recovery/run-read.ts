/**
 * Reading recovery runs as DTOs: the run row, its groups and their operations, combined with
 * the pure tier schedule (lib/operations/run-schedule) into what the page and the API show.
 */
import 'server-only';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, protectionGroups, recoveryRunGroups, recoveryRuns, sites, tenants } from '@/db/schema';
import { runProgress, runStatus, tierStartTimes, type RunGroupProgress } from '@/lib/operations/run-schedule';
import { iso, isoOrNull } from '@/lib/domain/core/clock';
import { readOperationDtos, type OperationDto } from '@/lib/domain/operations/operation-dto';
import type { RunDto, RunGroupDto } from './run-dto';

export type RunRow = typeof recoveryRuns.$inferSelect;
export type RunGroupRow = typeof recoveryRunGroups.$inferSelect;

/** Scheduling view of a run's groups from their rows and operations. */
export function progressOf(groups: RunGroupRow[], ops: Map<string, { status: OperationDto['status'] | null; startedAtMs: number; rtoSeconds: number | null; finishedAtMs: number | null }>): RunGroupProgress[] {
  return groups.map((g) => {
    const op = g.operationId ? ops.get(g.operationId) : undefined;
    return {
      groupId: g.groupId, tier: g.tier, state: g.state, opStatus: op?.status ?? null,
      upAtMs: op && op.rtoSeconds !== null ? op.startedAtMs + op.rtoSeconds * 1000 : null,
      finishedAtMs: op?.finishedAtMs ?? null,
    };
  });
}

export function loadRunGroups(db: Executor, runIds: string[]): Map<string, RunGroupRow[]> {
  const out = new Map<string, RunGroupRow[]>();
  if (!runIds.length) return out;
  const rows = db.select().from(recoveryRunGroups).where(inArray(recoveryRunGroups.runId, runIds)).orderBy(asc(recoveryRunGroups.tier), asc(recoveryRunGroups.position)).all();
  for (const r of rows) out.set(r.runId, [...(out.get(r.runId) ?? []), r]);
  return out;
}

/** Runs matching `where` (already scoped by the caller) as DTOs, in the order given. */
export function readRunDtos(db: Executor, where: SQL | undefined, nowMs: number, page?: { orderBy: SQL[]; limit: number }): RunDto[] {
  let q = db.select({ run: recoveryRuns, tenantName: tenants.name }).from(recoveryRuns).innerJoin(tenants, eq(tenants.id, recoveryRuns.tenantId)).where(where).$dynamic();
  if (page) q = q.orderBy(...page.orderBy).limit(page.limit);
  const rows = q.all();
  if (!rows.length) return [];
  const groupsByRun = loadRunGroups(db, rows.map((r) => r.run.id));
  const allGroups = [...groupsByRun.values()].flat();
  const opIds = allGroups.flatMap((g) => (g.operationId ? [g.operationId] : []));
  const ops = new Map((opIds.length ? readOperationDtos(db, inArray(operations.id, opIds), nowMs) : []).map((o) => [o.id, o]));
  const groupIds = [...new Set(allGroups.map((g) => g.groupId))];
  const groupInfo = new Map(
    db.select({ id: protectionGroups.id, name: protectionGroups.name, rtoTargetMinutes: protectionGroups.rtoTargetMinutes, rpoTargetSeconds: protectionGroups.rpoTargetSeconds, sourceSiteId: protectionGroups.sourceSiteId, targetSiteId: protectionGroups.targetSiteId })
      .from(protectionGroups).where(inArray(protectionGroups.id, groupIds)).all().map((g) => [g.id, g]),
  );
  const siteNames = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  return rows.map(({ run, tenantName }) => toRunDto(run, tenantName, groupsByRun.get(run.id) ?? [], ops, groupInfo, siteNames, nowMs));
}

type GroupInfo = { name: string; rtoTargetMinutes: number; rpoTargetSeconds: number; sourceSiteId: string; targetSiteId: string };

function toRunDto(
  run: RunRow, tenantName: string, groups: RunGroupRow[], ops: Map<string, OperationDto>, info: Map<string, GroupInfo>, siteNames: Map<string, string>, nowMs: number,
): RunDto {
  const opTimes = new Map([...ops.values()].map((o) => [o.id, { status: o.status, startedAtMs: Date.parse(o.startedAt), rtoSeconds: o.rtoSeconds, finishedAtMs: o.finishedAt ? Date.parse(o.finishedAt) : null }]));
  const progress = progressOf(groups, opTimes);
  const starts = tierStartTimes(run.startedAt.getTime(), run.tierDelays, progress);
  const dtos: RunGroupDto[] = groups.map((g) => {
    const op = g.operationId ? ops.get(g.operationId) : undefined;
    const gi = info.get(g.groupId);
    return {
      groupId: g.groupId, groupName: op?.groupName ?? gi?.name ?? g.groupId, tier: g.tier + 1, state: g.state,
      status: g.state === 'started' ? (op?.status ?? 'pending') : g.state,
      operationId: g.operationId, operationStatus: op?.status ?? null, operationType: op?.type ?? null,
      progress: g.state === 'started' ? (op?.progress ?? 0) : g.state === 'waiting' ? 0 : 1,
      fromSiteName: op?.fromSiteName ?? siteNames.get(gi?.sourceSiteId ?? '') ?? '',
      toSiteName: op?.toSiteName ?? siteNames.get(gi?.targetSiteId ?? '') ?? '',
      dataLossSeconds: op?.dataLossSeconds ?? null, rtoSeconds: op?.rtoSeconds ?? null,
      rtoTargetMinutes: gi?.rtoTargetMinutes ?? op?.rtoTargetMinutes ?? 0, rpoTargetSeconds: gi?.rpoTargetSeconds ?? 0,
      forecast: { dataLossSeconds: g.forecastDataLossSeconds, rtoSeconds: g.forecastRtoSeconds },
      error: g.error ?? op?.error ?? null,
      startsAt: isoOrNull(starts[g.tier] ?? null), commitDeadline: op?.commitDeadline ?? null, testResult: op?.result ?? null,
      blockedRollback: op?.blocked?.rollback ?? null,
    };
  });
  const count = (f: (g: RunGroupDto) => boolean) => dtos.filter(f).length;
  const status = run.status === 'in-progress' ? runStatus(progress) : run.status;
  const test = run.type === 'test-failover';
  const awaiting = count((g) => g.operationStatus === 'awaiting-commit');
  const end = run.finishedAt?.getTime() ?? nowMs;
  return {
    id: run.id, tenantId: run.tenantId, tenantName, type: run.type, status,
    sourceSiteId: run.sourceSiteId, sourceSiteName: run.sourceSiteId ? (siteNames.get(run.sourceSiteId) ?? run.sourceSiteId) : null,
    planId: run.planId, planName: run.planName, reason: run.reason, startedBy: run.startedByEmail, actingAsStaff: run.actingAsStaff, approvedBy: run.approvedByEmail, breakGlassReason: run.breakGlassReason,
    startedAt: iso(run.startedAt), finishedAt: isoOrNull(run.finishedAt),
    elapsedSeconds: Math.max(0, Math.round((end - run.startedAt.getTime()) / 1000)),
    worstRtoTargetMinutes: Math.max(0, ...dtos.map((g) => g.rtoTargetMinutes)),
    progress: runProgress(dtos.map((g) => ({ state: g.state, opProgress: g.progress }))),
    tiers: run.tierDelays.map((delay, t) => ({ tier: t + 1, delayAfterSeconds: delay, startsAt: isoOrNull(starts[t] ?? null) })),
    groups: dtos,
    counts: {
      groups: dtos.length,
      waiting: count((g) => g.state === 'waiting'),
      running: count((g) => g.operationStatus === 'pending' || g.operationStatus === 'running'),
      awaitingDecision: test ? count((g) => g.operationStatus === 'testing') : awaiting,
      recovered: count((g) => g.operationStatus === 'completed'),
      failed: count((g) => g.operationStatus === 'failed'),
      notStarted: count((g) => g.state === 'not-started'),
      rolledBack: count((g) => g.operationStatus === 'rolled-back'),
      cancelled: count((g) => g.state === 'cancelled'),
    },
    actions: {
      commitAll: !test && awaiting > 0,
      rollbackAll: !test && awaiting > 0,
      stopAllTests: test && dtos.some((g) => g.operationStatus === 'testing'),
    },
  };
}

/** Just the row, scoped: 404 material for the caller when undefined. */
export function findRun(db: Executor, id: string, scope: SQL | undefined): RunRow | undefined {
  return db.select().from(recoveryRuns).where(and(eq(recoveryRuns.id, id), scope)).get();
}
