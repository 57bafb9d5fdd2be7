/**
 * The forecast of one group's recovery started now: the data it would lose (the pre-flight's
 * current RPO for the latest checkpoint) and its predicted RTO (the machine's own steps for the
 * options such an operation would get, plus how much longer than planned the group's past
 * recoveries took). Read-only; the what-if page and a recovery run's start both use it, so the
 * forecast a run stores is the same arithmetic the what-if page shows.
 */
import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, tenants } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';
import { SHUTDOWN_GRACE_SECONDS } from '@/lib/schemas/operation-limits';
import { measuredOverheadSeconds, plannedRtoSeconds } from '@/lib/operations/rto-forecast';
import { operationOptionsSchema, type OperationOptions } from '@/lib/operations/types';
import type { CapacityDto } from '@/lib/domain/operations/operation-capacity';
import type { GroupForOperation } from '@/lib/domain/operations/operation-plan';
import { evaluatePreflight, type PreflightCheckDto, type PreflightResult } from '@/lib/domain/operations/operation-preflight';

/** How many past recoveries of the group the overhead is taken over (the newest). */
export const OVERHEAD_HISTORY = 10;

export type ForecastOptions = {
  /** What would run (default a live failover; on a reversed group that is a failback). */
  type?: 'failover' | 'test-failover' | 'move';
  /**
   * Whether the source site could shut its VMs down. Default false: the what-if assumes the
   * source site has failed, so the shutdown step is skipped. A run started while the source
   * is up passes true (with its shutdown settings) to forecast what it will really do.
   */
  sourceSiteOnline?: boolean;
  /** Live only, as the start request's: shut the source VMs down (default true) and the grace period (default the request's, 300 s). */
  shutdownSource?: boolean;
  shutdownGraceSeconds?: number;
};

export type GroupForecast = {
  groupId: string;
  groupName: string;
  /** What would run: a failover on a reversed group is a failback. */
  type: OperationType;
  fromSiteId: string;
  fromSiteName: string;
  toSiteId: string;
  toSiteName: string;
  /** The recovery site is offline too: nothing can be recovered there now. */
  toSiteOffline: boolean;
  /** Current RPO for the latest checkpoint; null when the journal has none (cannot recover). */
  dataLossSeconds: number | null;
  /** From the operation's own step list: start until the last boot group is up. */
  plannedRtoSeconds: number;
  /** Median of (measured − planned) over the group's last recoveries, never below 0. */
  overheadSeconds: number;
  /** How many past recoveries the overhead was measured on. */
  overheadSamples: number;
  predictedRtoSeconds: number;
  vmCount: number;
  /** The group's own capacity check (one group alone); several groups together: run-capacity. */
  capacity: CapacityDto | null;
  /** The pre-flight's checks (ok or not) as the start would evaluate them now. */
  checks: PreflightCheckDto[];
  /** The pre-flight itself, for callers that need its plan or checkpoint. */
  preflight: PreflightResult;
};

/** Seconds to ship the backlog over the tenant's inter-site bandwidth: the same formula a move's start uses (operations.ts). */
function finalSyncSeconds(db: Executor, group: GroupForOperation): number {
  const tenant = db.select({ mbps: tenants.interSiteBandwidthMbps }).from(tenants).where(eq(tenants.id, group.tenantId)).get();
  const mbPerSecond = Math.max(1, (tenant?.mbps ?? 100) / 8);
  return Math.min(3600, Math.max(5, Math.ceil(group.backlogMB / mbPerSecond)));
}

/** Past test failovers and failovers of the group that measured an RTO, newest first, with what their own plan said. */
export function pastRecoveries(db: Executor, groupId: string): { measuredSeconds: number; plannedSeconds: number }[] {
  const rows = db
    .select({ type: operations.type, options: operations.options, rtoSeconds: operations.rtoSeconds })
    .from(operations)
    .where(and(
      eq(operations.groupId, groupId),
      inArray(operations.type, ['test-failover', 'failover']),
      inArray(operations.status, ['completed', 'rolled-back']),
      isNotNull(operations.rtoSeconds),
    ))
    .orderBy(desc(operations.startedAt), desc(operations.id))
    .all();
  const out: { measuredSeconds: number; plannedSeconds: number }[] = [];
  for (const r of rows) {
    const parsed = operationOptionsSchema.safeParse(r.options);
    if (!parsed.success) continue;
    out.push({ measuredSeconds: r.rtoSeconds!, plannedSeconds: plannedRtoSeconds({ type: r.type, options: parsed.data }) });
    if (out.length === OVERHEAD_HISTORY) break;
  }
  return out;
}

/**
 * The options the operation would be started with, as far as they change its timing: the
 * plan from the pre-flight, the source's reachability and shutdown, a move's final sync.
 * Network and commit settings do not move the RTO (the network step comes after the last boot).
 */
function forecastOptions(db: Executor, group: GroupForOperation, pf: PreflightResult, opts: ForecastOptions): OperationOptions {
  const test = pf.type === 'test-failover';
  const move = pf.type === 'move';
  const shutdownSource = test ? false : move ? true : (opts.shutdownSource ?? true);
  const net = test ? group.testNetwork : group.liveNetwork;
  return {
    v: 1, fromSiteName: pf.fromSiteName, toSiteName: pf.toSiteName,
    sourceSiteOnline: opts.sourceSiteOnline ?? false,
    shutdownSource, reverseProtection: false,
    // The start request's default grace period when none is given (lib/schemas/operations).
    ...(shutdownSource ? { shutdownGraceSeconds: opts.shutdownGraceSeconds ?? SHUTDOWN_GRACE_SECONDS.default } : {}),
    commitPolicy: 'manual', commitTimeoutMinutes: 60,
    finalSyncSeconds: move ? finalSyncSeconds(db, group) : 0,
    network: { kind: test ? 'test' : 'live', mode: net.mode, network: net.network, mappings: net.mappings.map((m) => ({ sourceSubnet: m.sourceSubnet, targetSubnet: m.targetSubnet })) },
    plan: pf.plan.map((bg) => ({ name: bg.name, delayAfterSeconds: bg.delayAfterSeconds, vms: bg.vms.map((v) => ({ id: v.id, name: v.name, bootSeconds: v.bootSeconds })) })),
    groupStatusBefore: group.status, stopRequestedAtMs: null, decision: null,
  };
}

/**
 * Forecast of one group's recovery started at `nowMs` from its latest checkpoint.
 *
 * - `group`: as `loadGroupForOperation` (lib/domain/operations/operation-plan) returns it.
 * - `opts.type`: 'failover' (default), 'test-failover' or 'move'.
 * - `opts.sourceSiteOnline`: default false (the source has failed: no shutdown step).
 *
 * dataLossSeconds is the pre-flight's (null when the journal has no checkpoint);
 * predictedRtoSeconds = plannedRtoSeconds + overheadSeconds, both whole simulated seconds
 * for the demo's whole boot times. A group with no VMs has a planned RTO of the create step
 * alone; its checks say it cannot run.
 */
export function forecastGroup(db: Executor, group: GroupForOperation, nowMs: number, opts: ForecastOptions = {}): GroupForecast {
  const pf = evaluatePreflight(db, group, opts.type ?? 'failover', {}, nowMs);
  const options = forecastOptions(db, group, pf, opts);
  // The machine's step list needs at least one boot group; an empty group only creates nothing.
  const planned = options.plan.length ? plannedRtoSeconds({ type: pf.type, options }) : 0;
  const past = pastRecoveries(db, group.id);
  const overhead = measuredOverheadSeconds(past);
  return {
    groupId: group.id, groupName: group.name, type: pf.type,
    fromSiteId: pf.fromSiteId, fromSiteName: pf.fromSiteName, toSiteId: pf.toSiteId, toSiteName: pf.toSiteName,
    toSiteOffline: pf.checks.some((c) => c.check === 'target-site' && !c.ok),
    dataLossSeconds: pf.dataLossSeconds,
    plannedRtoSeconds: planned, overheadSeconds: overhead, overheadSamples: past.length,
    predictedRtoSeconds: planned + overhead,
    vmCount: pf.vmCount, capacity: pf.capacity, checks: pf.checks, preflight: pf,
  };
}
