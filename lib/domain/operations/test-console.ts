/**
 * The simulated console of a test VM while its test runs: a deterministic boot log with the
 * addresses the test gave it, and the VM's application checks in this test (the operation's
 * checks, lib/domain/drills/checks: recorded by a finished drill, else computed now). A VM not
 * (yet, or any longer) up in the test is not found.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, vms } from '@/db/schema';
import { tenantScope } from '@/lib/domain/core/authorize';
import { tenantFilter } from '@/lib/domain/core/scope';
import type { Actor } from '@/lib/core/actor';
import { NotFoundError } from '@/lib/core/errors';
import { bootLog } from '@/lib/network/access';
import type { OperationOptions } from '@/lib/operations/types';
import type { AccessDto } from './operation-dto';
import { parseInput } from '@/lib/domain/core/validate';
import { testConsoleQuerySchema } from '@/lib/schemas/network';
import { getOperation } from './operations';
import { getOperationChecks, type CheckResultDto } from '@/lib/domain/drills/checks';

export type TestConsoleDto = {
  operationId: string;
  groupId: string;
  groupName: string;
  site: string;
  vm: AccessDto & { os: 'linux' | 'windows' };
  upAt: string | null;
  lines: string[];
  /** This VM's application checks in this test: not run until its boot group is up. */
  checks: CheckResultDto[];
  /** The drill (schedule) that started the test, if one did. */
  drill: { scheduleId: string | null; scheduleName: string } | null;
};

/** GET /operations/{id}/console?vmId=: any role of the tenant (404 for another tenant's operation). */
export async function readTestConsole(db: Executor, actor: Actor, operationId: string, query: unknown): Promise<TestConsoleDto> {
  const op = await getOperation(db, actor, operationId);
  const { vmId } = parseInput(testConsoleQuerySchema, query);
  const access = op.testAccess?.find((a) => a.vmId === vmId);
  if (!access) throw new NotFoundError('test VM up in this operation', vmId);
  const vm = db.select({ os: vms.os }).from(vms).where(eq(vms.id, vmId)).get();
  const os = vm?.os ?? 'linux';
  // When its boot group finished: the VM's "up" time in the log.
  // Scoped like the operation itself (getOperation above has already refused another tenant's).
  const options = (db.select({ options: operations.options }).from(operations).where(and(eq(operations.id, op.id), tenantFilter(operations.tenantId, tenantScope(actor)))).get()?.options ?? {}) as Partial<OperationOptions>;
  const plan = options.plan ?? [];
  const bootIndex = plan.findIndex((bg) => bg.vms.some((v) => v.id === vmId));
  const upAt = op.steps.find((s) => s.name.startsWith(`Boot group ${bootIndex + 1}:`))?.finishedAt ?? null;
  const macOf = new Map((options.network?.addresses ?? []).filter((a) => a.vmId === vmId).map((a) => [a.nic, a.mac]));
  const lines = bootLog({
    vmName: access.name, os, kind: 'test', site: op.toSiteName, upAtIso: upAt,
    addresses: access.nics.map((n) => ({ ...n, mac: macOf.get(n.nic) ?? '00:50:56:00:00:00' })),
  });
  const checks = await getOperationChecks(db, actor, op.id);
  return {
    operationId: op.id, groupId: op.groupId, groupName: op.groupName, site: op.toSiteName, vm: { ...access, os }, upAt, lines,
    checks: checks.checks.filter((c) => c.vmId === vmId),
    drill: checks.drill ? { scheduleId: checks.drill.scheduleId, scheduleName: checks.drill.scheduleName } : null,
  };
}
