import type { GroupStatus } from '@/db/schema';
import type { GroupDto, SiteDto } from '@/lib/domain/dto';
import { GROUP_STATUS } from '@/components/ui/status';
import type { Tone } from '@/components/ui/tone';

/** States with no consistent copy to recover from right now (not yet synced, or already failed over). */
const NOT_RECOVERABLE: ReadonlySet<GroupStatus> = new Set(['initialising', 'failing-over', 'awaiting-commit', 'failed-over', 'reverse-replicating']);

export type Finding = { groupId: string; groupName: string; tone: Tone; text: string };

export type ProtectionVerdict = {
  tone: Tone;
  title: string;
  protectedCount: number;
  recoverableCount: number;
  total: number;
  findings: Finding[];
};

/** Why a group cannot fail over right now, or null when it can. */
export function unrecoverableReason(group: GroupDto, sites: SiteDto[]): string | null {
  if (group.vmIds.length === 0) return 'has no VMs';
  if (NOT_RECOVERABLE.has(group.status)) return GROUP_STATUS[group.status].label.toLowerCase();
  const target = sites.find((s) => s.id === group.targetSiteId);
  if (target?.status === 'offline') return `recovery site ${target.name} is offline`;
  return null;
}

/**
 * The dashboard's first answer: are we protected (every group meeting its SLA) and could we
 * recover right now (every group has a copy at a recovery site that is up)? A group can be
 * recoverable without meeting its SLA (its RPO is long, but its checkpoints are there).
 */
export function protectionVerdict(groups: GroupDto[], sites: SiteDto[]): ProtectionVerdict {
  const findings: Finding[] = [];
  let protectedCount = 0;
  let recoverableCount = 0;
  for (const g of groups) {
    const reason = unrecoverableReason(g, sites);
    const meeting = g.status === 'meeting-sla';
    if (meeting) protectedCount += 1;
    if (!reason) recoverableCount += 1;
    if (reason) findings.push({ groupId: g.id, groupName: g.name, tone: 'danger', text: `cannot recover now: ${reason}${g.subStatus ? ` (${g.subStatus})` : ''}` });
    else if (!meeting) findings.push({ groupId: g.id, groupName: g.name, tone: GROUP_STATUS[g.status].tone, text: `${GROUP_STATUS[g.status].label}${g.subStatus ? ` — ${g.subStatus}` : ''}` });
  }
  const total = groups.length;
  const base = { protectedCount, recoverableCount, total, findings };
  if (total === 0) return { ...base, tone: 'neutral', title: 'Nothing is protected yet' };
  if (recoverableCount < total) {
    return { ...base, tone: 'danger', title: `${total - recoverableCount} of ${total} groups could not recover right now` };
  }
  if (protectedCount < total) {
    return { ...base, tone: 'warning', title: `Every group could recover now; ${total - protectedCount} of ${total} not meeting SLA` };
  }
  return { ...base, tone: 'success', title: `Protected: all ${total} groups meet their SLA and could recover now` };
}
