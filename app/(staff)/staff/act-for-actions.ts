'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import { ACT_FOR_COOKIE, actForCookieOptions, asServiceWide, readActingTenant, signActFor } from '@/lib/auth/act-for';
import { requireActor } from '@/lib/auth/current-actor';
import { sessionCookieName } from '@/lib/auth/session-cookie';
import { audit } from '@/lib/domain/audit/audit';
import { authorize } from '@/lib/domain/core/authorize';
import { findTenant } from '@/lib/domain/staff/tenants';

/**
 * Staff open a tenant's portal on its behalf. Only a staff session may set the cookie; the
 * start and the stop are audited in the tenant's trail, and so is everything in between
 * (as `staff:acting-for-tenant`).
 */
export async function startActingFor(tenantId: string): Promise<void> {
  const db = getDb();
  const actor = asServiceWide(await requireActor());
  authorize(db, actor, 'tenants:manage', { type: 'tenant', id: tenantId });
  const tenant = findTenant(db, tenantId);
  const jar = await cookies();
  jar.set(ACT_FOR_COOKIE, signActFor(tenant.id, actor.userId), actForCookieOptions(sessionCookieName(jar).secure));
  audit(db, actor, { action: 'tenant.act-for.start', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, details: { tenant: tenant.name } });
  redirect('/');
}

/** Ends acting for a tenant and returns to that tenant's page in the console. */
export async function stopActingFor(): Promise<void> {
  const db = getDb();
  const actor = await requireActor();
  const jar = await cookies();
  const tenantId = readActingTenant(jar, actor.userId);
  jar.delete(ACT_FOR_COOKIE);
  if (tenantId && actor.role === 'staff') {
    audit(db, asServiceWide(actor), { action: 'tenant.act-for.stop', tenantId, targetType: 'tenant', targetId: tenantId });
  }
  redirect(tenantId ? `/staff/tenants/${tenantId}` : '/staff');
}
