/**
 * Capacity for several groups at once. Each group's own check (operation-capacity) sees what
 * is already running at its recovery site; a run or a site failure claims all of its groups'
 * VMs together, so they are summed per vDC and compared with what that vDC has free.
 */
import type { CapacityDto } from '@/lib/domain/operations/operation-capacity';

export type GroupClaim = { groupId: string; groupName: string; siteId: string; siteName: string; capacity: CapacityDto | null };

export type SiteClaimDto = {
  siteId: string;
  siteName: string;
  vdcId: string | null;
  vdcName: string | null;
  groupIds: string[];
  requiredGhz: number;
  requiredMemoryGb: number;
  availableGhz: number;
  availableMemoryGb: number;
  totalGhz: number;
  totalMemoryGb: number;
  ok: boolean;
  message: string;
};

const round = (n: number) => Math.round(n * 10) / 10;

/** One claim per recovery vDC (or per site where the tenant has none), in first-seen order. */
export function claimsBySite(groups: GroupClaim[]): SiteClaimDto[] {
  const byKey = new Map<string, GroupClaim[]>();
  for (const g of groups) {
    const key = g.capacity ? `vdc:${g.capacity.vdcId}` : `site:${g.siteId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), g]);
  }
  return [...byKey.values()].map((members) => {
    const first = members[0];
    const names = members.map((m) => m.groupName).join(', ');
    const c = first.capacity;
    if (!c) {
      return {
        siteId: first.siteId, siteName: first.siteName, vdcId: null, vdcName: null, groupIds: members.map((m) => m.groupId),
        requiredGhz: 0, requiredMemoryGb: 0, availableGhz: 0, availableMemoryGb: 0, totalGhz: 0, totalMemoryGb: 0, ok: false,
        message: `The tenant has no recovery vDC at ${first.siteName} for ${names}. Ask for one with a service request.`,
      };
    }
    // Each member's "available" excludes only its own open operation; before a run starts none has one, so take the least.
    const availableGhz = Math.min(...members.map((m) => m.capacity!.availableGhz));
    const availableMemoryGb = Math.min(...members.map((m) => m.capacity!.availableMemoryGb));
    const requiredGhz = round(members.reduce((n, m) => n + m.capacity!.requiredGhz, 0));
    const requiredMemoryGb = round(members.reduce((n, m) => n + m.capacity!.requiredMemoryGb, 0));
    const ok = requiredGhz <= availableGhz + 1e-9 && requiredMemoryGb <= availableMemoryGb + 1e-9;
    const need = `${members.length === 1 ? `${names} needs` : `${members.length} groups (${names}) need`} ${requiredGhz} GHz and ${requiredMemoryGb} GB${members.length === 1 ? '' : ' together'}; ${availableGhz} GHz and ${availableMemoryGb} GB free of ${c.totalGhz} GHz and ${c.totalMemoryGb} GB`;
    return {
      siteId: first.siteId, siteName: first.siteName, vdcId: c.vdcId, vdcName: c.vdcName, groupIds: members.map((m) => m.groupId),
      requiredGhz, requiredMemoryGb, availableGhz, availableMemoryGb, totalGhz: c.totalGhz, totalMemoryGb: c.totalMemoryGb, ok,
      message: `${c.vdcName}: ${need}.${ok ? '' : ' Recover fewer groups at once, or ask for more resources with a service request.'}`,
    };
  });
}
