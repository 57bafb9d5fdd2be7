import 'server-only';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { bootGroups, groupMembers, protectionGroups, recoveryPlans, tenants } from '@/db/schema';
import { newId } from '@/lib/ids';
import { recoveryPlanPatchSchema, recoveryPlanSchema } from '@/lib/schemas/recovery-runs';
import { tenantFilterSchema } from '@/lib/schemas/common';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '@/lib/core/errors';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, simDate } from '@/lib/domain/core/clock';
import { parseBody, peekString } from '@/lib/domain/core/input';
import { tenantFilter } from '@/lib/domain/core/scope';
import { parseInput } from '@/lib/domain/core/validate';
import type { PlanGroupOptionDto, PlanTiers, RecoveryPlanDto, RecoveryPlanGroupDto, StoredTier } from './plan-dto';

/*
 * Saved multi-group recovery plans: ordered tiers of one tenant's protection groups. Tier 2
 * starts when tier 1's VMs are up (then the tier's delay); inside a tier each group keeps its
 * own boot order. A plan only names groups: deleting a group leaves its id in the stored tiers,
 * but every reader (the DTO, loadPlanTiers) drops it, and an emptied tier with it.
 */

const TARGET = 'recovery-plan';

export type { PlanGroupOptionDto, PlanTiers, RecoveryPlanDto, RecoveryPlanGroupDto, RecoveryPlanTierDto } from './plan-dto';

type PlanRow = typeof recoveryPlans.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Reading

/** The groups of a tenant by id, with their VM count: one query whatever the plans hold. */
function groupsOfTenant(db: Executor, tenantId: string | null, ids?: string[]): Map<string, RecoveryPlanGroupDto & { tenantId: string }> {
  if (ids && ids.length === 0) return new Map();
  const rows = db
    .select({
      id: protectionGroups.id,
      tenantId: protectionGroups.tenantId,
      name: protectionGroups.name,
      sourceSiteId: protectionGroups.sourceSiteId,
      targetSiteId: protectionGroups.targetSiteId,
      rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
      vmCount: sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${protectionGroups.id})`,
    })
    .from(protectionGroups)
    .where(and(tenantFilter(protectionGroups.tenantId, tenantId), ids ? inArray(protectionGroups.id, ids) : undefined))
    .all();
  return new Map(rows.map((r) => [r.id, { ...r, vmCount: Number(r.vmCount) }]));
}

/** The stored tiers with the groups that still exist in the plan's tenant; emptied tiers dropped. */
function liveTiers(row: Pick<PlanRow, 'tenantId' | 'tiers'>, groups: Map<string, { tenantId: string }>): StoredTier[] {
  return row.tiers
    .map((t) => ({ groupIds: t.groupIds.filter((id) => groups.get(id)?.tenantId === row.tenantId), delayAfterSeconds: t.delayAfterSeconds ?? 0 }))
    .filter((t) => t.groupIds.length > 0);
}

const groupDto = (g: RecoveryPlanGroupDto): RecoveryPlanGroupDto => ({
  id: g.id, name: g.name, sourceSiteId: g.sourceSiteId, targetSiteId: g.targetSiteId, vmCount: g.vmCount, rtoTargetMinutes: g.rtoTargetMinutes,
});

function toDto(row: PlanRow, groups: Map<string, RecoveryPlanGroupDto & { tenantId: string }>): RecoveryPlanDto {
  const tiers = liveTiers(row, groups).map((t, i) => ({
    tier: i + 1,
    delayAfterSeconds: t.delayAfterSeconds,
    groups: t.groupIds.map((id) => groupDto(groups.get(id)!)),
  }));
  const all = tiers.flatMap((t) => t.groups);
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    description: row.description,
    tiers,
    groupCount: all.length,
    vmCount: all.reduce((n, g) => n + g.vmCount, 0),
    updatedAt: iso(row.updatedAt),
  };
}

function dtosOf(db: Executor, rows: PlanRow[]): RecoveryPlanDto[] {
  const ids = [...new Set(rows.flatMap((r) => r.tiers.flatMap((t) => t.groupIds)))];
  const groups = groupsOfTenant(db, null, ids);
  return rows.map((r) => toDto(r, groups));
}

function planInScope(db: Executor, scope: string | null, id: string): PlanRow {
  const row = db
    .select()
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.id, id), tenantFilter(recoveryPlans.tenantId, scope)))
    .get();
  // Another tenant's plan is "not found", exactly like an unknown id.
  if (!row) throw new NotFoundError('recovery plan', id);
  return row;
}

/** GET /recovery-plans: the plans of the actor's tenant (staff: every tenant's, or `tenantId`), by name. */
export async function listPlans(db: Executor, actor: Actor, query: { tenantId?: string } = {}): Promise<RecoveryPlanDto[]> {
  authorize(db, actor, 'tenant:read', { type: TARGET });
  const scope = tenantScope(actor, query.tenantId);
  parseInput(tenantFilterSchema, query);
  const rows = db
    .select()
    .from(recoveryPlans)
    .where(tenantFilter(recoveryPlans.tenantId, scope))
    .orderBy(asc(sql`lower(${recoveryPlans.name})`), asc(recoveryPlans.id))
    .all();
  return dtosOf(db, rows);
}

/** GET /recovery-plans/{id}: one plan in the actor's scope (another tenant's: 404). */
export async function getPlan(db: Executor, actor: Actor, id: string): Promise<RecoveryPlanDto> {
  authorize(db, actor, 'tenant:read', { type: TARGET, id });
  return dtosOf(db, [planInScope(db, tenantScope(actor), id)])[0];
}

/**
 * The groups of the actor's tenant (staff: of `tenantId` or the tenant they act for) a plan
 * may hold, by name, each with its own boot order: what the plan editor offers.
 */
export async function listPlanGroupOptions(db: Executor, actor: Actor, query: { tenantId?: string } = {}): Promise<PlanGroupOptionDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'protection-group' });
  const scope = tenantScope(actor, query.tenantId);
  parseInput(tenantFilterSchema, query);
  if (scope === null) return [];
  const groups = [...groupsOfTenant(db, scope).values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const boots = db
    .select({
      groupId: bootGroups.groupId,
      name: bootGroups.name,
      delayAfterSeconds: bootGroups.delayAfterSeconds,
      vmCount: count(groupMembers.vmId),
    })
    .from(bootGroups)
    .innerJoin(protectionGroups, eq(protectionGroups.id, bootGroups.groupId))
    .leftJoin(groupMembers, eq(groupMembers.bootGroupId, bootGroups.id))
    .where(eq(protectionGroups.tenantId, scope))
    .groupBy(bootGroups.id)
    .orderBy(asc(bootGroups.groupId), asc(bootGroups.position))
    .all();
  return groups.map((g) => ({
    ...groupDto(g),
    bootOrder: boots.filter((b) => b.groupId === g.id).map((b) => ({ name: b.name, vmCount: Number(b.vmCount), delayAfterSeconds: b.delayAfterSeconds })),
  }));
}

/**
 * A plan's tiers for starting a run, scoped by tenant (null when there is no such plan in it).
 * Groups deleted since the plan was saved are left out, and a tier left empty with them: the
 * result may hold no tier at all, which the caller refuses.
 */
export function loadPlanTiers(db: Executor, tenantId: string, planId: string): PlanTiers | null {
  const row = db
    .select()
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.id, planId), eq(recoveryPlans.tenantId, tenantId)))
    .get();
  if (!row) return null;
  const groups = groupsOfTenant(db, tenantId, [...new Set(row.tiers.flatMap((t) => t.groupIds))]);
  return { id: row.id, name: row.name, tiers: liveTiers(row, groups) };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The tenant a new plan belongs to: the client's own; staff must name one (acting-for counts). */
function owningTenant(db: Executor, actor: Actor, requested: string | undefined): string {
  if (actor.role !== 'staff') {
    const own = tenantScope(actor) as string;
    if (requested !== undefined && requested !== own) throw new NotFoundError('tenant', requested);
    return own;
  }
  const tenantId = tenantScope(actor, requested);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Name the tenant the plan belongs to.' }]);
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  return tenantId;
}

/**
 * Every group id must be a group of the plan's tenant. Another tenant's group reads exactly
 * like an unknown id, and is a bad field (400), not a missing resource: the plan is what was asked for.
 */
function tierGroupErrors(db: Executor, tenantId: string, tiers: StoredTier[]): FieldError[] {
  const known = groupsOfTenant(db, tenantId, [...new Set(tiers.flatMap((t) => t.groupIds))]);
  const errors: FieldError[] = [];
  tiers.forEach((t, i) =>
    t.groupIds.forEach((id, j) => {
      if (!known.has(id)) errors.push({ field: `tiers.${i}.groupIds.${j}`, message: `No protection group "${id}" in this organisation.` });
    }),
  );
  return errors;
}

/** Names are unique per tenant regardless of case, so "DR day" and "dr day" never both exist. */
function assertNameFree(db: Executor, tenantId: string, name: string, exceptId?: string): void {
  const taken = db
    .select({ id: recoveryPlans.id })
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.tenantId, tenantId), sql`lower(${recoveryPlans.name}) = lower(${name})`, exceptId ? ne(recoveryPlans.id, exceptId) : undefined))
    .get();
  if (taken) throw nameTaken(name);
}

const nameTaken = (name: string) =>
  new ConflictError(`A recovery plan named "${name}" already exists.`, { errors: [{ field: 'name', message: 'This name is already used by another plan.' }] });

/** The unique index answers for a race between two saves of the same name. */
function withNameGuard<T>(name: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (name !== undefined && error instanceof Error && /UNIQUE constraint failed: recovery_plans\.tenant_id, recovery_plans\.name/.test(error.message)) throw nameTaken(name);
    throw error;
  }
}

const storedTiers = (tiers: { groupIds: string[]; delayAfterSeconds?: number }[]): StoredTier[] =>
  tiers.map((t) => ({ groupIds: [...t.groupIds], delayAfterSeconds: t.delayAfterSeconds ?? 0 }));

/**
 * POST /recovery-plans: a new plan. Client admins create in their own tenant; staff name the
 * tenant (`tenantId` in the options, e.g. from `?tenantId=`, or in the body) unless acting for one.
 */
export async function createPlan(db: DB, actor: Actor, input: unknown, { tenantId: requested }: { tenantId?: string } = {}): Promise<RecoveryPlanDto> {
  authorize(db, actor, 'group:write', { type: TARGET });
  const tenantId = owningTenant(db, actor, requested ?? peekString(input, 'tenantId'));
  const body = parseBody(recoveryPlanSchema, input);
  const now = await simDate();
  const id = newId('rpl');
  const tiers = storedTiers(body.tiers);

  withNameGuard(body.name, () =>
    db.transaction((tx) => {
      const errors = tierGroupErrors(tx, tenantId, tiers);
      if (errors.length) throw new ValidationError(errors);
      assertNameFree(tx, tenantId, body.name);
      tx.insert(recoveryPlans)
        .values({ id, tenantId, name: body.name, description: body.description || null, tiers, createdAt: now, updatedAt: now })
        .run();
      audit(tx, actor, {
        action: 'recovery-plan.create', tenantId, targetType: TARGET, targetId: id, simulatedTime: now,
        details: { name: body.name, description: body.description || null, tiers },
      });
    }),
  );
  return dtosOf(db, [planInScope(db, tenantId, id)])[0];
}

/** PATCH /recovery-plans/{id}: name, description and/or tiers (`tiers` replaces them all). */
export async function updatePlan(db: DB, actor: Actor, id: string, input: unknown): Promise<RecoveryPlanDto> {
  authorize(db, actor, 'group:write', { type: TARGET, id });
  const scope = tenantScope(actor);
  planInScope(db, scope, id);
  const body = parseBody(recoveryPlanPatchSchema, input);
  const now = await simDate();

  withNameGuard(body.name, () =>
    db.transaction((tx) => {
      const plan = planInScope(tx, scope, id);
      const set: Partial<typeof recoveryPlans.$inferInsert> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (body.name !== undefined && body.name !== plan.name) {
        assertNameFree(tx, plan.tenantId, body.name, id);
        set.name = body.name;
        changes.name = { from: plan.name, to: body.name };
      }
      if (body.description !== undefined && (body.description || null) !== plan.description) {
        set.description = body.description || null;
        changes.description = { from: plan.description, to: set.description };
      }
      if (body.tiers !== undefined) {
        const tiers = storedTiers(body.tiers);
        const errors = tierGroupErrors(tx, plan.tenantId, tiers);
        if (errors.length) throw new ValidationError(errors);
        if (JSON.stringify(tiers) !== JSON.stringify(plan.tiers)) {
          set.tiers = tiers;
          changes.tiers = { from: plan.tiers, to: tiers };
        }
      }
      if (Object.keys(changes).length === 0) return;
      tx.update(recoveryPlans).set({ ...set, updatedAt: now }).where(eq(recoveryPlans.id, id)).run();
      audit(tx, actor, { action: 'recovery-plan.update', tenantId: plan.tenantId, targetType: TARGET, targetId: id, simulatedTime: now, details: { changes } });
    }),
  );
  return dtosOf(db, [planInScope(db, scope, id)])[0];
}

/** DELETE /recovery-plans/{id}. Runs started from the plan keep their own copy of its tiers and name. */
export async function deletePlan(db: DB, actor: Actor, id: string): Promise<void> {
  authorize(db, actor, 'group:write', { type: TARGET, id });
  const scope = tenantScope(actor);
  planInScope(db, scope, id);
  const now = await simDate();
  db.transaction((tx) => {
    const plan = planInScope(tx, scope, id);
    tx.delete(recoveryPlans).where(eq(recoveryPlans.id, id)).run();
    audit(tx, actor, {
      action: 'recovery-plan.delete', tenantId: plan.tenantId, targetType: TARGET, targetId: id, targetName: plan.name, simulatedTime: now,
      details: { name: plan.name, tiers: plan.tiers },
    });
  });
}
