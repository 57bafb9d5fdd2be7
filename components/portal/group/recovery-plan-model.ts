import type { BootGroupDto } from '@/lib/domain/core/dto';

/** A boot group being edited; `key` is stable across renames and moves (React keys, focus). */
export type EditableBootGroup = { key: string; name: string; delay: string; vmIds: string[] };

let counter = 0;
export const newKey = () => `bg-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function editablePlan(bootGroups: BootGroupDto[]): EditableBootGroup[] {
  return bootGroups.map((b) => ({ key: b.id, name: b.name, delay: String(b.delayAfterSeconds), vmIds: [...b.vmIds] }));
}

export function moveVm(plan: EditableBootGroup[], vmId: string, toKey: string): EditableBootGroup[] {
  return plan.map((b) => ({ ...b, vmIds: b.key === toKey ? [...b.vmIds.filter((v) => v !== vmId), vmId] : b.vmIds.filter((v) => v !== vmId) }));
}

export function moveBootGroup(plan: EditableBootGroup[], index: number, by: -1 | 1): EditableBootGroup[] {
  const to = index + by;
  if (to < 0 || to >= plan.length) return plan;
  const next = [...plan];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** Removing a boot group hands its VMs to a neighbour so no member is left without a place. */
export function removeBootGroup(plan: EditableBootGroup[], index: number): EditableBootGroup[] {
  if (plan.length <= 1) return plan;
  const heir = index === 0 ? 1 : index - 1;
  return plan.map((b, i) => (i === heir ? { ...b, vmIds: [...b.vmIds, ...plan[index].vmIds] } : b)).filter((_, i) => i !== index);
}

export function planBody(plan: EditableBootGroup[]) {
  return { bootGroups: plan.map((b) => ({ name: b.name, delayAfterSeconds: b.delay, vmIds: b.vmIds })) };
}
