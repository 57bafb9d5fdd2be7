import type { AttentionDto, DashboardDto } from '@/lib/domain/reports/dashboard';
import { GROUP_STATUS } from '@/components/ui/status';
import type { Tone } from '@/components/ui/tone';

export type Finding = { groupId: string; groupName: string; tone: Tone; text: string };

export type ProtectionVerdict = {
  tone: Tone;
  title: string;
  protectedCount: number;
  recoverableCount: number;
  total: number;
  findings: Finding[];
};

/** Why a group cannot fail over right now, in words. */
function reasonText(a: AttentionDto): string {
  if (a.cannotRecover === 'no-vms') return 'has no VMs';
  if (a.cannotRecover === 'recovery-site-offline') return `recovery site ${a.recoverySiteName ?? ''} is offline`;
  return GROUP_STATUS[a.status].label.toLowerCase();
}

function finding(a: AttentionDto): Finding {
  const base = { groupId: a.groupId, groupName: a.groupName };
  if (a.cannotRecover) return { ...base, tone: 'danger', text: `cannot recover now: ${reasonText(a)}${a.subStatus ? ` (${a.subStatus})` : ''}` };
  const meta = GROUP_STATUS[a.status];
  return { ...base, tone: meta.tone, text: `${meta.label}${a.subStatus ? ` — ${a.subStatus}` : ''}` };
}

/**
 * The dashboard's first answer: are we protected (every group meeting its SLA) and could we
 * recover right now (every group has a copy at a recovery site that is up)? A group can be
 * recoverable without meeting its SLA (its RPO is long, but its checkpoints are there). The
 * server counts (lib/domain/dashboard.ts); this puts the counts into words and colour.
 */
export function protectionVerdict({ groups, attention }: Pick<DashboardDto, 'groups' | 'attention'>): ProtectionVerdict {
  const { total, meetingSla: protectedCount, recoverable: recoverableCount } = groups;
  const base = { protectedCount, recoverableCount, total, findings: attention.items.map(finding) };
  if (total === 0) return { ...base, tone: 'neutral', title: 'Nothing is protected yet' };
  if (recoverableCount < total) {
    return { ...base, tone: 'danger', title: `${total - recoverableCount} of ${total} groups could not recover right now` };
  }
  if (protectedCount < total) {
    return { ...base, tone: 'warning', title: `Every group could recover now; ${total - protectedCount} of ${total} not meeting SLA` };
  }
  return { ...base, tone: 'success', title: `Protected: all ${total} groups meet their SLA and could recover now` };
}
