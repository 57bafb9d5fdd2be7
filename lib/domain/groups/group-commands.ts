import 'server-only';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { auditLog, groupMembers, operations, protectionGroups, sites, tenants } from '@/db/schema';
import { OPEN_OPERATION_STATUSES } from '@/lib/schemas/operations';
import { newId } from '@/lib/ids';
import { createGroupSchema, DEFAULT_LIVE_NETWORK, DEFAULT_TEST_NETWORK, MAX_GROUP_MEMBERS, updateGroupSchema } from '@/lib/schemas/groups';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { simDate } from '@/lib/domain/core/clock';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError, type FieldError } from '@/lib/core/errors';
import { applyMembersAndPlan, memberErrors, requestedMembers } from './group-membership';
import { readGroupDetail } from './group-detail';
import { parseBody, peekString } from '@/lib/domain/core/input';
import { findGroupInScope } from './group-in-scope';
import { notifyGroupChanged } from '@/lib/sim/bridge';
import type { NetworkSettings } from '@/lib/schemas/network';
import { networkIssues } from './group-networks';
import { assertStorageFits, storageOfMembers } from '@/lib/domain/resources/storage-usage';

const TARGET = 'protection-group';
/** States in which adding a VM sends the group back to an initial sync. */
const REPLICATING = new Set(['initialising', 'meeting-sla', 'rpo-not-met', 'history-not-met']);

/** The tenant a new group belongs to: the client's own; staff must name one (acting-for counts). */
function owningTenant(db: Executor, actor: Actor, requested: string | undefined): string {
  if (actor.role !== 'staff') {
    const own = tenantScope(actor);
    if (requested !== undefined && requested !== own) throw new NotFoundError('tenant', requested);
    return own as string;
  }
  const tenantId = tenantScope(actor, requested);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Name the tenant the group belongs to.' }]);
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  return tenantId;
}

function siteErrors(db: Executor, ids: { field: string; id: string }[]): FieldError[] {
  const known = new Set(db.select({ id: sites.id }).from(sites).where(inArray(sites.id, ids.map((s) => s.id))).all().map((s) => s.id));
  return ids.filter((s) => !known.has(s.id)).map((s) => ({ field: s.field, message: `No site "${s.id}".` }));
}

/** Names are unique per tenant regardless of case, so "ERP" and "erp" never both exist. */
function assertNameFree(db: Executor, tenantId: string, name: string, exceptId?: string): void {
  const taken = db
    .select({ id: protectionGroups.id })
    .from(protectionGroups)
    .where(and(eq(protectionGroups.tenantId, tenantId), sql`lower(${protectionGroups.name}) = lower(${name})`, exceptId ? ne(protectionGroups.id, exceptId) : undefined))
    .get();
  if (taken) {
    throw new ConflictError(`A protection group named "${name}" already exists.`, { errors: [{ field: 'name', message: 'This name is already used by another group.' }] });
  }
}

/**
 * The test and live addresses of the group's VMs, as they will be once the transaction commits:
 * refused (400, each NIC named with its vmId and index) when out of subnet or taken.
 */
function assertNetworksValid(tx: Executor, group: { id: string; tenantId: string; targetSiteId: string }, test: NetworkSettings, live: NetworkSettings): void {
  const errors = [...networkIssues(tx, group, 'test', test), ...networkIssues(tx, group, 'live', live)];
  if (errors.length) throw new ValidationError(errors);
}

function openOperationId(db: Executor, groupId: string): string | undefined {
  return db
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.groupId, groupId), inArray(operations.status, [...OPEN_OPERATION_STATUSES])))
    .get()?.id;
}

/** POST /groups: a new, empty or populated, protection group. Starts `initialising`. */
export async function createGroup(db: DB, actor: Actor, input: unknown): Promise<GroupDetailDto> {
  authorize(db, actor, 'group:write', { type: TARGET });
  const tenantId = owningTenant(db, actor, peekString(input, 'tenantId'));
  const body = parseBody(createGroupSchema, input);
  const now = await simDate();
  const id = newId('grp');

  db.transaction((tx) => {
    const errors = siteErrors(tx, [
      { field: 'sourceSiteId', id: body.sourceSiteId },
      { field: 'targetSiteId', id: body.targetSiteId },
    ]);
    const requested = requestedMembers(body.vmIds, body.recoveryPlan);
    if (!errors.length) errors.push(...memberErrors(tx, { id: null, tenantId, sourceSiteId: body.sourceSiteId }, requested));
    if (errors.length) throw new ValidationError(errors);
    assertNameFree(tx, tenantId, body.name);
    assertStorageFits(tx, {
      tenantId, groupId: null, groupName: body.name, targetSiteId: body.targetSiteId,
      after: storageOfMembers(tx, requested.map((r) => r.vmId), body),
    });

    tx.insert(protectionGroups)
      .values({
        id,
        tenantId,
        name: body.name,
        description: body.description ?? null,
        sourceSiteId: body.sourceSiteId,
        targetSiteId: body.targetSiteId,
        priority: body.priority,
        rpoTargetSeconds: body.rpoTargetSeconds,
        rtoTargetMinutes: body.rtoTargetMinutes,
        journalHistoryHours: body.journalHistoryHours,
        journalLimitGb: body.journalLimitGb,
        testNetwork: body.testNetwork ?? { ...DEFAULT_TEST_NETWORK, mappings: [] },
        liveNetwork: body.liveNetwork ?? { ...DEFAULT_LIVE_NETWORK, mappings: [] },
        status: 'initialising',
        createdAt: now,
        updatedAt: now,
      })
      .run();
    applyMembersAndPlan(tx, id, requested.map((r) => r.vmId), body.recoveryPlan, now);
    assertNetworksValid(tx, { id, tenantId, targetSiteId: body.targetSiteId }, body.testNetwork ?? { ...DEFAULT_TEST_NETWORK, mappings: [] }, body.liveNetwork ?? { ...DEFAULT_LIVE_NETWORK, mappings: [] });
    audit(tx, actor, { action: 'group.create', tenantId, targetType: TARGET, targetId: id, simulatedTime: now, details: { ...body, tenantId, vmIds: requested.map((r) => r.vmId) } });
  });

  await notifyGroupChanged(id);
  return readGroupDetail(db, tenantId, id);
}

const SETTING_FIELDS = [
  'name', 'description', 'priority', 'rpoTargetSeconds', 'rtoTargetMinutes', 'journalHistoryHours', 'journalLimitGb', 'testNetwork', 'liveNetwork',
] as const;

/**
 * PATCH /groups/{id}: settings, members (`vmIds` replaces them) and/or the recovery plan.
 * Members, plan and networks are what a running test or failover is using, so they are locked
 * (409) while an operation is open; other settings may change at any time.
 */
export async function updateGroup(db: DB, actor: Actor, id: string, input: unknown, { expectedVersion }: { expectedVersion?: number } = {}): Promise<GroupDetailDto> {
  authorize(db, actor, 'group:write', { type: TARGET, id });
  findGroupInScope(db, actor, id);
  const body = parseBody(updateGroupSchema, input);
  if (expectedVersion !== undefined && !Number.isSafeInteger(expectedVersion)) {
    throw new ValidationError([{ field: 'If-Match', message: 'Send the ETag of the group as read, e.g. If-Match: "7".' }]);
  }
  const now = await simDate();

  const changed = db.transaction((tx) => {
    const group = tx.select().from(protectionGroups).where(eq(protectionGroups.id, id)).get();
    if (!group) throw new NotFoundError('protection group', id);
    if (expectedVersion !== undefined && expectedVersion !== group.configVersion) throw staleCopy(tx, id, expectedVersion, group.configVersion);

    const siteFixed: FieldError[] = [];
    if (body.sourceSiteId !== undefined && body.sourceSiteId !== group.sourceSiteId)
      siteFixed.push({ field: 'sourceSiteId', message: 'The sites of a group cannot change; create a new group for another pair of sites.' });
    if (body.targetSiteId !== undefined && body.targetSiteId !== group.targetSiteId)
      siteFixed.push({ field: 'targetSiteId', message: 'The sites of a group cannot change; create a new group for another pair of sites.' });
    if (siteFixed.length) throw new ValidationError(siteFixed);

    const delta = body.addVmIds !== undefined || body.removeVmIds !== undefined;
    const membersChange = body.vmIds !== undefined || delta;
    const touchesLocked = membersChange || body.recoveryPlan !== undefined || body.testNetwork !== undefined || body.liveNetwork !== undefined;
    const operationId = touchesLocked ? openOperationId(tx, id) : undefined;
    if (operationId) {
      throw new ConflictError('An operation is running on this group; change its members, recovery plan or networks after it ends.', { operationId });
    }
    if (body.vmIds) {
      const errors = memberErrors(tx, group, requestedMembers(body.vmIds, undefined));
      if (errors.length) throw new ValidationError(errors);
    }
    if (body.addVmIds) {
      const errors = memberErrors(tx, group, body.addVmIds.map((vmId, i) => ({ vmId, field: `addVmIds.${i}` })));
      if (errors.length) throw new ValidationError(errors);
    }
    if (body.name !== undefined) assertNameFree(tx, group.tenantId, body.name, id);
    {
      // Growing the group (more VMs, a longer history, a larger journal) must fit at its recovery site.
      const current = tx.select({ vmId: groupMembers.vmId }).from(groupMembers).where(eq(groupMembers.groupId, id)).all().map((m) => m.vmId);
      const dropping = new Set(body.removeVmIds ?? []);
      const next = body.vmIds ?? (delta ? [...new Set([...current, ...(body.addVmIds ?? [])])].filter((v) => !dropping.has(v)) : current);
      const journal = { journalHistoryHours: body.journalHistoryHours ?? group.journalHistoryHours, journalLimitGb: body.journalLimitGb ?? group.journalLimitGb };
      assertStorageFits(tx, {
        tenantId: group.tenantId, groupId: id, groupName: body.name ?? group.name, targetSiteId: group.targetSiteId,
        before: storageOfMembers(tx, current, group), after: storageOfMembers(tx, next, journal),
      });
    }

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<typeof protectionGroups.$inferInsert> = {};
    for (const field of SETTING_FIELDS) {
      const to = body[field];
      if (to === undefined || JSON.stringify(to) === JSON.stringify(group[field])) continue;
      changes[field] = { from: group[field], to };
      Object.assign(set, { [field]: to });
    }
    if (Object.keys(set).length) tx.update(protectionGroups).set({ ...set, updatedAt: now }).where(eq(protectionGroups.id, id)).run();

    if (membersChange || body.recoveryPlan !== undefined) {
      const before = tx.select({ vmId: groupMembers.vmId }).from(groupMembers).where(eq(groupMembers.groupId, id)).all().map((m) => m.vmId);
      const removing = new Set(body.removeVmIds ?? []);
      const desired = body.vmIds ?? (delta ? [...new Set([...before, ...(body.addVmIds ?? [])])].filter((v) => !removing.has(v)) : before);
      if (desired.length > MAX_GROUP_MEMBERS) throw new ValidationError([{ field: 'addVmIds', message: `A group holds at most ${MAX_GROUP_MEMBERS} VMs.` }]);
      applyMembersAndPlan(tx, id, desired, body.recoveryPlan, now);
      const added = desired.filter((v) => !before.includes(v));
      const removed = before.filter((v) => !desired.includes(v));
      if (added.length || removed.length) changes.vmIds = { from: before, to: desired };
      if (body.recoveryPlan) changes.recoveryPlan = { from: null, to: body.recoveryPlan };
      if (added.length || removed.length || body.recoveryPlan) tx.update(protectionGroups).set({ updatedAt: now }).where(eq(protectionGroups.id, id)).run();
      // New disks must sync before the group protects them: say so at once rather than keep
      // showing "meeting SLA" until the simulator's next tick (or forever with it disabled).
      if (added.length && REPLICATING.has(group.status)) {
        tx.update(protectionGroups)
          .set({ status: 'initialising', subStatus: `initial sync of ${added.length} new VM${added.length > 1 ? 's' : ''}` })
          .where(eq(protectionGroups.id, id))
          .run();
      }
    }

    if (body.testNetwork !== undefined || body.liveNetwork !== undefined || membersChange) assertNetworksValid(tx, { id, tenantId: group.tenantId, targetSiteId: group.targetSiteId }, body.testNetwork ?? group.testNetwork, body.liveNetwork ?? group.liveNetwork);

    if (Object.keys(changes).length === 0) return false;
    tx.update(protectionGroups).set({ configVersion: sql`${protectionGroups.configVersion} + 1` }).where(eq(protectionGroups.id, id)).run();
    audit(tx, actor, { action: 'group.update', tenantId: group.tenantId, targetType: TARGET, targetId: id, simulatedTime: now, details: { changes } });
    return true;
  });

  if (changed) await notifyGroupChanged(id);
  return readGroupDetail(db, null, id);
}

/** 412 for an edit made on version `expected` of a group now at `current`, saying who changed it last. */
function staleCopy(tx: Executor, id: string, expected: number, current: number): PreconditionFailedError {
  const last = tx
    .select({ email: auditLog.actorEmail, time: auditLog.time, simulatedTime: auditLog.simulatedTime })
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), inArray(auditLog.action, ['group.update', 'group.create']), eq(auditLog.outcome, 'success')))
    .orderBy(desc(auditLog.id))
    .get();
  const by = last?.email ? ` (last by ${last.email} at ${(last.simulatedTime ?? last.time).toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
  return new PreconditionFailedError(`This group was changed since you loaded it${by}. Reload to see the change, then make yours again.`, {
    expectedVersion: expected,
    currentVersion: current,
  });
}

/** DELETE /groups/{id}: stop protecting. Refused (409) while an operation is open on the group. */
export async function deleteGroup(db: DB, actor: Actor, id: string): Promise<void> {
  authorize(db, actor, 'group:write', { type: TARGET, id });
  findGroupInScope(db, actor, id);
  const now = await simDate();

  db.transaction((tx) => {
    const group = tx.select({ tenantId: protectionGroups.tenantId, name: protectionGroups.name }).from(protectionGroups).where(eq(protectionGroups.id, id)).get();
    if (!group) throw new NotFoundError('protection group', id);
    const operationId = openOperationId(tx, id);
    if (operationId) throw new ConflictError('An operation is running on this group; finish or roll it back before deleting the group.', { operationId });
    const vmIds = tx.select({ vmId: groupMembers.vmId }).from(groupMembers).where(eq(groupMembers.groupId, id)).all().map((m) => m.vmId).sort();
    tx.delete(protectionGroups).where(eq(protectionGroups.id, id)).run();
    audit(tx, actor, { action: 'group.delete', tenantId: group.tenantId, targetType: TARGET, targetId: id, targetName: group.name, simulatedTime: now, details: { name: group.name, vmIds } });
  });

  await notifyGroupChanged(id, true);
}
