/**
 * What an operation on a group would work with: the group, its recovery plan with boot times
 * and sizes, the direction, and whether it is reversed (failed over with reverse protection,
 * so its next failover is a failback).
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { bootGroups, groupMembers, operations, protectionGroups, sites, vms } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';
import type { Actor } from '@/lib/core/actor';
import { tenantScope } from '@/lib/domain/core/authorize';
import { NotFoundError } from '@/lib/core/errors';
import { tenantFilter } from '@/lib/domain/core/scope';

export type GroupForOperation = NonNullable<ReturnType<typeof selectGroup>>;

function selectGroup(db: Executor, scope: string | null, groupId: string) {
  return db
    .select({
      id: protectionGroups.id,
      tenantId: protectionGroups.tenantId,
      name: protectionGroups.name,
      status: protectionGroups.status,
      sourceSiteId: protectionGroups.sourceSiteId,
      targetSiteId: protectionGroups.targetSiteId,
      rpoSeconds: protectionGroups.rpoSeconds,
      rpoTargetSeconds: protectionGroups.rpoTargetSeconds,
      rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
      journalHistoryHours: protectionGroups.journalHistoryHours,
      testNetwork: protectionGroups.testNetwork,
      liveNetwork: protectionGroups.liveNetwork,
      backlogMB: protectionGroups.backlogMB,
    })
    .from(protectionGroups)
    .where(and(eq(protectionGroups.id, groupId), tenantFilter(protectionGroups.tenantId, scope)))
    .get();
}

/** The group if the actor may see it; another tenant's group is "not found" like an unknown id. */
export function loadGroupForOperation(db: Executor, actor: Actor, groupId: string): GroupForOperation {
  const group = selectGroup(db, tenantScope(actor), groupId);
  if (!group) throw new NotFoundError('protection group', groupId);
  return group;
}

export type PlanVm = { id: string; name: string; bootSeconds: number; cpuGhz: number; memoryGb: number; synced: boolean };
export type PlanBootGroup = { name: string; delayAfterSeconds: number; vms: PlanVm[] };

/**
 * The recovery plan in boot order. Members outside any boot group start last, together, so a
 * plan that forgot a VM still recovers it.
 */
export function loadPlan(db: Executor, groupId: string): PlanBootGroup[] {
  const groups = db
    .select({ id: bootGroups.id, name: bootGroups.name, delayAfterSeconds: bootGroups.delayAfterSeconds })
    .from(bootGroups)
    .where(eq(bootGroups.groupId, groupId))
    .orderBy(asc(bootGroups.position))
    .all();
  const members = db
    .select({
      id: vms.id, name: vms.name, bootSeconds: vms.bootSeconds, cpuGhz: vms.cpuGhz, memoryGb: vms.memoryGb,
      syncState: groupMembers.syncState, bootGroupId: groupMembers.bootGroupId,
    })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(vms.name))
    .all();
  const toVm = (m: (typeof members)[number]): PlanVm => ({
    id: m.id, name: m.name, bootSeconds: m.bootSeconds, cpuGhz: m.cpuGhz, memoryGb: m.memoryGb, synced: m.syncState === 'synced',
  });
  const plan: PlanBootGroup[] = groups
    .map((g) => ({ name: g.name, delayAfterSeconds: g.delayAfterSeconds, vms: members.filter((m) => m.bootGroupId === g.id).map(toVm) }))
    .filter((g) => g.vms.length > 0);
  const known = new Set(groups.map((g) => g.id));
  const loose = members.filter((m) => !m.bootGroupId || !known.has(m.bootGroupId)).map(toVm);
  if (loose.length) plan.push({ name: plan.length ? 'VMs outside the plan' : 'All VMs', delayAfterSeconds: 0, vms: loose });
  return plan;
}

export const planVms = (plan: PlanBootGroup[]) => plan.flatMap((g) => g.vms);

export type LastRecovery = { id: string; type: OperationType; toSiteId: string; reverseProtection: boolean };

/** The latest committed failover/move/failback of each group of a tenant (tests left out). */
export function lastRecoveries(db: Executor, tenantId: string, groupId?: string): Map<string, LastRecovery> {
  const rows = db
    .select({ id: operations.id, groupId: operations.groupId, type: operations.type, toSiteId: operations.toSiteId, options: operations.options })
    .from(operations)
    .where(
      and(
        eq(operations.tenantId, tenantId),
        groupId ? eq(operations.groupId, groupId) : undefined,
        eq(operations.status, 'completed'),
        ne(operations.type, 'test-failover'),
      ),
    )
    .orderBy(desc(operations.startedAt))
    .all();
  const latest = new Map<string, LastRecovery>();
  for (const r of rows) {
    if (latest.has(r.groupId)) continue;
    latest.set(r.groupId, { id: r.id, type: r.type, toSiteId: r.toSiteId, reverseProtection: r.options?.reverseProtection === true });
  }
  return latest;
}

/**
 * Reversed = the last committed failover or move reversed protection and the group still
 * replicates from where it landed: its next failover goes home, a failback.
 */
export function isReversed(db: Executor, group: Pick<GroupForOperation, 'id' | 'tenantId' | 'sourceSiteId'>): boolean {
  const last = lastRecoveries(db, group.tenantId, group.id).get(group.id);
  return !!last && last.type !== 'failback' && last.reverseProtection && group.sourceSiteId === last.toSiteId;
}

export function siteInfo(db: Executor, siteId: string) {
  return db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).where(eq(sites.id, siteId)).get() ?? { id: siteId, name: siteId, status: 'offline' as const };
}
