/**
 * "If site X failed now": read-only arithmetic over live state for every group whose
 * production runs at X — the data it would lose (current RPO), its predicted RTO (the
 * machine's steps for a live failover with the source down, the group's measured overhead,
 * and the wait for earlier tiers of a saved recovery plan), whether its recovery site has the
 * capacity for all of them together, and whether its targets would be met.
 */
import 'server-only';
import { and, asc, count, eq, inArray, ne, or } from 'drizzle-orm';
import type { Executor } from '@/db';
import { groupMembers, protectionGroups, recoveryPlans, sites, tenants, vdcs } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { NotFoundError } from '@/lib/core/errors';
import { formatDuration, formatMinutes } from '@/lib/format';
import { tieredRtoSeconds } from '@/lib/operations/rto-forecast';
import { whatIfQuerySchema } from '@/lib/schemas/recovery-runs';
import type { OperationType } from '@/lib/schemas/operations';
import type { SiteStatus } from '@/lib/schemas/sites';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, simNow } from '@/lib/domain/core/clock';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';
import type { GroupForOperation } from '@/lib/domain/operations/operation-plan';
import { forecastGroup, type GroupForecast } from './forecast';
import { claimsBySite, type SiteClaimDto } from './run-capacity';

export type WhatIfGroupDto = {
  groupId: string;
  groupName: string;
  tenantId: string;
  tenantName: string;
  /** A failover; a failback for a group failed over with reverse protection (it goes home). */
  type: OperationType;
  /** 1-based tier of the recovery plan (1 without a plan). */
  tier: number;
  vmCount: number;
  /** Current RPO: what the latest checkpoint would lose. Null: the journal has no checkpoint. */
  dataLossSeconds: number | null;
  rpoTargetSeconds: number;
  /** The group's own plan: create, boot groups and their delays, no shutdown (the source is down). */
  plannedRtoSeconds: number;
  /** How much longer than planned the group's past recoveries took (median, ≥ 0). */
  overheadSeconds: number;
  /** Waiting for the plan's earlier tiers (their VMs up, plus their delays). */
  tierWaitSeconds: number;
  /** What a degraded recovery site (hosts down, slower storage) adds to the plan. */
  degradedSeconds: number;
  recoverySiteDegraded: boolean;
  /** planned + overhead + tier wait, from the moment the recovery starts. */
  predictedRtoSeconds: number;
  rtoTargetMinutes: number;
  recoverySiteId: string;
  recoverySiteName: string;
  recoverySiteDown: boolean;
  /** The recovery vDC holds this group with all the other affected groups going there. */
  capacityOk: boolean;
  meetsRpoTarget: boolean;
  meetsRtoTarget: boolean;
  /** False when the group cannot be recovered at all now; `blockers` says why. */
  recoverable: boolean;
  blockers: string[];
};

export type WhatIfMissDto = {
  groupId: string;
  groupName: string;
  tenantName: string;
  /** Seconds by which the worse target is missed (negative); null when it cannot recover at all. */
  marginSeconds: number | null;
  why: string;
};

/** Staff: a recovery site's physical capacity and providers' reservations against what the failure would claim. */
export type RecoverySiteLoadDto = {
  siteId: string;
  siteName: string;
  siteStatus: SiteStatus;
  physicalGhz: number;
  physicalMemoryGb: number;
  /** Every tenant's recovery vDCs at the site. */
  reservedGhz: number;
  reservedMemoryGb: number;
  claimGhz: number;
  claimMemoryGb: number;
  tenantCount: number;
  ok: boolean;
};

export type WhatIfDto = {
  siteId: string;
  siteName: string;
  siteStatus: SiteStatus;
  /** The tenant the forecast covers; null for staff over every tenant. */
  tenantId: string | null;
  planId: string | null;
  planName: string | null;
  /** green: every group meets its targets; amber: some miss; red: some cannot recover. */
  verdict: 'met' | 'missed' | 'cannot-recover' | 'none';
  groups: WhatIfGroupDto[];
  /** Per recovery vDC (per tenant), all affected groups going there together. */
  capacity: (SiteClaimDto & { tenantId: string; tenantName: string })[];
  /** Staff only (empty for client roles): each recovery site's physical and reserved capacity. */
  recoverySites: RecoverySiteLoadDto[];
  /** Groups that run at the site failed over without reverse protection: no replica, they would be lost. */
  unprotected: { groupId: string; groupName: string; tenantName: string; vmCount: number }[];
  /** Groups that recover *to* the site: their production keeps running, but they would lose their replica and protection. */
  losingProtection: { groupId: string; groupName: string; tenantName: string; sourceSiteId: string }[];
  summary: string;
  /** Groups that would miss a target, those that cannot recover first, then worst margin first. */
  missing: WhatIfMissDto[];
  evaluatedAt: string;
};

const round = (n: number) => Math.round(n * 10) / 10;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const andList = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const groupColumns = {
  id: protectionGroups.id,
  tenantId: protectionGroups.tenantId,
  name: protectionGroups.name,
  status: protectionGroups.status,
  sourceSiteId: protectionGroups.sourceSiteId,
  targetSiteId: protectionGroups.targetSiteId,
  rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
  rpoSeconds: protectionGroups.rpoSeconds,
  rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
  journalHistoryHours: protectionGroups.journalHistoryHours,
  testNetwork: protectionGroups.testNetwork,
  liveNetwork: protectionGroups.liveNetwork,
  backlogMB: protectionGroups.backlogMB,
  tenantName: tenants.name,
};

/** The recovery_plans row of the scope (plans CRUD lives in plans.ts; this reads only what the forecast needs). */
function findPlan(db: Executor, scope: string | null, planId: string) {
  const plan = db
    .select({ id: recoveryPlans.id, tenantId: recoveryPlans.tenantId, name: recoveryPlans.name, tiers: recoveryPlans.tiers })
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.id, planId), tenantFilter(recoveryPlans.tenantId, scope)))
    .get();
  if (!plan) throw new NotFoundError('recovery plan', planId);
  return plan;
}

/**
 * Groups whose production runs at the site: a replicating group's source (a reversed group's
 * source is already where it landed: its source and target swapped); a group failed over
 * without reverse protection runs at its old target and has no replica.
 */
function groupsAt(db: Executor, scope: string | null, siteId: string) {
  const rows = db
    .select(groupColumns)
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .where(and(
      tenantFilter(protectionGroups.tenantId, scope),
      or(
        and(ne(protectionGroups.status, 'failed-over'), eq(protectionGroups.sourceSiteId, siteId)),
        and(eq(protectionGroups.status, 'failed-over'), eq(protectionGroups.targetSiteId, siteId)),
      ),
    ))
    .orderBy(asc(tenants.name), asc(protectionGroups.name))
    .all();
  return {
    replicating: rows.filter((r) => r.status !== 'failed-over'),
    unprotected: rows.filter((r) => r.status === 'failed-over'),
  };
}

type Row = ReturnType<typeof groupsAt>['replicating'][number];

/** Replicating groups whose recovery site is this one: a failure leaves them without a replica. */
function groupsProtectedAt(db: Executor, scope: string | null, siteId: string) {
  return db
    .select({ groupId: protectionGroups.id, groupName: protectionGroups.name, tenantName: tenants.name, sourceSiteId: protectionGroups.sourceSiteId })
    .from(protectionGroups)
    .innerJoin(tenants, eq(tenants.id, protectionGroups.tenantId))
    .where(and(tenantFilter(protectionGroups.tenantId, scope), ne(protectionGroups.status, 'failed-over'), eq(protectionGroups.targetSiteId, siteId)))
    .orderBy(asc(tenants.name), asc(protectionGroups.name))
    .all();
}

/** Tiers for the affected groups: the plan's order (groups not in it form a last tier), or one tier. */
function tiersFor(rows: Row[], plan: { tiers: { groupIds: string[]; delayAfterSeconds: number }[] } | null) {
  const ids = new Set(rows.map((r) => r.id));
  if (!plan) return [{ delayAfterSeconds: 0, groupIds: [...ids] }];
  const tiers = plan.tiers.map((t) => ({ delayAfterSeconds: t.delayAfterSeconds ?? 0, groupIds: t.groupIds.filter((g) => ids.has(g)) }));
  const inPlan = new Set(plan.tiers.flatMap((t) => t.groupIds));
  const rest = [...ids].filter((g) => !inPlan.has(g));
  if (rest.length) tiers.push({ delayAfterSeconds: 0, groupIds: rest });
  return tiers;
}

/** The blockers a start would refuse with, other than capacity (judged for all groups together). */
function blockersOf(f: GroupForecast): string[] {
  const out = f.checks.filter((c) => !c.ok && c.check !== 'capacity').map((c) => c.message);
  if (f.dataLossSeconds === null && !out.length) out.push('The journal has no checkpoint to recover from.');
  return out;
}

function missWhy(g: WhatIfGroupDto): string {
  if (!g.recoverable) return g.recoverySiteDown ? `its recovery site ${g.recoverySiteName} is offline` : `it cannot recover: ${g.blockers[0] ?? 'not enough capacity'}`;
  const parts: string[] = [];
  if (!g.capacityOk) parts.push(`not enough capacity at ${g.recoverySiteName}`);
  if (!g.meetsRpoTarget) parts.push(`data loss ${formatDuration(g.dataLossSeconds)} > ${formatDuration(g.rpoTargetSeconds)} target`);
  if (!g.meetsRtoTarget) parts.push(`RTO ${formatDuration(g.predictedRtoSeconds)} > ${formatMinutes(g.rtoTargetMinutes)} target`);
  return parts.join(', ');
}

function marginOf(g: WhatIfGroupDto): number | null {
  if (!g.recoverable || !g.capacityOk) return null;
  const rpo = g.dataLossSeconds === null ? -Infinity : g.rpoTargetSeconds - g.dataLossSeconds;
  const rto = g.rtoTargetMinutes * 60 - g.predictedRtoSeconds;
  return round(Math.min(rpo, rto));
}

function summarise(siteName: string, siteDown: boolean, who: string, groups: WhatIfGroupDto[], missing: WhatIfMissDto[], unprotected: WhatIfDto['unprotected'], losing: WhatIfDto['losingProtection']): string {
  const lost =
    (unprotected.length
      ? ` ${plural(unprotected.length, 'group')} (${plural(unprotected.reduce((n, u) => n + u.vmCount, 0), 'VM')}) ${unprotected.length === 1 ? 'runs' : 'run'} there failed over without protection and would be lost: ${andList(unprotected.map((u) => u.groupName))}.`
      : '') +
    (losing.length
      ? ` ${plural(losing.length, 'group')} recovering to ${siteName} would be left without protection: ${andList(losing.map((l) => l.groupName))}.`
      : '');
  // Once the site is down the forecast is no longer hypothetical: say so.
  const lead = siteDown ? `${siteName} is offline now` : `If ${siteName} failed now`;
  if (!groups.length) return `${lead}: no protection group of ${who} replicates from it.${lost}`;
  const vms = groups.reduce((n, g) => n + g.vmCount, 0);
  const dests = andList([...new Set(groups.map((g) => g.recoverySiteName))]);
  const head = `${lead}: ${plural(groups.length, 'group')} (${plural(vms, 'VM')}) of ${who} would fail over to ${dests}`;
  const cannot = missing.filter((m) => m.marginSeconds === null);
  const late = missing.filter((m) => m.marginSeconds !== null);
  const parts: string[] = [];
  const named = (ms: WhatIfMissDto[]) => ms.map((m) => `${m.groupName} (${m.why})`).join(', ');
  if (cannot.length) parts.push(`${cannot.length} could not recover: ${named(cannot)}`);
  if (late.length) parts.push(`${late.length} would miss ${late.length === 1 ? 'its' : 'their'} targets: ${named(late)}`);
  if (!parts.length) parts.push(groups.length === 1 ? 'it would meet its RPO and RTO targets' : 'all would meet their RPO and RTO targets');
  return `${head}; ${parts.join('; ')}.${lost}`;
}

/**
 * Staff view: per recovery site, physical capacity and every tenant's recovery reservations
 * there against what the failure would claim: every affected group's VMs, including groups
 * that could not start now (a site that is down still shows what it would have had to hold).
 */
function recoverySiteLoads(db: Executor, groups: WhatIfGroupDto[], forecasts: Map<string, GroupForecast>, claimOk: Map<string, boolean>): RecoverySiteLoadDto[] {
  const siteIds = [...new Set(groups.map((g) => g.recoverySiteId))];
  if (!siteIds.length) return [];
  const siteRows = db.select().from(sites).where(inArray(sites.id, siteIds)).all();
  const reserved = db.select({ siteId: vdcs.siteId, ghz: vdcs.vcpuGhz, mem: vdcs.memoryGb }).from(vdcs).where(and(inArray(vdcs.siteId, siteIds), eq(vdcs.kind, 'recovery'))).all();
  return siteIds.flatMap((id) => {
    const s = siteRows.find((r) => r.id === id);
    if (!s) return [];
    const here = groups.filter((g) => g.recoverySiteId === id);
    // A group's own capacity check sums its VMs; a tenant without a vDC there has none: count its VMs' size from the plan.
    const need = here.map((g) => forecasts.get(g.groupId)!.preflight.plan.flatMap((bg) => bg.vms)).map((v) => ({ ghz: v.reduce((n, x) => n + x.cpuGhz, 0), mem: v.reduce((n, x) => n + x.memoryGb, 0) }));
    const claimGhz = round(need.reduce((n, c) => n + c.ghz, 0));
    const claimMemoryGb = round(need.reduce((n, c) => n + c.mem, 0));
    const mine = reserved.filter((r) => r.siteId === id);
    return [{
      siteId: id, siteName: s.name, siteStatus: s.status,
      physicalGhz: s.capacityVcpuGhz, physicalMemoryGb: s.capacityMemoryGb,
      reservedGhz: round(mine.reduce((n, r) => n + r.ghz, 0)), reservedMemoryGb: round(mine.reduce((n, r) => n + r.mem, 0)),
      claimGhz, claimMemoryGb, tenantCount: new Set(here.map((g) => g.tenantId)).size,
      ok: s.status !== 'offline' && claimGhz <= s.capacityVcpuGhz && claimMemoryGb <= s.capacityMemoryGb && here.every((g) => !g.recoverable || (claimOk.get(g.groupId) ?? false)),
    }];
  });
}

/**
 * GET /what-if?siteId[&tenantId][&planId]: any role. Client roles see their own tenant (a
 * tenantId they pass is ignored); staff see every tenant, or the one named. A plan of another
 * tenant, an unknown site or tenant: 404. A malformed id: 400 naming the field.
 */
export async function getWhatIf(db: Executor, actor: Actor, query: Record<string, unknown> = {}): Promise<WhatIfDto> {
  authorize(db, actor, 'tenant:read', { type: 'site', id: typeof query.siteId === 'string' ? query.siteId : undefined });
  const q = parseInput(whatIfQuerySchema, query);
  let scope = tenantScope(actor, q.tenantId);
  if (scope !== null && actor.role === 'staff' && !db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, scope)).get()) {
    throw new NotFoundError('tenant', scope);
  }
  const site = db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).where(eq(sites.id, q.siteId)).get();
  if (!site) throw new NotFoundError('site', q.siteId);
  const plan = q.planId ? findPlan(db, scope, q.planId) : null;
  if (plan) scope = plan.tenantId; // staff over every tenant: a plan narrows the forecast to its tenant
  const nowMs = await simNow();

  const { replicating, unprotected } = groupsAt(db, scope, site.id);
  const forecasts = new Map(replicating.map((r) => {
    const { tenantName, ...group } = r;
    void tenantName;
    return [r.id, forecastGroup(db, group as GroupForOperation, nowMs)];
  }));
  const blockers = new Map(replicating.map((r) => [r.id, blockersOf(forecasts.get(r.id)!)]));
  const recoverable = (id: string) => blockers.get(id)!.length === 0;

  // Capacity: every recoverable group together, per tenant (a vDC belongs to one tenant).
  const tenantIds = [...new Set(replicating.map((r) => r.tenantId))];
  const capacity: WhatIfDto['capacity'] = tenantIds.flatMap((tenantId) => {
    const members = replicating.filter((r) => r.tenantId === tenantId && recoverable(r.id));
    const tenantName = members[0]?.tenantName ?? '';
    return claimsBySite(members.map((r) => {
      const f = forecasts.get(r.id)!;
      return { groupId: r.id, groupName: r.name, siteId: f.toSiteId, siteName: f.toSiteName, capacity: f.capacity };
    })).map((c) => ({ ...c, tenantId, tenantName }));
  });
  const claimOk = new Map(capacity.flatMap((c) => c.groupIds.map((id) => [id, c.ok] as const)));

  // Tiers: groups that cannot start do not hold the next tier back (a run goes on without them).
  const tiers = tiersFor(replicating, plan);
  const tierOf = new Map(tiers.flatMap((t, i) => t.groupIds.map((id) => [id, i + 1] as const)));
  const tiered = tieredRtoSeconds(tiers.map((t) => ({
    delayAfterSeconds: t.delayAfterSeconds,
    groups: t.groupIds.filter(recoverable).map((id) => ({ id, rtoSeconds: forecasts.get(id)!.predictedRtoSeconds })),
  })));

  const groups: WhatIfGroupDto[] = [...replicating].sort((a, b) => (tierOf.get(a.id) ?? 1) - (tierOf.get(b.id) ?? 1)).map((r) => {
    const f = forecasts.get(r.id)!;
    const canRecover = recoverable(r.id);
    const capacityOk = canRecover ? (claimOk.get(r.id) ?? false) : !f.toSiteOffline && !!f.capacity && f.capacity.requiredGhz <= f.capacity.availableGhz && f.capacity.requiredMemoryGb <= f.capacity.availableMemoryGb;
    const own = f.predictedRtoSeconds;
    const predicted = canRecover ? (tiered.get(r.id) ?? own) : own;
    return {
      groupId: r.id, groupName: r.name, tenantId: r.tenantId, tenantName: r.tenantName, type: f.type,
      tier: tierOf.get(r.id) ?? 1, vmCount: f.vmCount,
      dataLossSeconds: f.dataLossSeconds === null ? null : round(f.dataLossSeconds), rpoTargetSeconds: r.rpoTargetSeconds,
      plannedRtoSeconds: f.plannedRtoSeconds, overheadSeconds: round(f.overheadSeconds), tierWaitSeconds: round(predicted - own),
      degradedSeconds: f.degradedSeconds, recoverySiteDegraded: f.toSiteDegraded,
      predictedRtoSeconds: round(predicted), rtoTargetMinutes: r.rtoTargetMinutes,
      recoverySiteId: f.toSiteId, recoverySiteName: f.toSiteName, recoverySiteDown: f.toSiteOffline,
      capacityOk: canRecover && capacityOk,
      meetsRpoTarget: f.dataLossSeconds !== null && f.dataLossSeconds <= r.rpoTargetSeconds,
      meetsRtoTarget: canRecover && capacityOk && predicted <= r.rtoTargetMinutes * 60,
      recoverable: canRecover, blockers: blockers.get(r.id)!,
    };
  });

  const missing = groups
    .filter((g) => !g.recoverable || !g.capacityOk || !g.meetsRpoTarget || !g.meetsRtoTarget)
    .map((g) => ({ groupId: g.groupId, groupName: g.groupName, tenantName: g.tenantName, marginSeconds: marginOf(g), why: missWhy(g) }))
    .sort((a, b) => (a.marginSeconds ?? -Infinity) - (b.marginSeconds ?? -Infinity) || a.groupName.localeCompare(b.groupName));

  const lost = unprotected.map((u) => ({ groupId: u.id, groupName: u.name, tenantName: u.tenantName, vmCount: memberCount(db, u.id) }));
  const losing = groupsProtectedAt(db, scope, site.id);
  const tenantNames = [...new Set([...replicating, ...unprotected].map((r) => r.tenantName))];
  const who = tenantNames.length === 1 ? tenantNames[0] : scope === null ? (tenantNames.length ? plural(tenantNames.length, 'tenant') : 'any tenant') : (db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, scope)).get()?.name ?? 'the tenant');
  const cannot = groups.some((g) => !g.recoverable || !g.capacityOk) || lost.length > 0;
  return {
    siteId: site.id, siteName: site.name, siteStatus: site.status, tenantId: scope,
    planId: plan?.id ?? null, planName: plan?.name ?? null,
    verdict: !groups.length && !lost.length ? 'none' : cannot ? 'cannot-recover' : missing.length ? 'missed' : 'met',
    groups, capacity,
    recoverySites: actor.role === 'staff' ? recoverySiteLoads(db, groups, forecasts, claimOk) : [],
    unprotected: lost, losingProtection: losing,
    summary: summarise(site.name, site.status === 'offline', who, groups, missing, lost, losing),
    missing, evaluatedAt: iso(nowMs),
  };
}

/** VMs of a group that has no replica (it still lists its members). */
function memberCount(db: Executor, groupId: string): number {
  return db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).get()?.n ?? 0;
}

export type WhatIfChoicesDto = {
  /** The sites where the tenant's production runs (where a failure would hurt), most groups first, with how many. */
  sites: { id: string; name: string; status: SiteStatus; groupCount: number }[];
  /** The tenant's saved recovery plans (their tiers order the forecast). */
  plans: { id: string; name: string }[];
};

/** What the what-if page offers to pick: the tenant's production sites and its saved plans (staff: of the tenant acted for, or every tenant). */
export function whatIfChoices(db: Executor, actor: Actor, tenantId?: string): WhatIfChoicesDto {
  authorize(db, actor, 'tenant:read', { type: 'site' });
  const scope = tenantScope(actor, tenantId);
  const rows = db
    .select({ status: protectionGroups.status, sourceSiteId: protectionGroups.sourceSiteId, targetSiteId: protectionGroups.targetSiteId })
    .from(protectionGroups)
    .where(tenantFilter(protectionGroups.tenantId, scope))
    .all();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const at = r.status === 'failed-over' ? r.targetSiteId : r.sourceSiteId;
    counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  const siteRows = counts.size ? db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).where(inArray(sites.id, [...counts.keys()])).orderBy(asc(sites.name)).all() : [];
  const plans = db
    .select({ id: recoveryPlans.id, name: recoveryPlans.name })
    .from(recoveryPlans)
    .where(tenantFilter(recoveryPlans.tenantId, scope))
    .orderBy(asc(recoveryPlans.name))
    .all();
  const withCounts = siteRows.map((s) => ({ ...s, groupCount: counts.get(s.id) ?? 0 }));
  // The site carrying most of the tenant's production first: the default pick.
  return { sites: withCounts.sort((a, b) => b.groupCount - a.groupCount || a.name.localeCompare(b.name)), plans };
}
