/**
 * Application checks of test VMs (issue 17): each VM's table of checks (a guest heartbeat when
 * none is set), the staff's forced failures (fault injection, audited), and the results of an
 * operation's checks, decided by the pure simulator rule (lib/engine/app-checks) at the time
 * each VM's boot group came up.
 */
import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { appCheckFaults, operations, testDrillOperations, testDrills, vmAppChecks, vms, type DrillCheckRecord } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { appCheckOutcome, targetOf } from '@/lib/engine/app-checks';
import { newId } from '@/lib/ids';
import { checkFaultSchema, type AppCheckKind } from '@/lib/schemas/test-schedules';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { iso, isoOrNull, simNow } from '@/lib/domain/core/clock';
import { parseBody } from '@/lib/domain/core/input';
import { tenantFilter } from '@/lib/domain/core/scope';
import { readOperationDtos } from '@/lib/domain/operations/operation-dto';
import { recoveredVms } from '@/lib/domain/reports/recovery-report';

export type AppCheck = { id: string; vmId: string; kind: AppCheckKind; name: string; params: Record<string, string | number>; target: string };
export type AppCheckDto = AppCheck & { forced: boolean };
export type CheckResultDto = Omit<DrillCheckRecord, 'atMs'> & { at: string | null };
export type VmChecksDto = { vmId: string; vmName: string; checks: AppCheckDto[]; faults: { id: string; checkId: string | null; reason: string | null; createdBy: string; createdAt: string }[] };

/** The default when a VM has no checks of its own: the guest heartbeat every VM has. */
const heartbeat = (vmId: string): AppCheck => ({ id: `hb_${vmId}`.slice(0, 64), vmId, kind: 'heartbeat', name: 'Guest heartbeat', params: {}, target: targetOf('heartbeat', {}) });

export function checksOfVms(db: Executor, vmIds: string[]): Map<string, AppCheck[]> {
  const out = new Map<string, AppCheck[]>(vmIds.map((id) => [id, []]));
  if (!vmIds.length) return out;
  const rows = db.select().from(vmAppChecks).where(inArray(vmAppChecks.vmId, vmIds)).orderBy(asc(vmAppChecks.createdAt), asc(vmAppChecks.id)).all();
  for (const r of rows) out.get(r.vmId)?.push({ id: r.id, vmId: r.vmId, kind: r.kind, name: r.name, params: r.params, target: targetOf(r.kind, r.params) });
  for (const [id, list] of out) if (!list.length) list.push(heartbeat(id));
  return out;
}

/** "vmId:*" for every check of a VM, "vmId:checkId" for one. */
function faultKeys(db: Executor, vmIds: string[]): Set<string> {
  if (!vmIds.length) return new Set();
  const rows = db.select({ vmId: appCheckFaults.vmId, checkId: appCheckFaults.checkId }).from(appCheckFaults).where(inArray(appCheckFaults.vmId, vmIds)).all();
  return new Set(rows.map((r) => `${r.vmId}:${r.checkId ?? '*'}`));
}
const isForced = (keys: Set<string>, c: AppCheck) => keys.has(`${c.vmId}:*`) || keys.has(`${c.vmId}:${c.id}`);

/**
 * The checks of one operation's VMs, run when each VM was up (its boot group's start plus its
 * boot time). A VM not up (yet, or ever) has its checks "not run", which fails them.
 */
export function operationCheckResults(db: Executor, operationId: string, nowMs: number): DrillCheckRecord[] {
  const [op] = readOperationDtos(db, eq(operations.id, operationId), nowMs);
  if (!op || op.type !== 'test-failover') return [];
  const options = db.select({ options: operations.options }).from(operations).where(eq(operations.id, operationId)).get()?.options;
  const upVms = recoveredVms(op, options);
  const checks = checksOfVms(db, upVms.map((v) => v.vmId));
  const forced = faultKeys(db, upVms.map((v) => v.vmId));
  // A boot group is up when its last VM is: its VMs' checks run then.
  const groupUp = new Map<string, number | null>();
  for (const vm of upVms) {
    const up = vm.upAt ? Date.parse(vm.upAt) : null;
    const prev = groupUp.get(vm.bootGroup);
    groupUp.set(vm.bootGroup, prev === undefined ? up : prev === null || up === null ? null : Math.max(prev, up));
  }
  return upVms.flatMap((vm) => {
    const atMs = groupUp.get(vm.bootGroup) ?? null;
    const ran = atMs !== null && atMs <= nowMs ? atMs : null;
    return (checks.get(vm.vmId) ?? []).map((c) => {
      const f = isForced(forced, c);
      const out = appCheckOutcome({ operationId, checkId: c.id, kind: c.kind, params: c.params, atMs: ran, forced: f });
      return { groupId: op.groupId, operationId, vmId: vm.vmId, vmName: vm.name, checkId: c.id, kind: c.kind, name: c.name, target: c.target, ok: out.ok, detail: out.detail, atMs: ran, forced: f };
    });
  });
}

export const checkResultDto = (r: DrillCheckRecord): CheckResultDto => {
  const { atMs, ...rest } = r;
  return { ...rest, at: isoOrNull(atMs) };
};

/** The drill an operation belongs to, if a schedule started it. */
export function drillOfOperation(db: Executor, operationId: string) {
  return db.select({ drill: testDrills }).from(testDrillOperations).innerJoin(testDrills, eq(testDrills.id, testDrillOperations.drillId))
    .where(eq(testDrillOperations.operationId, operationId)).get()?.drill ?? null;
}

export type OperationChecksDto = {
  operationId: string;
  /** Set when a scheduled drill started the operation. */
  drill: { id: string; scheduleId: string | null; scheduleName: string; status: string; result: string | null; endsAt: string; reason: string | null } | null;
  /** Recorded when the drill stopped; computed now for a test still running or one started by a person. */
  checks: CheckResultDto[];
  recorded: boolean;
};

/** GET /operations/{id}/app-checks: the application checks of a test failover's VMs. */
export async function getOperationChecks(db: Executor, actor: Actor, operationId: string): Promise<OperationChecksDto> {
  authorize(db, actor, 'tenant:read', { type: 'operation', id: operationId });
  const op = db.select({ id: operations.id, type: operations.type }).from(operations)
    .where(and(eq(operations.id, operationId), tenantFilter(operations.tenantId, tenantScope(actor)))).get();
  if (!op) throw new NotFoundError('operation', operationId);
  const drill = drillOfOperation(db, operationId);
  const recorded = drill?.checks.filter((c) => c.operationId === operationId) ?? [];
  const useRecorded = !!drill && drill.status === 'finished' && recorded.length > 0;
  const checks = useRecorded ? recorded : op.type === 'test-failover' ? operationCheckResults(db, operationId, await simNow()) : [];
  return {
    operationId,
    drill: drill ? { id: drill.id, scheduleId: drill.scheduleId, scheduleName: drill.scheduleName, status: drill.status, result: drill.result, endsAt: iso(drill.endsAt), reason: drill.reason } : null,
    checks: checks.map(checkResultDto),
    recorded: useRecorded,
  };
}

// ---------------------------------------------------------------------------------------------
// A VM's checks and fault injection

function vmInScope(db: Executor, actor: Actor, vmId: string) {
  const vm = db.select({ id: vms.id, name: vms.name, tenantId: vms.tenantId }).from(vms)
    .where(and(eq(vms.id, vmId), tenantFilter(vms.tenantId, tenantScope(actor)))).get();
  if (!vm) throw new NotFoundError('VM', vmId);
  return vm;
}

function readVmChecks(db: Executor, vm: { id: string; name: string }): VmChecksDto {
  const checks = checksOfVms(db, [vm.id]).get(vm.id) ?? [];
  const keys = faultKeys(db, [vm.id]);
  const faults = db.select().from(appCheckFaults).where(eq(appCheckFaults.vmId, vm.id)).orderBy(asc(appCheckFaults.createdAt)).all();
  return {
    vmId: vm.id, vmName: vm.name,
    checks: checks.map((c) => ({ ...c, forced: isForced(keys, c) })),
    faults: faults.map((f) => ({ id: f.id, checkId: f.checkId, reason: f.reason, createdBy: f.createdBy, createdAt: iso(f.createdAt) })),
  };
}

/** GET /vms/{id}/app-checks (any role of the tenant; staff any). */
export async function getVmChecks(db: Executor, actor: Actor, vmId: string): Promise<VmChecksDto> {
  authorize(db, actor, 'tenant:read', { type: 'vm', id: vmId });
  return readVmChecks(db, vmInScope(db, actor, vmId));
}

/** POST /vms/{id}/check-faults (staff): force a check, or all the VM's checks, to fail until cleared. */
export async function forceCheckFailure(db: DB, actor: Actor, vmId: string, input: unknown): Promise<VmChecksDto> {
  authorize(db, actor, 'tenants:manage', { type: 'vm', id: vmId });
  const vm = vmInScope(db, actor, vmId);
  const data = parseBody(checkFaultSchema, input);
  const now = await simNow();
  return db.transaction((tx) => {
    if (data.checkId && !(checksOfVms(tx, [vm.id]).get(vm.id) ?? []).some((c) => c.id === data.checkId)) {
      throw new ValidationError([{ field: 'checkId', message: `The VM ${vm.name} has no check ${data.checkId}.` }]);
    }
    const id = newId('flt');
    tx.insert(appCheckFaults).values({ id, tenantId: vm.tenantId, vmId: vm.id, checkId: data.checkId ?? null, reason: data.reason || null, createdBy: actor.email, createdAt: new Date(now) }).run();
    audit(tx, actor, {
      action: 'app-check.fault-inject', tenantId: vm.tenantId, targetType: 'vm', targetId: vm.id, simulatedTime: now,
      details: { faultId: id, checkId: data.checkId ?? null, reason: data.reason ?? null },
    });
    return readVmChecks(tx, vm);
  });
}

/** DELETE /vms/{id}/check-faults[?checkId=] (staff): the checks pass or fail on their own again. */
export async function clearCheckFaults(db: DB, actor: Actor, vmId: string, query: { checkId?: string } = {}): Promise<VmChecksDto> {
  authorize(db, actor, 'tenants:manage', { type: 'vm', id: vmId });
  const vm = vmInScope(db, actor, vmId);
  const now = await simNow();
  return db.transaction((tx) => {
    const where = and(eq(appCheckFaults.vmId, vm.id), query.checkId ? eq(appCheckFaults.checkId, query.checkId) : undefined);
    const removed = tx.delete(appCheckFaults).where(where).returning({ id: appCheckFaults.id }).all();
    audit(tx, actor, {
      action: 'app-check.fault-clear', tenantId: vm.tenantId, targetType: 'vm', targetId: vm.id, simulatedTime: now,
      details: { checkId: query.checkId ?? null, removed: removed.length },
    });
    return readVmChecks(tx, vm);
  });
}

/** The VMs of a tenant with their checks, for the staff's fault-injection panel (staff only). */
export async function listTenantVmChecks(db: Executor, actor: Actor, tenantId: string): Promise<VmChecksDto[]> {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  const rows = db.select({ id: vms.id, name: vms.name }).from(vms).where(eq(vms.tenantId, tenantId)).orderBy(asc(vms.name)).all();
  return rows.map((vm) => readVmChecks(db, vm));
}
