import 'server-only';
import { and, asc, eq, ne, sum } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { protectionGroups, serviceRequests, sites, storageVolumes, tenants, vdcs, vms } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { newId } from '@/lib/ids';
import { notifyVolumes } from '@/lib/sim/bridge';
import { defaultVdcName, vdcCreateSchema, vdcUpdateSchema } from '@/lib/schemas/staff';
import type { ResourceDelta, VdcDto } from './dto';

type VdcRow = typeof vdcs.$inferSelect;
type Allocation = Pick<VdcRow, 'vcpuGhz' | 'memoryGb' | 'storageGb' | 'guaranteedIops'>;

export function listVdcRows(db: Executor, tenantId: string): VdcDto[] {
  return db.select().from(vdcs).where(eq(vdcs.tenantId, tenantId)).orderBy(asc(vdcs.siteId), asc(vdcs.kind)).all();
}

function findTenantId(db: Executor, tenantId: string) {
  const t = db.select({ id: tenants.id, name: tenants.name, slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!t) throw new NotFoundError('tenant', tenantId);
  return t;
}

/** A vDC of this tenant, or 404 (another tenant's vDC id is indistinguishable from unknown). */
export function findVdc(db: Executor, tenantId: string, vdcId: string): VdcRow {
  const row = db.select().from(vdcs).where(and(eq(vdcs.id, vdcId), eq(vdcs.tenantId, tenantId))).get();
  if (!row) throw new NotFoundError('vDC', vdcId);
  return row;
}

/** The actor's own tenant's vDCs (a client choosing what a service request is about). */
export function listTenantVdcs(db: DB, actor: Actor): VdcDto[] {
  authorize(db, actor, 'tenant:read', { type: 'vdc' });
  const tenantId = tenantScope(actor);
  return tenantId ? listVdcRows(db, tenantId) : [];
}

export function listVdcs(db: DB, actor: Actor, tenantId: string): VdcDto[] {
  authorize(db, actor, 'tenants:manage', { type: 'vdc' });
  findTenantId(db, tenantId);
  return listVdcRows(db, tenantId);
}

/**
 * Reserved resources are guaranteed at failover time, so the provider may not promise more than
 * a site holds: refuse an allocation that would take the site past its capacity.
 */
function assertSiteCapacity(db: Executor, siteId: string, next: Allocation, exceptVdcId?: string) {
  const site = db.select().from(sites).where(eq(sites.id, siteId)).get();
  if (!site) throw new ValidationError([{ field: 'siteId', message: `No site with id ${siteId}.` }]);
  const others = db
    .select({ ghz: sum(vdcs.vcpuGhz), mem: sum(vdcs.memoryGb), stor: sum(vdcs.storageGb) })
    .from(vdcs)
    .where(exceptVdcId ? and(eq(vdcs.siteId, siteId), ne(vdcs.id, exceptVdcId)) : eq(vdcs.siteId, siteId))
    .get();
  const over = [
    ['vcpuGhz', Number(others?.ghz ?? 0) + next.vcpuGhz, site.capacityVcpuGhz, 'GHz'],
    ['memoryGb', Number(others?.mem ?? 0) + next.memoryGb, site.capacityMemoryGb, 'GB'],
    ['storageGb', Number(others?.stor ?? 0) + next.storageGb, site.capacityStorageGb, 'GB'],
  ].filter(([, total, cap]) => (total as number) > (cap as number));
  if (over.length) {
    throw new ConflictError(
      `${site.name} cannot hold this allocation: ${over.map(([k, total, cap, u]) => `${k} would reach ${Math.round(total as number)} of ${cap} ${u}`).join('; ')}.`,
      { fields: over.map(([k]) => k) },
    );
  }
  return site;
}

/**
 * Keeps the client's dedicated all-SSD volume at a site sized to its vDCs there: the volume
 * backs both vDCs, so its size and guaranteed IOPS are their sums (as the seed lays them out).
 */
export function syncStorageVolume(tx: Executor, tenantId: string, siteId: string) {
  const totals = tx
    .select({ stor: sum(vdcs.storageGb), iops: sum(vdcs.guaranteedIops) })
    .from(vdcs)
    .where(and(eq(vdcs.tenantId, tenantId), eq(vdcs.siteId, siteId)))
    .get();
  const sizeGb = Number(totals?.stor ?? 0);
  const guaranteedIops = Number(totals?.iops ?? 0);
  const existing = tx.select().from(storageVolumes).where(and(eq(storageVolumes.tenantId, tenantId), eq(storageVolumes.siteId, siteId))).get();
  if (existing && sizeGb === 0) {
    tx.delete(storageVolumes).where(eq(storageVolumes.id, existing.id)).run();
  } else if (existing) {
    tx.update(storageVolumes).set({ sizeGb, guaranteedIops }).where(eq(storageVolumes.id, existing.id)).run();
  } else if (sizeGb > 0) {
    const { slug } = findTenantId(tx, tenantId);
    tx.insert(storageVolumes).values({ id: newId('vol'), tenantId, siteId, name: `${slug}-${siteId}-ssd01`, sizeGb, guaranteedIops }).run();
  }
}

export function createVdc(db: DB, actor: Actor, tenantId: string, input: unknown): VdcDto {
  authorize(db, actor, 'tenants:manage', { type: 'vdc' });
  const tenant = findTenantId(db, tenantId);
  const data = parseBody(vdcCreateSchema, input);
  const row = db.transaction((tx) => {
    const site = assertSiteCapacity(tx, data.siteId, data);
    const clash = tx.select({ id: vdcs.id }).from(vdcs).where(and(eq(vdcs.tenantId, tenantId), eq(vdcs.siteId, data.siteId), eq(vdcs.kind, data.kind))).get();
    if (clash) throw new ConflictError(`${tenant.name} already has a ${data.kind} vDC at ${site.name}; resize it instead.`, { field: 'siteId' });
    const row = tx
      .insert(vdcs)
      .values({ id: newId('vdc'), tenantId, ...data, name: data.name ?? defaultVdcName(tenant.name, data.kind, site.name) })
      .returning()
      .get();
    syncStorageVolume(tx, tenantId, row.siteId);
    audit(tx, actor, { action: 'vdc.create', tenantId, targetType: 'vdc', targetId: row.id, details: { ...data } });
    return row;
  });
  // Committed: the engine re-reads the volumes (the new vDC's IOPS join the site's guarantee).
  void notifyVolumes();
  return row;
}

export function updateVdc(db: DB, actor: Actor, tenantId: string, vdcId: string, input: unknown): VdcDto {
  authorize(db, actor, 'tenants:manage', { type: 'vdc', id: vdcId });
  findTenantId(db, tenantId);
  findVdc(db, tenantId, vdcId);
  const patch = parseBody(vdcUpdateSchema, input);
  const row = db.transaction((tx) => {
    const before = findVdc(tx, tenantId, vdcId);
    const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as VdcRow;
    return writeAllocation(tx, actor, before, next, 'vdc.update');
  });
  void notifyVolumes();
  return row;
}

/**
 * Applies a resolved grow/shrink request's signed deltas (in the caller's transaction). The caller
 * calls notifyVolumes() once its transaction has committed.
 */
export function applyVdcDelta(tx: Executor, actor: Actor, tenantId: string, vdcId: string, delta: ResourceDelta, requestId: string): VdcDto {
  const before = findVdc(tx, tenantId, vdcId);
  const next = {
    ...before,
    vcpuGhz: round(before.vcpuGhz + (delta.vcpuGhz ?? 0)),
    memoryGb: round(before.memoryGb + (delta.memoryGb ?? 0)),
    storageGb: round(before.storageGb + (delta.storageGb ?? 0)),
    guaranteedIops: Math.round(before.guaranteedIops + (delta.guaranteedIops ?? 0)),
  };
  const negative = (['vcpuGhz', 'memoryGb', 'storageGb', 'guaranteedIops'] as const).filter((k) => next[k] <= 0);
  if (negative.length) throw new ConflictError(`The shrink would leave ${before.name} with no ${negative.join(', ')}.`, { fields: negative });
  return writeAllocation(tx, actor, before, next, 'vdc.resize', { serviceRequestId: requestId });
}

const round = (n: number) => Math.round(n * 100) / 100;

function writeAllocation(tx: Executor, actor: Actor, before: VdcRow, next: VdcRow, action: string, extra: Record<string, unknown> = {}): VdcDto {
  assertSiteCapacity(tx, before.siteId, next, before.id);
  const { name, vcpuGhz, memoryGb, storageGb, guaranteedIops } = next;
  const row = tx.update(vdcs).set({ name, vcpuGhz, memoryGb, storageGb, guaranteedIops }).where(eq(vdcs.id, before.id)).returning().get();
  syncStorageVolume(tx, before.tenantId, before.siteId);
  const keys = ['name', 'vcpuGhz', 'memoryGb', 'storageGb', 'guaranteedIops'] as const;
  const changes = Object.fromEntries(keys.filter((k) => before[k] !== row[k]).map((k) => [k, { from: before[k], to: row[k] }]));
  audit(tx, actor, { action, tenantId: before.tenantId, targetType: 'vdc', targetId: before.id, details: { changes, ...extra } });
  return row;
}

/**
 * Removes a vDC unless something still relies on it: VMs running in a production vDC, groups
 * replicating into a recovery vDC (their failover reservation), or service requests about it.
 */
export function deleteVdc(db: DB, actor: Actor, tenantId: string, vdcId: string): void {
  authorize(db, actor, 'tenants:manage', { type: 'vdc', id: vdcId });
  findTenantId(db, tenantId);
  findVdc(db, tenantId, vdcId);
  db.transaction((tx) => {
    const vdc = findVdc(tx, tenantId, vdcId);
    const inUse =
      vdc.kind === 'production'
        ? tx.select({ id: vms.id }).from(vms).where(and(eq(vms.tenantId, tenantId), eq(vms.siteId, vdc.siteId))).get()
        : tx
            .select({ id: protectionGroups.id })
            .from(protectionGroups)
            .where(and(eq(protectionGroups.tenantId, tenantId), eq(protectionGroups.targetSiteId, vdc.siteId)))
            .get();
    if (inUse) {
      throw new ConflictError(
        vdc.kind === 'production' ? `VMs still run in ${vdc.name}.` : `Protection groups still replicate into ${vdc.name}; it holds their failover reservation.`,
      );
    }
    const request = tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.vdcId, vdcId)).get();
    if (request) throw new ConflictError(`Service request ${request.id} refers to ${vdc.name}; it is kept for the record.`);
    tx.delete(vdcs).where(eq(vdcs.id, vdcId)).run();
    syncStorageVolume(tx, tenantId, vdc.siteId);
    audit(tx, actor, { action: 'vdc.delete', tenantId, targetType: 'vdc', targetId: vdcId, targetName: vdc.name, details: { name: vdc.name, siteId: vdc.siteId, kind: vdc.kind } });
  });
  void notifyVolumes();
}
