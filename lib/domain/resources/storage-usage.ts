/**
 * Storage counted at a recovery site: each group's replica + journal against the tenant's
 * recovery vDC there, and the same plus the production disks running there against the
 * tenant's dedicated volume at the site. Refuses (422) a group that would not fit.
 */
import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { groupMembers, protectionGroups, storageVolumes, vdcs, vmDisks, vms } from '@/db/schema';
import { DomainError } from '@/lib/core/errors';
import { checkStorage, groupStorage, type GroupStorage, type StorageCheck, type StoragePool } from './storage-math';

type GroupShape = { journalHistoryHours: number; journalLimitGb: number };

/** Replica + journal of a group with these members and journal settings. */
export function storageOfMembers(db: Executor, vmIds: string[], g: GroupShape): GroupStorage {
  const ids = [...new Set(vmIds)];
  const disks = ids.length ? db.select({ size: vmDisks.sizeGb }).from(vmDisks).where(inArray(vmDisks.vmId, ids)).all().map((d) => d.size) : [];
  const writes = ids.length ? db.select({ w: vms.writeMeanMBps }).from(vms).where(inArray(vms.id, ids)).all().map((v) => v.w) : [];
  return groupStorage({ diskGb: disks, writeMeanMBps: writes, journalHistoryHours: g.journalHistoryHours, journalLimitGb: g.journalLimitGb });
}

/**
 * Storage of every group of the tenant, by group id, with its target site. Three queries whatever
 * the number of groups (the groups, their members' write rates, their members' disks), each
 * group's figures summed in the order storageOfMembers reads them (by VM id).
 */
export function groupsStorage(db: Executor, tenantId: string): Map<string, GroupStorage & { targetSiteId: string; name: string }> {
  const groups = db.select().from(protectionGroups).where(eq(protectionGroups.tenantId, tenantId)).all();
  const ofTenant = and(eq(groupMembers.groupId, protectionGroups.id), eq(protectionGroups.tenantId, tenantId));
  const members = groups.length
    ? db.select({ groupId: groupMembers.groupId, vmId: vms.id, w: vms.writeMeanMBps }).from(groupMembers).innerJoin(protectionGroups, ofTenant).innerJoin(vms, eq(vms.id, groupMembers.vmId)).orderBy(asc(vms.id)).all()
    : [];
  const disks = members.length
    ? db.select({ groupId: groupMembers.groupId, size: vmDisks.sizeGb }).from(vmDisks).innerJoin(groupMembers, eq(groupMembers.vmId, vmDisks.vmId)).innerJoin(protectionGroups, ofTenant).orderBy(asc(vmDisks.vmId)).all()
    : [];
  const writesOf = new Map<string, number[]>();
  const disksOf = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, value: number) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  for (const m of members) push(writesOf, m.groupId, m.w);
  for (const d of disks) push(disksOf, d.groupId, d.size);
  return new Map(
    groups.map((g) => [
      g.id,
      {
        ...groupStorage({ diskGb: disksOf.get(g.id) ?? [], writeMeanMBps: writesOf.get(g.id) ?? [], journalHistoryHours: g.journalHistoryHours, journalLimitGb: g.journalLimitGb }),
        targetSiteId: g.targetSiteId,
        name: g.name,
      },
    ]),
  );
}

/** Production disks of the tenant's VMs running at the site (they sit on the same volume). */
export function productionDisksGb(db: Executor, tenantId: string, siteId: string): number {
  return db
    .select({ size: vmDisks.sizeGb })
    .from(vmDisks)
    .innerJoin(vms, eq(vms.id, vmDisks.vmId))
    .where(and(eq(vms.tenantId, tenantId), eq(vms.siteId, siteId)))
    .all()
    .reduce((a, d) => a + d.size, 0);
}

/** The recovery vDC and the volume of the tenant at the site, with what is used there without `excludeGroupId`. */
export function storagePoolsAt(db: Executor, tenantId: string, siteId: string, excludeGroupId: string | null, storage = groupsStorage(db, tenantId)): StoragePool[] {
  const groups = [...storage].filter(([id, g]) => id !== excludeGroupId && g.targetSiteId === siteId);
  const groupsGb = groups.reduce((a, [, g]) => a + g.totalGb, 0);
  const pools: StoragePool[] = [];
  const vdc = db.select().from(vdcs).where(and(eq(vdcs.tenantId, tenantId), eq(vdcs.siteId, siteId), eq(vdcs.kind, 'recovery'))).get();
  if (vdc) pools.push({ kind: 'vdc', id: vdc.id, name: vdc.name, capacityGb: vdc.storageGb, usedGb: groupsGb });
  const volume = db.select().from(storageVolumes).where(and(eq(storageVolumes.tenantId, tenantId), eq(storageVolumes.siteId, siteId))).get();
  if (volume) pools.push({ kind: 'volume', id: volume.id, name: volume.name, capacityGb: volume.sizeGb, usedGb: groupsGb + productionDisksGb(db, tenantId, siteId) });
  return pools;
}

/** 422: the group's replica and journal do not fit at its recovery site. */
export class StorageLimitError extends DomainError {
  constructor(readonly checks: StorageCheck[]) {
    super(
      422,
      'Not enough storage at the recovery site',
      `${checks.map((c) => c.message).join(' ')} Protect fewer VMs, shorten the journal history or lower its limit, or ask for more storage with a service request.`,
      { storage: checks },
    );
  }
}

/**
 * Refuses a group whose replica + journal (`after`) would not fit next to the other groups at
 * its recovery site. A change that does not grow the group (`before` ≥ `after`) is never refused,
 * so a site already over its limit can still be tidied up.
 */
export function assertStorageFits(
  db: Executor,
  input: { tenantId: string; groupId: string | null; groupName: string; targetSiteId: string; after: GroupStorage; before?: GroupStorage },
): void {
  if (input.before && input.after.totalGb <= input.before.totalGb + 1e-9) return;
  const failed = checkStorage(input.groupName, input.after.totalGb, storagePoolsAt(db, input.tenantId, input.targetSiteId, input.groupId)).filter((c) => !c.ok);
  if (failed.length) throw new StorageLimitError(failed);
}

export type GroupStorageDto = GroupStorage & {
  /** Where it is counted, with everything there (this group included). */
  pools: { kind: 'vdc' | 'volume'; id: string; name: string; capacityGb: number; usedGb: number; groupGb: number }[];
};

/** The group's replica + journal and the vDC and volume at its recovery site (the group page). The caller has scoped the group. */
export function groupStorageAt(db: Executor, group: { id: string; tenantId: string; targetSiteId: string }): GroupStorageDto {
  const storage = groupsStorage(db, group.tenantId);
  const mine = storage.get(group.id) ?? { replicaGb: 0, journalGb: 0, totalGb: 0 };
  const pools = storagePoolsAt(db, group.tenantId, group.targetSiteId, group.id, storage).map((p) => ({
    kind: p.kind, id: p.id, name: p.name, capacityGb: p.capacityGb, usedGb: Math.round((p.usedGb + mine.totalGb) * 10) / 10, groupGb: mine.totalGb,
  }));
  return { replicaGb: mine.replicaGb, journalGb: mine.journalGb, totalGb: mine.totalGb, pools };
}
