import 'server-only';
import { asc, count, eq, ne, and } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { protectionGroups, storageVolumes, tenants, users, vms } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize } from '@/lib/domain/core/authorize';
import { ConflictError, NotFoundError } from '@/lib/core/errors';
import { parseBody } from '@/lib/domain/core/input';
import { newId } from '@/lib/ids';
import { tenantCreateSchema, tenantUpdateSchema } from '@/lib/schemas/staff';
import type { StorageVolumeDto, TenantDetailDto, TenantDto } from './dto';
import { simDate } from '@/lib/domain/core/clock';
import { listVdcRows } from './vdcs';

type TenantRow = typeof tenants.$inferSelect;

export function toTenantDto(t: TenantRow): TenantDto {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    status: t.status,
    connection: t.connection,
    externalBandwidthMbps: t.externalBandwidthMbps,
    interSiteBandwidthMbps: t.interSiteBandwidthMbps,
    monthlyChargeCents: t.monthlyChargeCents,
    currency: t.currency,
    contactName: t.contactName,
    contactEmail: t.contactEmail,
    contactPhone: t.contactPhone,
    createdAt: t.createdAt.toISOString(),
  };
}

/** The tenant row or 404. Staff only reach here, so no tenant scoping beyond existence. */
export function findTenant(db: Executor, id: string): TenantRow {
  const row = db.select().from(tenants).where(eq(tenants.id, id)).get();
  if (!row) throw new NotFoundError('tenant', id);
  return row;
}

export function listTenants(db: DB, actor: Actor): TenantDto[] {
  authorize(db, actor, 'tenants:manage', { type: 'tenant' });
  return db.select().from(tenants).orderBy(asc(tenants.name)).all().map(toTenantDto);
}

export function getTenantDetail(db: DB, actor: Actor, id: string): TenantDetailDto {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id });
  const tenant = findTenant(db, id);
  const countOf = (table: typeof users | typeof protectionGroups | typeof vms) =>
    db.select({ n: count() }).from(table).where(eq(table.tenantId, id)).get()?.n ?? 0;
  const volumes: StorageVolumeDto[] = db
    .select()
    .from(storageVolumes)
    .where(eq(storageVolumes.tenantId, id))
    .orderBy(asc(storageVolumes.siteId))
    .all();
  return {
    ...toTenantDto(tenant),
    vdcs: listVdcRows(db, id),
    storageVolumes: volumes,
    userCount: countOf(users),
    groupCount: countOf(protectionGroups),
    vmCount: countOf(vms),
  };
}

function assertSlugFree(db: Executor, slug: string, exceptId?: string) {
  const clash = db
    .select({ id: tenants.id })
    .from(tenants)
    .where(exceptId ? and(eq(tenants.slug, slug), ne(tenants.id, exceptId)) : eq(tenants.slug, slug))
    .get();
  if (clash) throw new ConflictError(`The slug "${slug}" is already taken by another tenant.`, { field: 'slug' });
}

export async function createTenant(db: DB, actor: Actor, input: unknown, at?: Date): Promise<TenantDto> {
  authorize(db, actor, 'tenants:manage', { type: 'tenant' });
  const data = parseBody(tenantCreateSchema, input);
  const now = at ?? (await simDate());
  return db.transaction((tx) => {
    assertSlugFree(tx, data.slug);
    const row = tx
      .insert(tenants)
      .values({ id: newId('ten'), ...data, currency: data.currency ?? 'GBP', createdAt: now })
      .returning()
      .get();
    audit(tx, actor, { action: 'tenant.create', tenantId: row.id, targetType: 'tenant', targetId: row.id, details: { ...data } });
    return toTenantDto(row);
  });
}

/** Edits a tenant; `status: suspended` suspends it (audited as its own action). */
export function updateTenant(db: DB, actor: Actor, id: string, input: unknown): TenantDto {
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id });
  findTenant(db, id);
  const patch = parseBody(tenantUpdateSchema, input);
  return db.transaction((tx) => {
    const before = findTenant(tx, id);
    if (patch.slug && patch.slug !== before.slug) assertSlugFree(tx, patch.slug, id);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const row = Object.keys(changes).length ? tx.update(tenants).set(changes).where(eq(tenants.id, id)).returning().get() : before;
    const diff = Object.fromEntries(
      Object.keys(changes)
        .filter((k) => before[k as keyof TenantRow] !== row[k as keyof TenantRow])
        .map((k) => [k, { from: before[k as keyof TenantRow], to: row[k as keyof TenantRow] }]),
    );
    if (Object.keys(diff).length) {
      const action = patch.status && patch.status !== before.status ? (patch.status === 'suspended' ? 'tenant.suspend' : 'tenant.reactivate') : 'tenant.update';
      audit(tx, actor, { action, tenantId: id, targetType: 'tenant', targetId: id, details: { changes: diff } });
    }
    return toTenantDto(row);
  });
}
