/**
 * What an operation on a group would work with: the group, its recovery plan with boot times
 * and sizes, and its sites. Whether it is reversed (its next failover is a failback) is
 * lib/domain/groups/group-direction.
 */
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { bootGroups, groupMembers, protectionGroups, sites, vms } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { tenantScope } from '@/lib/domain/core/authorize';
import { groupIdentityColumns, groupInScope } from '@/lib/domain/groups/group-in-scope';

export type GroupForOperation = ReturnType<typeof loadGroupForOperation>;

/** The group if the actor may see it; another tenant's group is "not found" like an unknown id. */
export function loadGroupForOperation(db: Executor, actor: Actor, groupId: string) {
  return groupInScope(tenantScope(actor), groupId, (where) =>
    db
      .select({
        ...groupIdentityColumns,
        rpoSeconds: protectionGroups.rpoSeconds,
        rtoTargetMinutes: protectionGroups.rtoTargetMinutes,
        journalHistoryHours: protectionGroups.journalHistoryHours,
        testNetwork: protectionGroups.testNetwork,
        liveNetwork: protectionGroups.liveNetwork,
        backlogMB: protectionGroups.backlogMB,
      })
      .from(protectionGroups)
      .where(where)
      .get(),
  );
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

export function siteInfo(db: Executor, siteId: string) {
  return db.select({ id: sites.id, name: sites.name, status: sites.status }).from(sites).where(eq(sites.id, siteId)).get() ?? { id: siteId, name: siteId, status: 'offline' as const };
}
