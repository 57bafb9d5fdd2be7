/**
 * What the failover wizard needs in one read: the group and its direction, the recovery plan,
 * both network settings, and the journal at a glance (anchors, marks, extent); the wizard pages
 * through the whole journal with GET /groups/{id}/checkpoints.
 */
import 'server-only';
import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '@/db';
import { checkpoints, operations } from '@/db/schema';
import type { NetworkSettings } from '@/lib/schemas/network';
import { isOpenOperation } from '@/lib/operations/store';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import { iso } from '@/lib/domain/core/clock';
import type { CheckpointDto } from '@/lib/domain/core/dto';
import { isReversed } from '@/lib/domain/groups/group-direction';
import { loadGroupForOperation, loadPlan, siteInfo } from './operation-plan';
import { simulator } from '@/lib/sim/bridge';
import { approvalPolicy } from '@/lib/domain/approvals/gate';

export type FailoverContextDto = {
  now: string;
  group: {
    id: string;
    name: string;
    status: string;
    rpoSeconds: number | null;
    rpoTargetSeconds: number;
    rtoTargetMinutes: number;
    journalHistoryHours: number;
    /** Failed over with reverse protection: a live failover now is a failback. */
    reversed: boolean;
    openOperationId: string | null;
  };
  source: { id: string; name: string; status: string };
  target: { id: string; name: string; status: string };
  plan: { name: string; delayAfterSeconds: number; vms: string[] }[];
  testNetwork: NetworkSettings;
  liveNetwork: NetworkSettings;
  anchors: { latest: CheckpointDto | null; latestApp: CheckpointDto | null; latestTagged: CheckpointDto | null };
  /** Newest first: the app-consistent and tagged checkpoints in the history (the timeline's marks). */
  marks: CheckpointDto[];
  /** Oldest checkpoint inside the configured history: the timeline's left end. */
  oldestTime: string | null;
  /** How many checkpoints the history holds, of every kind. */
  checkpointCount: number;
  /** The tenant requires a second administrator's approval for live failovers, moves and failbacks (issue 17). */
  approvalRequired: boolean;
  approvalTimeoutMinutes: number;
};

const MARK_LIMIT = 300;
const toDto = (r: { id: string; timeMs: number; kind: 'crash' | 'app' | 'tagged'; tag: string | null }): CheckpointDto => ({ id: r.id, time: iso(r.timeMs), kind: r.kind, tag: r.tag });

export async function getFailoverContext(db: Executor, actor: Actor, groupId: string): Promise<FailoverContextDto> {
  authorize(db, actor, 'operation:run', { type: 'protection-group', id: groupId });
  const group = loadGroupForOperation(db, actor, groupId);
  const sim = await simulator();
  const nowMs = sim ? sim.now() : Date.now();
  const since = nowMs - group.journalHistoryHours * 3600_000;
  const cols = { id: checkpoints.id, timeMs: checkpoints.timeMs, kind: checkpoints.kind, tag: checkpoints.tag };
  const inHistory = and(eq(checkpoints.groupId, groupId), gte(checkpoints.timeMs, since));
  const named = db.select(cols).from(checkpoints).where(and(inHistory, inArray(checkpoints.kind, ['app', 'tagged']))).orderBy(desc(checkpoints.timeMs)).limit(MARK_LIMIT).all();
  const latest = db.select(cols).from(checkpoints).where(inHistory).orderBy(desc(checkpoints.timeMs)).limit(1).get();
  const oldest = db.select(cols).from(checkpoints).where(inHistory).orderBy(checkpoints.timeMs).limit(1).get();
  const total = db.select({ n: count() }).from(checkpoints).where(inHistory).get()?.n ?? 0;
  const newest = (kind: 'app' | 'tagged') => {
    const row = named.find((c) => c.kind === kind);
    return row ? toDto(row) : null;
  };
  const policy = approvalPolicy(db, group.tenantId);
  const open = db.select({ id: operations.id }).from(operations).where(and(eq(operations.groupId, groupId), isOpenOperation)).get();
  return {
    now: iso(nowMs),
    group: {
      id: group.id, name: group.name, status: group.status, rpoSeconds: group.rpoSeconds, rpoTargetSeconds: group.rpoTargetSeconds,
      rtoTargetMinutes: group.rtoTargetMinutes, journalHistoryHours: group.journalHistoryHours, reversed: isReversed(db, group),
      openOperationId: open?.id ?? null,
    },
    source: siteInfo(db, group.sourceSiteId),
    target: siteInfo(db, group.targetSiteId),
    plan: loadPlan(db, groupId).map((bg) => ({ name: bg.name, delayAfterSeconds: bg.delayAfterSeconds, vms: bg.vms.map((v) => v.name) })),
    testNetwork: group.testNetwork,
    liveNetwork: group.liveNetwork,
    anchors: { latest: latest ? toDto(latest) : null, latestApp: newest('app'), latestTagged: newest('tagged') },
    marks: named.map(toDto),
    oldestTime: oldest ? iso(oldest.timeMs) : null,
    checkpointCount: total,
    approvalRequired: policy.liveFailoverApproval,
    approvalTimeoutMinutes: policy.approvalTimeoutMinutes,
  };
}
