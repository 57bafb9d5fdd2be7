/**
 * The client's resources and price (seed 2.1): per recovery site the reserved and used CPU,
 * memory, storage and IOPS of the recovery vDC and of the dedicated volume, the storage each
 * group takes there, and the monthly recovery price (20 % of the protected VMs' production usage
 * at the tenant's unit prices). Client administrators see their own tenant; staff name one.
 */
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { groupMembers, protectionGroups, rpoSamples, sites, storageVolumes, tenants, vdcs, vmDisks, vms } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { cachedConfigRead } from '@/lib/domain/core/read-cache';
import { parseBody } from '@/lib/domain/core/input';
import { capacityAt } from '@/lib/domain/operations/operation-capacity';
import { resourcesQuerySchema, unitPricesSchema } from '@/lib/schemas/resources';
import { recoveryPrice, type PriceEstimate, type UnitPrices } from './price-math';
import { groupStorageAt, groupsStorage, productionDisksGb, type GroupStorageDto } from './storage-usage';
import { findGroupInScope } from '@/lib/domain/groups/group-in-scope';

/** Replicated writes are counted at 64 KB per write to estimate the IOPS they need at the recovery site. */
export const WRITE_KB_PER_IO = 64;

export type ReservedUsed = { reserved: number; used: number };

export type RecoverySiteDto = {
  siteId: string;
  siteName: string;
  vdc: { id: string; name: string; ghz: ReservedUsed; memoryGb: ReservedUsed; storageGb: ReservedUsed; iops: ReservedUsed } | null;
  volume: {
    id: string; name: string; media: string; sizeGb: number; usedGb: number; productionGb: number; guaranteedIops: number;
    /** The engine's figures now, summed over the groups it caps here: write IOPS asked, IOPS applied. */
    writeIops: number; appliedIops: number;
  } | null;
  groups: GroupIopsRow[];
  /** "engine": every group's IOPS are the engine's actual figures; "estimate": some group has none yet (mean write rate at 64 KB a write). */
  iopsSource: 'engine' | 'estimate';
};

export type GroupIopsRow = {
  id: string; name: string; replicaGb: number; journalGb: number; totalGb: number;
  /** Write IOPS now (the engine's), or the estimate before the engine has measured the group. */
  writeIops: number;
  /** IOPS the recovery volume applied for the group now (the engine's); null before it measured the group. */
  appliedIops: number | null;
  iopsLimited: boolean;
};

export type ResourcesDto = {
  tenant: { id: string; name: string; currency: string };
  sites: RecoverySiteDto[];
  price: PriceEstimate & { currency: string; unitPrices: UnitPrices };
};

const round1 = (n: number) => Math.round(n * 10) / 10;

function unitPricesOf(t: typeof tenants.$inferSelect): UnitPrices {
  return { vcpuGhz: t.priceGhzCents, memoryGb: t.priceMemoryGbCents, storageGb: t.priceStorageGbCents };
}

type EngineIops = { writeIops: number; appliedIops: number; limited: boolean };

/**
 * The engine's actual IOPS per group, as the runtime last wrote them (protection_groups
 * write_iops/applied_iops/limit_reason: smoothed per tick, per group, the volume cap applied). A
 * group the engine has not measured yet (no RPO sample) is absent: its figures would be zeros.
 */
function engineIops(db: Executor, groupIds: string[]): Map<string, EngineIops> {
  const out = new Map<string, EngineIops>();
  for (const id of groupIds) {
    const g = db.select({ w: protectionGroups.writeIops, a: protectionGroups.appliedIops, reason: protectionGroups.limitReason }).from(protectionGroups).where(eq(protectionGroups.id, id)).get();
    if (!g) continue;
    const sampled = g.w > 0 || g.a > 0 || db.select({ t: rpoSamples.timeMs }).from(rpoSamples).where(eq(rpoSamples.groupId, id)).limit(1).get() !== undefined;
    if (sampled) out.set(id, { writeIops: g.w, appliedIops: g.a, limited: g.reason === 'iops-limited' });
  }
  return out;
}

/** Mean write IOPS of each group's members (MB/s × 1024 / 64 KB): the estimate before the engine has measured a group. */
function groupWriteIops(db: Executor, groupIds: string[]): Map<string, number> {
  if (!groupIds.length) return new Map();
  const rows = db
    .select({ groupId: groupMembers.groupId, w: vms.writeMeanMBps })
    .from(groupMembers)
    .innerJoin(vms, eq(vms.id, groupMembers.vmId))
    .where(inArray(groupMembers.groupId, groupIds))
    .all();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.groupId, (out.get(r.groupId) ?? 0) + (r.w * 1024) / WRITE_KB_PER_IO);
  return out;
}

/** The protected VMs of the tenant (members of any group) with their disks. */
function protectedVms(db: Executor, tenantId: string) {
  const rows = db
    .selectDistinct({ id: vms.id, cpuGhz: vms.cpuGhz, memoryGb: vms.memoryGb })
    .from(vms)
    .innerJoin(groupMembers, eq(groupMembers.vmId, vms.id))
    .where(eq(vms.tenantId, tenantId))
    .all();
  const disks = rows.length ? db.select({ vmId: vmDisks.vmId, size: vmDisks.sizeGb }).from(vmDisks).where(inArray(vmDisks.vmId, rows.map((r) => r.id))).all() : [];
  return rows.map((r) => ({ cpuGhz: r.cpuGhz, memoryGb: r.memoryGb, diskGb: disks.filter((d) => d.vmId === r.id).map((d) => d.size) }));
}

function resolveTenant(db: Executor, actor: Actor, input: unknown) {
  const query = parseBody(resourcesQuerySchema, input);
  const tenantId = tenantScope(actor, query.tenantId);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Choose the tenant whose resources to show.' }]);
  if (actor.role !== 'staff' && query.tenantId !== undefined && query.tenantId !== tenantId) throw new NotFoundError('tenant', query.tenantId);
  const tenant = db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!tenant) throw new NotFoundError('tenant', tenantId);
  return tenant;
}

/** GET /api/v1/resources. */
export function getResources(db: DB, actor: Actor, input: unknown = {}): ResourcesDto {
  authorize(db, actor, 'resources:read', { type: 'resources' });
  const tenant = resolveTenant(db, actor, input);
  const siteNames = new Map(db.select({ id: sites.id, name: sites.name }).from(sites).all().map((s) => [s.id, s.name]));
  const recoveryVdcs = db.select().from(vdcs).where(eq(vdcs.tenantId, tenant.id)).orderBy(asc(vdcs.name)).all().filter((v) => v.kind === 'recovery');
  const volumes = db.select().from(storageVolumes).where(eq(storageVolumes.tenantId, tenant.id)).all();
  const storage = groupsStorage(db, tenant.id);
  const groupIds = db.select({ id: protectionGroups.id }).from(protectionGroups).where(eq(protectionGroups.tenantId, tenant.id)).all().map((g) => g.id);
  const estimated = groupWriteIops(db, groupIds);
  const measured = engineIops(db, groupIds);

  // Every site with a recovery vDC, and every site some group recovers to.
  const siteIds = [...new Set([...recoveryVdcs.map((v) => v.siteId), ...[...storage.values()].map((g) => g.targetSiteId)])].sort((a, b) =>
    (siteNames.get(a) ?? a).localeCompare(siteNames.get(b) ?? b),
  );
  const siteDtos = siteIds.map((siteId): RecoverySiteDto => {
    const groups = [...storage]
      .filter(([, g]) => g.targetSiteId === siteId)
      .map(([id, g]): GroupIopsRow => {
        const m = measured.get(id);
        return {
          id, name: g.name, replicaGb: g.replicaGb, journalGb: g.journalGb, totalGb: g.totalGb,
          writeIops: Math.round(m ? m.writeIops : (estimated.get(id) ?? 0)),
          appliedIops: m ? Math.round(m.appliedIops) : null,
          iopsLimited: m?.limited ?? false,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const groupsGb = round1(groups.reduce((a, g) => a + g.totalGb, 0));
    const groupsIops = groups.reduce((a, g) => a + g.writeIops, 0);
    const vdc = recoveryVdcs.find((v) => v.siteId === siteId);
    const volume = volumes.find((v) => v.siteId === siteId);
    const held = vdc ? capacityAt(db, { tenantId: tenant.id, groupId: '', siteId, type: 'failover', vmIds: [] }) : null;
    const productionGb = volume ? round1(productionDisksGb(db, tenant.id, siteId)) : 0;
    return {
      siteId,
      siteName: siteNames.get(siteId) ?? siteId,
      vdc: vdc
        ? {
            id: vdc.id,
            name: vdc.name,
            ghz: { reserved: vdc.vcpuGhz, used: held ? round1(held.totalGhz - held.availableGhz) : 0 },
            memoryGb: { reserved: vdc.memoryGb, used: held ? round1(held.totalMemoryGb - held.availableMemoryGb) : 0 },
            storageGb: { reserved: vdc.storageGb, used: groupsGb },
            iops: { reserved: vdc.guaranteedIops, used: groupsIops },
          }
        : null,
      volume: volume
        ? {
            id: volume.id, name: volume.name, media: volume.media, sizeGb: volume.sizeGb, usedGb: round1(groupsGb + productionGb), productionGb, guaranteedIops: volume.guaranteedIops,
            writeIops: groupsIops, appliedIops: groups.reduce((a, g) => a + (g.appliedIops ?? 0), 0),
          }
        : null,
      groups,
      iopsSource: groups.every((g) => g.appliedIops !== null) ? 'engine' : 'estimate',
    };
  });

  const unitPrices = unitPricesOf(tenant);
  return {
    tenant: { id: tenant.id, name: tenant.name, currency: tenant.currency },
    sites: siteDtos,
    price: { ...recoveryPrice(protectedVms(db, tenant.id), unitPrices), currency: tenant.currency, unitPrices },
  };
}

/** PUT /api/v1/admin/pricing/{tenantId}: staff set the tenant's monthly unit prices (pence). */
export function setUnitPrices(db: DB, actor: Actor, tenantId: string, input: unknown): UnitPrices {
  authorize(db, actor, 'tenants:manage', { type: 'pricing', id: tenantId });
  if (!db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get()) throw new NotFoundError('tenant', tenantId);
  const body = parseBody(unitPricesSchema, input);
  return db.transaction((tx) => {
    const before = unitPricesOf(tx.select().from(tenants).where(eq(tenants.id, tenantId)).get()!);
    tx.update(tenants).set({ priceGhzCents: body.vcpuGhz, priceMemoryGbCents: body.memoryGb, priceStorageGbCents: body.storageGb }).where(eq(tenants.id, tenantId)).run();
    audit(tx, actor, { action: 'tenant.pricing', tenantId, targetType: 'tenant', targetId: tenantId, details: { from: before, to: body } });
    return body;
  });
}

export type TenantPriceDto = { tenantId: string; currency: string; unitPrices: UnitPrices; estimate: PriceEstimate };

/**
 * The staff Pricing page: each tenant's unit prices and the monthly recovery estimate they give
 * (20 % of the protected VMs' production usage), the same figures the tenant's Resources page shows.
 */
export function tenantPriceEstimates(db: DB, actor: Actor): TenantPriceDto[] {
  authorize(db, actor, 'tenants:manage', { type: 'pricing' });
  return db
    .select()
    .from(tenants)
    .all()
    .map((t) => {
      const unitPrices = unitPricesOf(t);
      return { tenantId: t.id, currency: t.currency, unitPrices, estimate: recoveryPrice(protectedVms(db, t.id), unitPrices) };
    });
}

/** The group page's storage card: any role of the group's tenant (another tenant's group: 404). */
export function getGroupStorage(db: DB, actor: Actor, groupId: string): GroupStorageDto {
  authorize(db, actor, 'tenant:read', { type: 'protection-group', id: groupId });
  const group = findGroupInScope(db, actor, groupId);
  // The tenant's storage summed per group: configuration only, so once until the configuration
  // changes (the simulator's writes every tick leave it be).
  return cachedConfigRead(db, `group-storage:${group.id}`, () => groupStorageAt(db, group));
}
