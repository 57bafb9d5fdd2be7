import { recoveryPlanSchema } from '@/lib/schemas/recovery-runs';

/**
 * The plan editor's state and its pure edits. A tier being edited keeps its delay as typed (the
 * schema reads numeric text); `key` is stable across moves (React keys, focus).
 */
export type EditableTier = { key: string; groupIds: string[]; delay: string };
export type EditablePlan = { name: string; description: string; tiers: EditableTier[] };

/** What the saved plan (or a new one) looks like to the editor. */
export type PlanSource = { name: string; description: string | null; tiers: { groupIds: string[]; delayAfterSeconds: number }[] };

let counter = 0;
export const newTierKey = () => `tier-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function editablePlan(source: PlanSource | null): EditablePlan {
  if (!source) return { name: '', description: '', tiers: [{ key: newTierKey(), groupIds: [], delay: '0' }] };
  return {
    name: source.name,
    description: source.description ?? '',
    tiers: source.tiers.map((t) => ({ key: newTierKey(), groupIds: [...t.groupIds], delay: String(t.delayAfterSeconds) })),
  };
}

export const addTier = (tiers: EditableTier[]): EditableTier[] => [...tiers, { key: newTierKey(), groupIds: [], delay: '0' }];

/** Removing a tier frees its groups: they are offered again to the other tiers. */
export const removeTier = (tiers: EditableTier[], index: number): EditableTier[] => tiers.filter((_, i) => i !== index);

export function moveTier(tiers: EditableTier[], index: number, by: -1 | 1): EditableTier[] {
  const to = index + by;
  if (to < 0 || to >= tiers.length) return tiers;
  const next = [...tiers];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** Puts a group at the end of a tier, taking it out of any other: a group appears once. */
export function placeGroup(tiers: EditableTier[], groupId: string, toKey: string): EditableTier[] {
  return tiers.map((t) => ({ ...t, groupIds: t.key === toKey ? [...t.groupIds.filter((g) => g !== groupId), groupId] : t.groupIds.filter((g) => g !== groupId) }));
}

export const removeGroup = (tiers: EditableTier[], groupId: string): EditableTier[] => tiers.map((t) => ({ ...t, groupIds: t.groupIds.filter((g) => g !== groupId) }));

export const setDelay = (tiers: EditableTier[], index: number, delay: string): EditableTier[] => tiers.map((t, i) => (i === index ? { ...t, delay } : t));

/** Groups in none of the tiers: what "Add a group" offers. */
export function unplacedGroups<G extends { id: string }>(groups: G[], tiers: EditableTier[]): G[] {
  const placed = new Set(tiers.flatMap((t) => t.groupIds));
  return groups.filter((g) => !placed.has(g.id));
}

/** The body the API and the server action take. An empty delay is no delay. */
export function planBody(plan: EditablePlan) {
  return {
    name: plan.name,
    description: plan.description,
    tiers: plan.tiers.map((t) => ({ groupIds: t.groupIds, delayAfterSeconds: t.delay.trim() === '' ? undefined : t.delay })),
  };
}

/**
 * The same checks the server makes with the same schema, before the round trip: errors by field
 * path ("tiers.1.delayAfterSeconds"), the first of each field. Whether each group still exists
 * and the name is free, only the server knows.
 */
export function planErrors(plan: EditablePlan): Record<string, string> | null {
  const result = recoveryPlanSchema.safeParse(planBody(plan));
  if (result.success) return null;
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.length ? issue.path.join('.') : '(body)'] ??= issue.message;
  return out;
}
