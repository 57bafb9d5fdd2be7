/**
 * Recovery capacity: what a vDC of the tenant at the target site has left for the group's VMs,
 * after what other running test/recovered VMs of the tenant already hold there.
 */
import 'server-only';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '@/db';
import { groupMembers, operations, vdcs, vms } from '@/db/schema';
import type { OperationType } from '@/lib/schemas/operations';
import { isOpenOperation } from '@/lib/operations/store';
import { lastRecoveries } from '@/lib/domain/groups/group-direction';

export type CapacityDto = {
  vdcId: string;
  vdcName: string;
  vdcKind: 'production' | 'recovery';
  requiredGhz: number;
  requiredMemoryGb: number;
  /** The vDC's reservation minus what others hold there now. */
  availableGhz: number;
  availableMemoryGb: number;
  totalGhz: number;
  totalMemoryGb: number;
};

type Totals = { ghz: number; mem: number };
const round = (n: number) => Math.round(n * 10) / 10;

function sumVms(db: Executor, ids: string[]): Totals {
  if (!ids.length) return { ghz: 0, mem: 0 };
  const rows = db.select({ ghz: vms.cpuGhz, mem: vms.memoryGb }).from(vms).where(inArray(vms.id, [...new Set(ids)])).all();
  return rows.reduce((t, r) => ({ ghz: t.ghz + r.ghz, mem: t.mem + r.mem }), { ghz: 0, mem: 0 });
}

/** VM ids booted by other groups' open operations at the site (test copies or recovered VMs). */
function openOperationVmIds(db: Executor, tenantId: string, siteId: string, groupId: string): string[] {
  return db
    .select({ options: operations.options })
    .from(operations)
    .where(and(eq(operations.tenantId, tenantId), eq(operations.toSiteId, siteId), ne(operations.groupId, groupId), isOpenOperation))
    .all()
    .flatMap((r) => ((r.options?.plan as { vms: { id: string }[] }[] | undefined) ?? []).flatMap((bg) => bg.vms.map((v) => v.id)));
}

/** VMs of other groups that a committed failover/move left running at the site (in its recovery vDC). */
function recoveredVmIds(db: Executor, tenantId: string, siteId: string, groupId: string): string[] {
  const groups = [...lastRecoveries(db, tenantId)]
    .filter(([g, last]) => g !== groupId && last.type !== 'failback' && last.toSiteId === siteId)
    .map(([g]) => g);
  if (!groups.length) return [];
  return db
    .select({ id: vms.id })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .where(and(inArray(groupMembers.groupId, groups), eq(vms.siteId, siteId)))
    .all()
    .map((r) => r.id);
}

/** Production VMs of the tenant running at the site, other than the group's own. */
function productionVmIds(db: Executor, tenantId: string, siteId: string, exclude: Set<string>): string[] {
  return db
    .select({ id: vms.id })
    .from(vms)
    .where(and(eq(vms.tenantId, tenantId), eq(vms.siteId, siteId)))
    .all()
    .map((r) => r.id)
    .filter((id) => !exclude.has(id));
}

/**
 * Capacity for the group's VMs at the target. A failback returns the VMs home, to the
 * production vDC they came from (the recovery vDC when the tenant has none there).
 */
export function capacityAt(
  db: Executor,
  input: { tenantId: string; groupId: string; siteId: string; type: OperationType; vmIds: string[] },
): CapacityDto | null {
  const kinds: ('production' | 'recovery')[] = input.type === 'failback' ? ['production', 'recovery'] : ['recovery'];
  const candidates = db
    .select()
    .from(vdcs)
    .where(and(eq(vdcs.tenantId, input.tenantId), eq(vdcs.siteId, input.siteId), inArray(vdcs.kind, kinds)))
    .all();
  const vdc = kinds.map((k) => candidates.find((c) => c.kind === k)).find(Boolean);
  if (!vdc) return null;
  const required = sumVms(db, input.vmIds);
  const recovered = recoveredVmIds(db, input.tenantId, input.siteId, input.groupId);
  const incoming = openOperationVmIds(db, input.tenantId, input.siteId, input.groupId);
  const held =
    vdc.kind === 'recovery'
      ? [...recovered, ...incoming]
      : [...productionVmIds(db, input.tenantId, input.siteId, new Set([...input.vmIds, ...recovered])), ...incoming];
  const used = sumVms(db, held);
  return {
    vdcId: vdc.id, vdcName: vdc.name, vdcKind: vdc.kind,
    requiredGhz: round(required.ghz), requiredMemoryGb: round(required.mem),
    availableGhz: round(vdc.vcpuGhz - used.ghz), availableMemoryGb: round(vdc.memoryGb - used.mem),
    totalGhz: vdc.vcpuGhz, totalMemoryGb: vdc.memoryGb,
  };
}
