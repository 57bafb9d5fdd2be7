/**
 * Pre-flight checks of an operation, evaluated the same way for the wizard's read-only review
 * and for the start itself (which refuses with 422 listing each failed check).
 */
import 'server-only';
import { and, desc, eq, lte, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { checkpoints, operations, recoveryRunGroups } from '@/db/schema';
import type { CheckpointKind } from '@/lib/schemas/checkpoints';
import type { OperationType } from '@/lib/schemas/operations';
import { formatDateTime, formatDuration } from '@/lib/format';
import { isOpenOperation } from '@/lib/operations/store';
import { CHECKPOINT_KIND_LABEL } from '@/lib/schemas/checkpoints';
import { GROUP_STATUS_LABEL } from '@/lib/schemas/groups';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/operations';
import { iso } from '@/lib/domain/core/clock';
import type { CheckpointDto } from '@/lib/domain/core/dto';
import { capacityAt, type CapacityDto } from './operation-capacity';
import { isReversed } from '@/lib/domain/groups/group-direction';
import { loadPlan, planVms, siteInfo, type GroupForOperation, type PlanBootGroup } from './operation-plan';

export type PreflightCheckDto = {
  check: 'group-state' | 'no-open-operation' | 'members' | 'synced' | 'target-site' | 'source-site' | 'capacity' | 'checkpoint';
  label: string;
  ok: boolean;
  /** Passed, but worth reading before starting (e.g. the source VMs cannot be shut down). */
  warning?: boolean;
  message: string;
};

export type PreflightDto = {
  groupId: string;
  groupName: string;
  /** What would run: a failover on a reversed group is a failback. */
  type: OperationType;
  fromSiteId: string;
  fromSiteName: string;
  toSiteId: string;
  toSiteName: string;
  sourceSiteOnline: boolean;
  checkpoint: CheckpointDto | null;
  /** Writes lost by recovering to this point, in seconds (0 for a move). */
  dataLossSeconds: number | null;
  capacity: CapacityDto | null;
  vmCount: number;
  bootGroupCount: number;
  rtoTargetMinutes: number;
  openOperationId: string | null;
  /** A recovery run holds the group for one of its later tiers. */
  waitingInRunId: string | null;
  ok: boolean;
  checks: PreflightCheckDto[];
  evaluatedAt: string;
};

export type PreflightResult = PreflightDto & { plan: PlanBootGroup[]; checkpointTimeMs: number | null };
export type RecoveryPoint = { checkpointId?: string; pointInTime?: Date };

type CheckpointRow = { id: string; timeMs: number; kind: CheckpointKind; tag: string | null };

const HOUR = 3600_000;
/** "1 May 2030, 09:00:05 UTC": these messages are read by people, in the portal's own forms. */
const fmtTime = (ms: number) => formatDateTime(ms, { seconds: true });
const history = (hours: number) => formatDuration(hours * 3600);

function findCheckpoint(db: Executor, groupId: string, point: RecoveryPoint): CheckpointRow | undefined {
  const cols = { id: checkpoints.id, timeMs: checkpoints.timeMs, kind: checkpoints.kind, tag: checkpoints.tag };
  if (point.checkpointId) return db.select(cols).from(checkpoints).where(and(eq(checkpoints.groupId, groupId), eq(checkpoints.id, point.checkpointId))).get();
  return db
    .select(cols)
    .from(checkpoints)
    .where(and(eq(checkpoints.groupId, groupId), point.pointInTime ? lte(checkpoints.timeMs, point.pointInTime.getTime()) : undefined))
    .orderBy(desc(checkpoints.timeMs))
    .limit(1)
    .get();
}

function checkpointCheck(db: Executor, group: GroupForOperation, type: OperationType, point: RecoveryPoint, nowMs: number) {
  const label = 'Recovery point inside the journal';
  if (type === 'move') {
    return { cp: undefined, check: { check: 'checkpoint', label, ok: true, message: 'A clean checkpoint is taken after the final sync: no data loss.' } as PreflightCheckDto };
  }
  const fail = (message: string) => ({ cp: undefined, check: { check: 'checkpoint', label, ok: false, message } as PreflightCheckDto });
  if (point.pointInTime && point.pointInTime.getTime() > nowMs) return fail(`The point in time ${fmtTime(point.pointInTime.getTime())} is in the future.`);
  const cp = findCheckpoint(db, group.id, point);
  if (!cp) {
    if (point.checkpointId) return fail(`The chosen checkpoint (${point.checkpointId}) is not in this group's journal: it may have aged out of the history.`);
    if (point.pointInTime) return fail(`The journal has no checkpoint at or before ${fmtTime(point.pointInTime.getTime())}.`);
    return fail('The journal has no checkpoint yet.');
  }
  const oldest = nowMs - group.journalHistoryHours * HOUR;
  if (cp.timeMs < oldest) return fail(`Checkpoint ${fmtTime(cp.timeMs)} is older than the journal history of ${history(group.journalHistoryHours)}.`);
  return {
    cp,
    check: { check: 'checkpoint', label, ok: true, message: `Checkpoint ${fmtTime(cp.timeMs)} (${CHECKPOINT_KIND_LABEL[cp.kind]}${cp.tag ? `, "${cp.tag}"` : ''}), ${formatDuration((nowMs - cp.timeMs) / 1000)} old, inside the ${history(group.journalHistoryHours)} history.` } as PreflightCheckDto,
  };
}

function groupStateCheck(group: GroupForOperation, type: OperationType, reversed: boolean): PreflightCheckDto {
  const label = 'Group can run this operation';
  if (group.status === 'failed-over') {
    return { check: 'group-state', label, ok: false, message: 'The group is failed over without reverse protection and does not replicate: configure its protection again first.' };
  }
  if (type === 'failback' && !reversed) {
    return { check: 'group-state', label, ok: false, message: 'Nothing to fail back: the group has not been failed over with reverse protection.' };
  }
  return { check: 'group-state', label, ok: true, message: type === 'failback' ? 'The group was failed over and reversed: this returns it home.' : `The group is ready (${GROUP_STATUS_LABEL[group.status]}).` };
}

/**
 * Evaluates every check; never throws for a failed check (the caller decides). `forRunId`: a
 * run starting its own waiting group (its claim on the group is not a conflict).
 */
export function evaluatePreflight(db: Executor, group: GroupForOperation, requested: OperationType, point: RecoveryPoint, nowMs: number, forRunId?: string): PreflightResult {
  const reversed = isReversed(db, group);
  const type: OperationType = requested === 'failover' && reversed ? 'failback' : requested;
  const from = siteInfo(db, group.sourceSiteId);
  const to = siteInfo(db, group.targetSiteId);
  const plan = loadPlan(db, group.id);
  const members = planVms(plan);
  const open = db
    .select({ id: operations.id, type: operations.type, status: operations.status })
    .from(operations)
    .where(and(eq(operations.groupId, group.id), isOpenOperation))
    .get();
  const waiting = db
    .select({ runId: recoveryRunGroups.runId })
    .from(recoveryRunGroups)
    .where(and(eq(recoveryRunGroups.groupId, group.id), eq(recoveryRunGroups.state, 'waiting'), forRunId ? ne(recoveryRunGroups.runId, forRunId) : undefined))
    .get();
  const capacity = capacityAt(db, { tenantId: group.tenantId, groupId: group.id, siteId: to.id, type, vmIds: members.map((m) => m.id) });
  const { cp, check: cpCheck } = checkpointCheck(db, group, type, point, nowMs);
  const syncing = members.filter((m) => !m.synced).length;
  const sourceOnline = from.status !== 'offline';

  const checks: PreflightCheckDto[] = [
    groupStateCheck(group, type, reversed),
    open
      ? { check: 'no-open-operation', label: 'No other operation on the group', ok: false, message: `A ${OPERATION_TYPE_LABEL[open.type].toLowerCase()} is already open on this group; another can start once it has ended.` }
      : waiting
        ? { check: 'no-open-operation', label: 'No other operation on the group', ok: false, message: 'A recovery run holds this group for one of its later tiers; act on it in that run.' }
        : { check: 'no-open-operation', label: 'No other operation on the group', ok: true, message: 'No other operation is open on the group.' },
    { check: 'members', label: 'Group has VMs', ok: members.length > 0, message: members.length ? `${members.length} VMs in ${plan.length} boot group(s).` : 'The group has no VMs to recover.' },
    {
      check: 'synced', label: 'Initial sync finished', ok: syncing === 0,
      message: syncing ? `${syncing} of ${members.length} VMs are still in their initial sync.` : 'Every VM is synced.',
    },
    {
      check: 'target-site', label: 'Target site online', ok: to.status !== 'offline', warning: to.status === 'degraded',
      message: to.status === 'offline' ? `Target site ${to.name} is offline.` : to.status === 'degraded' ? `Target site ${to.name} is degraded.` : `Target site ${to.name} is online.`,
    },
    sourceCheck(type, from.name, sourceOnline),
    capacityCheck(capacity, to.name),
    cpCheck,
  ];
  const dataLossSeconds = type === 'move' ? 0 : cp ? (!point.checkpointId && !point.pointInTime && group.rpoSeconds !== null ? group.rpoSeconds : Math.max(0, (nowMs - cp.timeMs) / 1000)) : null;
  return {
    groupId: group.id, groupName: group.name, type,
    fromSiteId: from.id, fromSiteName: from.name, toSiteId: to.id, toSiteName: to.name, sourceSiteOnline: sourceOnline,
    checkpoint: cp ? { id: cp.id, time: iso(cp.timeMs), kind: cp.kind, tag: cp.tag } : null,
    dataLossSeconds, capacity, vmCount: members.length, bootGroupCount: plan.length, rtoTargetMinutes: group.rtoTargetMinutes,
    openOperationId: open?.id ?? null, waitingInRunId: waiting?.runId ?? null,
    ok: checks.every((c) => c.ok), checks, evaluatedAt: iso(nowMs), plan, checkpointTimeMs: cp?.timeMs ?? null,
  };
}

function sourceCheck(type: OperationType, name: string, online: boolean): PreflightCheckDto {
  const label = 'Source site';
  if (type === 'move') {
    return { check: 'source-site', label, ok: online, message: online ? `Source site ${name} is reachable: its VMs can be shut down and synced.` : `Source site ${name} is offline: a move needs it (use a live failover instead).` };
  }
  if (type === 'test-failover') return { check: 'source-site', label, ok: true, message: `Production at ${name} keeps running and replicating.` };
  return online
    ? { check: 'source-site', label, ok: true, message: `Source site ${name} is reachable: its VMs can be shut down.` }
    : { check: 'source-site', label, ok: true, warning: true, message: `Source site ${name} is offline: the failover still works, the shutdown of source VMs is skipped.` };
}

function capacityCheck(c: CapacityDto | null, siteName: string): PreflightCheckDto {
  const label = 'Recovery capacity';
  if (!c) return { check: 'capacity', label, ok: false, message: `The tenant has no recovery vDC at ${siteName}.` };
  const ok = c.requiredGhz <= c.availableGhz + 1e-9 && c.requiredMemoryGb <= c.availableMemoryGb + 1e-9;
  const need = `needs ${c.requiredGhz} GHz and ${c.requiredMemoryGb} GB; ${c.availableGhz} GHz and ${c.availableMemoryGb} GB free of ${c.totalGhz} GHz and ${c.totalMemoryGb} GB`;
  return { check: 'capacity', label, ok, message: `${c.vdcName}: ${need}.${ok ? '' : ' Ask for more resources with a service request.'}` };
}
