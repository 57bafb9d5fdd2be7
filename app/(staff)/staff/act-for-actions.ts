'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/domain/core/database';
import { ACT_FOR_COOKIE, actForCookieOptions, readActingTenant, signActFor } from '@/lib/auth/act-for';
import { requireActor } from '@/lib/auth/current-actor';
import { sessionCookieName } from '@/lib/auth/session-cookie';
import { startActingForTenant, stopActingForTenant } from '@/lib/domain/staff/act-for';
import { actForLanding } from './act-for-next';

/**
 * Staff open a tenant's portal on its behalf. The use case (lib/domain/staff/act-for.ts)
 * authorises and audits; this action only sets the cookie and redirects: to the portal's home,
 * or to `next` when it is the recovery-run wizard (a form bound without `next` passes its
 * FormData there, which lands on the home page too).
 */
export async function startActingFor(tenantId: string, next?: unknown): Promise<void> {
  const actor = await requireActor();
  const tenant = startActingForTenant(getDb(), actor, tenantId);
  const jar = await cookies();
  jar.set(ACT_FOR_COOKIE, signActFor(tenant.id, actor.userId), actForCookieOptions(sessionCookieName(jar).secure));
  redirect(actForLanding(next));
}

/** Ends acting for a tenant and returns to that tenant's page in the console. */
export async function stopActingFor(): Promise<void> {
  const actor = await requireActor();
  const jar = await cookies();
  const tenantId = readActingTenant(jar, actor.userId);
  jar.delete(ACT_FOR_COOKIE);
  stopActingForTenant(getDb(), actor, tenantId);
  redirect(tenantId ? `/staff/tenants/${tenantId}` : '/staff');
}
