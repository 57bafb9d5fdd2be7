import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { bootGroups, groupMembers, protectionGroups, sites, vms } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import type { recoveryPlanSchema } from '@/lib/schemas/groups';
import { ValidationError, type FieldError } from '@/lib/core/errors';

type RecoveryPlan = z.output<typeof recoveryPlanSchema>;
type Requested = { vmId: string; field: string };

/**
 * Why each requested VM may not join the group: it must be the tenant's, run at the group's
 * production site and be in no other group. Unknown and foreign VMs read the same, so a body
 * cannot probe another tenant's ids.
 */
export function memberErrors(
  db: Executor,
  group: { id: string | null; tenantId: string; sourceSiteId: string },
  requested: Requested[],
): FieldError[] {
  if (requested.length === 0) return [];
  const found = new Map(
    db
      .select({ id: vms.id, name: vms.name, siteId: vms.siteId, siteName: sites.name, groupId: groupMembers.groupId, groupName: protectionGroups.name })
      .from(vms)
      .innerJoin(sites, eq(sites.id, vms.siteId))
      .leftJoin(groupMembers, eq(groupMembers.vmId, vms.id))
      .leftJoin(protectionGroups, eq(protectionGroups.id, groupMembers.groupId))
      .where(and(eq(vms.tenantId, group.tenantId), inArray(vms.id, [...new Set(requested.map((r) => r.vmId))])))
      .all()
      .map((v) => [v.id, v]),
  );
  const sourceName = db.select({ name: sites.name }).from(sites).where(eq(sites.id, group.sourceSiteId)).get()?.name ?? group.sourceSiteId;
  const errors: FieldError[] = [];
  for (const { vmId, field } of requested) {
    const vm = found.get(vmId);
    if (!vm) errors.push({ field, message: `No VM with id ${vmId} in your tenant.` });
    else if (vm.siteId !== group.sourceSiteId)
      errors.push({ field, message: `${vm.name} runs at ${vm.siteName}, not at the group's production site ${sourceName}.` });
    else if (vm.groupId && vm.groupId !== group.id)
      errors.push({ field, message: `${vm.name} is already protected by the group "${vm.groupName}"; remove it there first.` });
  }
  return errors;
}

/** The requested members with the body field each came from, for precise error messages. */
export function requestedMembers(vmIds: string[] | undefined, plan: RecoveryPlan | undefined): Requested[] {
  if (vmIds) return vmIds.map((vmId, i) => ({ vmId, field: `vmIds.${i}` }));
  if (!plan) return [];
  return plan.bootGroups.flatMap((bg, i) => bg.vmIds.map((vmId, j) => ({ vmId, field: `recoveryPlan.bootGroups.${i}.vmIds.${j}` })));
}

/** A plan must place every member exactly once and name nothing else. */
function planErrors(db: Executor, plan: RecoveryPlan, members: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  plan.bootGroups.forEach((bg, i) =>
    bg.vmIds.forEach((vmId, j) => {
      if (!members.has(vmId))
        errors.push({ field: `recoveryPlan.bootGroups.${i}.vmIds.${j}`, message: `VM ${vmId} is not a member of this group; add it to vmIds too.` });
    }),
  );
  const planned = new Set(plan.bootGroups.flatMap((bg) => bg.vmIds));
  const missing = [...members].filter((id) => !planned.has(id));
  if (missing.length) {
    const names = db.select({ name: vms.name }).from(vms).where(inArray(vms.id, missing)).all().map((v) => v.name);
    errors.push({ field: 'recoveryPlan.bootGroups', message: `Every member needs a boot group; not placed: ${names.sort().join(', ')}.` });
  }
  return errors;
}

/**
 * Makes the group's members `desired` and, when given, its recovery plan `plan`. New members start
 * an initial sync. Without a plan, new members boot with the last boot group (one is created when
 * the plan is empty), so every member always has a place in the boot order. Throws
 * ValidationError before writing anything.
 */
export function applyMembersAndPlan(db: Executor, groupId: string, desired: string[], plan: RecoveryPlan | undefined, now: Date): void {
  const wanted = new Set(desired);
  if (plan) {
    const errors = planErrors(db, plan, wanted);
    if (errors.length) throw new ValidationError(errors);
  }
  const current = new Set(db.select({ vmId: groupMembers.vmId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).all().map((m) => m.vmId));
  const removed = [...current].filter((id) => !wanted.has(id));
  const added = desired.filter((id) => !current.has(id));

  if (removed.length) db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.vmId, removed))).run();
  if (added.length) {
    db.insert(groupMembers)
      .values(added.map((vmId) => ({ groupId, vmId, syncState: 'syncing' as const, syncProgress: 0, addedAt: now })))
      .run();
  }

  if (plan) {
    db.delete(bootGroups).where(eq(bootGroups.groupId, groupId)).run();
    plan.bootGroups.forEach((bg, position) => {
      const id = newId('bg');
      db.insert(bootGroups).values({ id, groupId, position, name: bg.name, delayAfterSeconds: bg.delayAfterSeconds }).run();
      if (bg.vmIds.length)
        db.update(groupMembers).set({ bootGroupId: id }).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.vmId, bg.vmIds))).run();
    });
  } else if (added.length) {
    const last = db.select({ id: bootGroups.id }).from(bootGroups).where(eq(bootGroups.groupId, groupId)).orderBy(desc(bootGroups.position)).limit(1).get();
    const bootGroupId = last?.id ?? newId('bg');
    if (!last) db.insert(bootGroups).values({ id: bootGroupId, groupId, position: 0, name: 'All VMs', delayAfterSeconds: 0 }).run();
    db.update(groupMembers).set({ bootGroupId }).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.vmId, added))).run();
  }
}
