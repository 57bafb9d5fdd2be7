import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { tenants } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authSecret } from './secret';

/**
 * "Act for a tenant": provider staff open a tenant's portal and act as its client_admin would,
 * audited as staff acting for that tenant. The choice lives in an httpOnly cookie signed with
 * the auth secret and bound to the staff user, so it cannot be forged, edited to another tenant
 * or replayed by another account. It only ever narrows a staff session; client roles ignore it.
 */
export const ACT_FOR_COOKIE = 'cs_act_for';

/** A working shift: after this the staff member picks the tenant again. */
export const ACT_FOR_MAX_AGE_SECONDS = 8 * 60 * 60;

type CookieReader = { get(name: string): { value: string } | undefined };

// Ids are [A-Za-z0-9_-]; the dot separates fields and cannot occur inside one.
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function mac(payload: string): Buffer {
  // A purpose label so this HMAC can never be confused with another use of the secret.
  return createHmac('sha256', authSecret()).update(`cloudshield:act-for:${payload}`).digest();
}

/** The cookie value for `staffUserId` acting for `tenantId` until `nowMs` + max age. */
export function signActFor(tenantId: string, staffUserId: string, nowMs = Date.now()): string {
  if (!ID.test(tenantId) || !ID.test(staffUserId)) throw new Error('signActFor: invalid id');
  const payload = `${tenantId}.${staffUserId}.${Math.floor(nowMs / 1000) + ACT_FOR_MAX_AGE_SECONDS}`;
  return `${payload}.${mac(payload).toString('base64url')}`;
}

/**
 * The tenant id in a valid, unexpired cookie, or null. Pass the signed-in user's id to require
 * the cookie to have been issued to that user (resolve-actor always should).
 */
export function readActingTenant(cookies: CookieReader, staffUserId?: string, nowMs = Date.now()): string | null {
  const raw = cookies.get(ACT_FOR_COOKIE)?.value;
  if (!raw) return null;
  const parts = raw.split('.');
  if (parts.length !== 4) return null;
  const [tenantId, userId, exp, sig] = parts;
  if (!ID.test(tenantId) || !ID.test(userId) || !/^\d{1,12}$/.test(exp)) return null;
  const expected = mac(`${tenantId}.${userId}.${exp}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(exp) * 1000 <= nowMs) return null;
  if (staffUserId !== undefined && userId !== staffUserId) return null;
  return tenantId;
}

/** Options for `cookies().set(ACT_FOR_COOKIE, value, ...)`; Secure follows the origin. */
export function actForCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: ACT_FOR_MAX_AGE_SECONDS };
}

/**
 * The one-line hook for resolve-actor: a staff *session* with a valid cookie for an existing
 * tenant works on that tenant (actingForTenant, audited as such). Bearer tokens never act for a
 * tenant: scripts name the tenant explicitly.
 */
export function applyActingFor(db: Executor, actor: Actor, cookies: CookieReader): Actor {
  if (actor.role !== 'staff' || actor.via !== 'session') return actor;
  const tenantId = readActingTenant(cookies, actor.userId);
  if (!tenantId) return actor;
  const exists = db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return exists ? { ...actor, tenantId, actingForTenant: true } : actor;
}

/**
 * The same staff member working service-wide: the provider console shows every tenant even
 * while an act-for cookie is set for the portal.
 */
export function asServiceWide(actor: Actor): Actor {
  return actor.role === 'staff' && actor.actingForTenant ? { ...actor, tenantId: null, actingForTenant: false } : actor;
}
