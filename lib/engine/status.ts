/**
 * A group's status and the reason in words, as shared/API.md lists them. Precedence: an
 * operation's mode, then faults (paused), then reverse delta sync, initial sync, RPO breach,
 * history cut short, meeting SLA — so when both RPO and history are short, it is rpo-not-met.
 */
import { formatDuration, formatGb } from './format';
import { RPO_BREACH, RPO_WARNING, type GroupState } from './group';
import type { GroupStatus } from './types';

export type StatusContext = {
  siteName: (id: string) => string;
  sourceDown: boolean;
  targetDown: boolean;
  linkDown: boolean;
  membersTotal: number;
  membersSyncing: number;
  continuousWriters: string[];
  /** Why replication is held back (Engine.limitText), or null. */
  limitText?: string | null;
};

export function describeGroup(g: GroupState, ctx: StatusContext, nowMs: number): { status: GroupStatus; subStatus: string | null } {
  const target = ctx.siteName(g.targetSiteId);
  switch (g.mode) {
    case 'testing':
      return { status: 'testing', subStatus: `test failover running in ${target}; production keeps replicating` };
    case 'failing-over':
      return { status: 'failing-over', subStatus: `failing over to ${target}; replication stopped` };
    case 'awaiting-commit':
      return { status: 'awaiting-commit', subStatus: `recovered in ${target}; commit or roll back` };
    case 'failed-over':
      return { status: 'failed-over', subStatus: `running in ${target}; not replicating` };
  }
  const faults: string[] = [];
  if (ctx.sourceDown) faults.push(`site ${ctx.siteName(g.sourceSiteId)} offline`);
  if (ctx.targetDown) faults.push(`site ${target} offline`);
  if (ctx.linkDown) faults.push(`link ${ctx.siteName(g.sourceSiteId)}–${target} down`);
  if (faults.length) return { status: 'paused', subStatus: faults.join('; ') };

  if (g.deltaSync) {
    const total = g.syncLeftMB + syncedSinceStart(g);
    const pct = total > 0 ? Math.floor((100 * (total - g.syncLeftMB)) / total) : 100;
    const over = g.rpoLevel === RPO_BREACH && g.rpoSeconds !== null ? `; ${rpoOverTarget(g.rpoSeconds, g.rpoTargetSeconds)}` : '';
    return { status: 'reverse-replicating', subStatus: `delta sync ${pct}%${over}` };
  }
  if (ctx.membersSyncing > 0) {
    const done = ctx.membersTotal - ctx.membersSyncing;
    const eta = g.syncRate > 1e-6 ? `ETA ${formatDuration(g.syncLeftMB / g.syncRate)}` : 'waiting for bandwidth';
    const total = g.syncLeftMB + syncedSinceStart(g);
    const pct = total > 0 ? Math.floor((100 * (total - g.syncLeftMB)) / total) : 0;
    return { status: 'initialising', subStatus: `initial sync ${done} of ${ctx.membersTotal} VMs, ${pct}%, ${eta}` };
  }
  if (g.rpoLevel === RPO_BREACH && g.rpoSeconds !== null) {
    return { status: 'rpo-not-met', subStatus: withReason(rpoOverTarget(g.rpoSeconds, g.rpoTargetSeconds), ctx) };
  }
  if (g.historyShort) {
    const covered = historyCoveredSeconds(g, nowMs);
    return {
      status: 'history-not-met',
      subStatus: `journal limit ${formatGb(g.limitMB)} holds ${formatDuration(covered)} of ${formatDuration(g.historyMs / 1000)} history`,
    };
  }
  if (g.rpoLevel === RPO_WARNING && g.rpoSeconds !== null) {
    return { status: 'meeting-sla', subStatus: withReason(`RPO ${formatDuration(g.rpoSeconds)}, ${Math.round((100 * g.rpoSeconds) / g.rpoTargetSeconds)}% of target`, ctx) };
  }
  if (ctx.continuousWriters.length) return { status: 'meeting-sla', subStatus: `continuous writer: ${ctx.continuousWriters.join(', ')}` };
  return { status: 'meeting-sla', subStatus: null };
}

const withReason = (text: string, ctx: StatusContext) => (ctx.limitText ? `${text}; ${ctx.limitText}` : text);

const rpoOverTarget = (rpoSeconds: number, targetSeconds: number) => `RPO ${formatDuration(rpoSeconds)} over the ${formatDuration(targetSeconds)} target`;

/** Sync bytes already shipped in the current sync round (for a percentage). */
function syncedSinceStart(g: GroupState): number {
  return Math.max(0, g.syncTotalMB - g.syncLeftMB);
}

export function historyCoveredSeconds(g: GroupState, nowMs: number): number {
  if (g.historyFloorMs === null) return 0;
  const start = Math.max(nowMs - g.historyMs, g.cutMs ?? -Infinity, g.historyFloorMs);
  return Math.max(0, Math.round((nowMs - start) / 1000));
}
