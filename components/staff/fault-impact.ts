/**
 * What a site or link fault would hit, as FaultToggle's confirmation counts it: the groups
 * replicating through it and their distinct tenants. Counts only, so the client gets no names.
 */
export function faultImpact(groups: { tenantId: string }[]): { affectedGroups: number; affectedTenants: number } {
  return { affectedGroups: groups.length, affectedTenants: new Set(groups.map((g) => g.tenantId)).size };
}
