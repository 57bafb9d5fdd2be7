import 'server-only';
import type { Executor } from '@/db';
import { asServiceWide } from '@/lib/auth/act-for';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { authorize } from '@/lib/domain/core/authorize';
import { findTenant } from './tenants';

/**
 * Staff open a tenant's portal on its behalf: only staff who manage tenants may, and the start
 * is audited in the tenant's trail (what they do meanwhile is audited as acting for it). The
 * caller sets the act-for cookie for the returned tenant.
 */
export function startActingForTenant(db: Executor, actor: Actor, tenantId: string): { id: string; name: string } {
  const staff = asServiceWide(actor);
  authorize(db, staff, 'tenants:manage', { type: 'tenant', id: tenantId });
  const tenant = findTenant(db, tenantId);
  audit(db, staff, { action: 'tenant.act-for.start', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, details: { tenant: tenant.name } });
  return { id: tenant.id, name: tenant.name };
}

/**
 * The end of acting for `tenantId` (read from the caller's cookie, null when there was none),
 * audited in the tenant's trail when a staff member was acting.
 */
export function stopActingForTenant(db: Executor, actor: Actor, tenantId: string | null): void {
  if (tenantId && actor.role === 'staff') {
    audit(db, asServiceWide(actor), { action: 'tenant.act-for.stop', tenantId, targetType: 'tenant', targetId: tenantId });
  }
}
