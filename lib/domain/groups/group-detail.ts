import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { bootGroups, groupMembers, operations, protectionGroups, vms } from '@/db/schema';
import type { GroupDetailDto } from '@/lib/domain/core/dto';
import { groupColumns, openOperationJoin, toGroupDto } from './group-rows';
import { isReversed } from './group-direction';
import { groupInScope } from './group-in-scope';
import { vmDiskGb } from '@/lib/domain/inventory/vms';

/** The detail view, also returned by create/update. `scope` null = any tenant. */
export function readGroupDetail(db: Executor, scope: string | null, id: string): GroupDetailDto {
  const row = groupInScope(scope, id, (where) =>
    db
      .select({
        ...groupColumns,
        testNetwork: protectionGroups.testNetwork,
        liveNetwork: protectionGroups.liveNetwork,
        historyCoveredSeconds: protectionGroups.historyCoveredSeconds,
        journalUsedGb: protectionGroups.journalUsedGb,
        journalLimitGb: protectionGroups.journalLimitGb,
        throughputMBps: protectionGroups.throughputMBps,
        wanMBps: protectionGroups.wanMBps,
        backlogMB: protectionGroups.backlogMB,
      })
      .from(protectionGroups)
      .leftJoin(operations, openOperationJoin)
      .where(where)
      .get(),
  );

  const members = db
    .select({
      vmId: groupMembers.vmId,
      name: vms.name,
      os: vms.os,
      diskGb: vmDiskGb,
      syncState: groupMembers.syncState,
      syncProgress: groupMembers.syncProgress,
      agentInstalled: vms.agentInstalled,
      continuousWriter: vms.continuousWriter,
      bootGroupId: groupMembers.bootGroupId,
    })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .where(eq(groupMembers.groupId, id))
    .orderBy(asc(vms.name))
    .all()
    .map((m) => ({ ...m, diskGb: Number(m.diskGb) }));

  const plan = db
    .select({ id: bootGroups.id, name: bootGroups.name, position: bootGroups.position, delayAfterSeconds: bootGroups.delayAfterSeconds })
    .from(bootGroups)
    .where(eq(bootGroups.groupId, id))
    .orderBy(asc(bootGroups.position))
    .all()
    .map((bg) => ({ ...bg, vmIds: members.filter((m) => m.bootGroupId === bg.id).map((m) => m.vmId) }));

  const { testNetwork, liveNetwork, historyCoveredSeconds, journalUsedGb, journalLimitGb, throughputMBps, wanMBps, backlogMB, ...base } = row;
  return {
    ...toGroupDto(base, members.map((m) => m.vmId)),
    reversed: isReversed(db, base),
    members,
    recoveryPlan: { bootGroups: plan },
    testNetwork,
    liveNetwork,
    journal: { historyCoveredSeconds, journalUsedGb, journalLimitGb },
    throughputMBps,
    wanMBps,
    backlogMB,
  };
}
