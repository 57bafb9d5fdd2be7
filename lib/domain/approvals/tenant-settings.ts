/**
 * The tenant's own settings (issue 17: four-eyes approval). Everyone of the tenant reads them;
 * only its client administrators change them; staff read them for the tenant they name or act for.
 */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { NotFoundError, ValidationError } from '@/lib/core/errors';
import { tenantSettingsPatchSchema } from '@/lib/schemas/approvals';
import { authorize, tenantScope } from '@/lib/domain/core/authorize';
import { parseBody } from '@/lib/domain/core/input';

export type TenantSettingsDto = {
  tenantId: string;
  tenantName: string;
  liveFailoverApproval: boolean;
  approvalTimeoutMinutes: number;
  providerMayApprove: boolean;
};

function read(db: Executor, tenantId: string): TenantSettingsDto {
  const row = db.select({
    tenantId: tenants.id, tenantName: tenants.name, liveFailoverApproval: tenants.liveFailoverApproval,
    approvalTimeoutMinutes: tenants.approvalTimeoutMinutes, providerMayApprove: tenants.providerMayApprove,
  }).from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!row) throw new NotFoundError('tenant', tenantId);
  return row;
}

/** GET /tenant (staff: ?tenantId= or the tenant they act for). */
export function getTenantSettings(db: Executor, actor: Actor, query: { tenantId?: string } = {}): TenantSettingsDto {
  authorize(db, actor, 'tenant:read', { type: 'tenant' });
  const tenantId = tenantScope(actor, query.tenantId);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Choose the tenant (?tenantId=).' }]);
  return read(db, tenantId);
}

/** PATCH /tenant: the tenant's client administrators only. */
export function updateTenantSettings(db: DB, actor: Actor, input: unknown): TenantSettingsDto {
  authorize(db, actor, 'tenant-settings:manage', { type: 'tenant', id: actor.tenantId ?? undefined });
  const tenantId = tenantScope(actor)!;
  const patch = parseBody(tenantSettingsPatchSchema, input);
  return db.transaction((tx) => {
    const before = read(tx, tenantId);
    tx.update(tenants).set(patch).where(eq(tenants.id, tenantId)).run();
    const after = read(tx, tenantId);
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, { from: before[k as keyof TenantSettingsDto], to: after[k as keyof TenantSettingsDto] }]));
    audit(tx, actor, { action: 'tenant.settings', tenantId, targetType: 'tenant', targetId: tenantId, details: changed });
    return after;
  });
}
