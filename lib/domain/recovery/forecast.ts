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
import { operations, sites } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';
import { SHUTDOWN_GRACE_SECONDS } from '@/lib/schemas/operation-limits';
import { measuredOverheadSeconds, plannedRtoSeconds } from '@/lib/operations/rto-forecast';
import { operationOptionsSchema } from '@/lib/operations/types';
import { buildOptions, type StartInput } from '@/lib/domain/operations/open-operation';
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
  /** What the recovery site's degradation (hosts down, slower storage) adds; 0 when healthy. */
  degradedSeconds: number;
  /** The recovery site is degraded (staff: slower storage or hosts down). */
  toSiteDegraded: boolean;
  predictedRtoSeconds: number;
  vmCount: number;
  /** The group's own capacity check (one group alone); several groups together: run-capacity. */
  capacity: CapacityDto | null;
  /** The pre-flight's checks (ok or not) as the start would evaluate them now. */
  checks: PreflightCheckDto[];
  /** The pre-flight itself, for callers that need its plan or checkpoint. */
  preflight: PreflightResult;
};

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
 * The RTO an operation started with `start` would reach, built with the very options its start
 * would store (buildOptions), so a forecast and the operation cannot drift apart: planned from
 * the plan's steps, plus the overhead past recoveries measured beyond their own plans.
 * `sourceSiteOnline` false forecasts a failed source (no shutdown step).
 */
export function predictRto(db: Executor, group: GroupForOperation, pf: PreflightResult, start: StartInput, sourceSiteOnline = pf.sourceSiteOnline) {
  const options = { ...buildOptions(db, group, pf, start), sourceSiteOnline };
  // The machine's step list needs at least one boot group; an empty group only creates nothing.
  const planned = options.plan.length ? plannedRtoSeconds({ type: pf.type, options }) : 0;
  const past = pastRecoveries(db, group.id);
  const overhead = measuredOverheadSeconds(past);
  const degradation = siteDegradationSlowdown(db, pf.toSiteId, planned);
  return {
    plannedRtoSeconds: planned, overheadSeconds: overhead, overheadSamples: past.length,
    degradedSeconds: degradation.seconds, toSiteDegraded: degradation.degraded,
    predictedRtoSeconds: planned + overhead + degradation.seconds,
  };
}

/**
 * What a degraded recovery site adds to a planned RTO: with hosts down the same VMs boot on
 * fewer hosts (total / (total − down) as long), and slower storage boots them slower still
 * (half the lost IOPS share: 50 % storage = 25 % longer). Whole seconds; 0 when healthy.
 */
export function siteDegradationSlowdown(db: Executor, siteId: string, plannedSeconds: number): { degraded: boolean; seconds: number; factor: number } {
  const s = db.select({ hostsTotal: sites.hostsTotal, hostsDown: sites.hostsDown, storage: sites.storageIopsPercent }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s || (s.hostsDown === 0 && s.storage >= 100)) return { degraded: false, seconds: 0, factor: 1 };
  const hosts = s.hostsTotal / Math.max(1, s.hostsTotal - s.hostsDown);
  const storage = 1 + (100 - Math.min(100, s.storage)) / 200;
  const factor = hosts * storage;
  return { degraded: true, seconds: Math.round(plannedSeconds * (factor - 1)), factor };
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
  const test = pf.type === 'test-failover';
  const shutdownSource = test ? false : pf.type === 'move' ? true : (opts.shutdownSource ?? true);
  const start: StartInput = {
    shutdownSource, shutdownGraceSeconds: opts.shutdownGraceSeconds ?? SHUTDOWN_GRACE_SECONDS.default,
    reverseProtection: false, commitPolicy: 'manual', commitTimeoutMinutes: 60,
  };
  const rto = predictRto(db, group, pf, start, opts.sourceSiteOnline ?? false);
  return {
    groupId: group.id, groupName: group.name, type: pf.type,
    fromSiteId: pf.fromSiteId, fromSiteName: pf.fromSiteName, toSiteId: pf.toSiteId, toSiteName: pf.toSiteName,
    toSiteOffline: pf.checks.some((c) => c.check === 'target-site' && !c.ok),
    dataLossSeconds: pf.dataLossSeconds,
    ...rto,
    vmCount: pf.vmCount, capacity: pf.capacity, checks: pf.checks, preflight: pf,
  };
}
