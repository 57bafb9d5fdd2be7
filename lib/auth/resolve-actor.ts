import type { NextRequest } from 'next/server';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { tenants, users } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { applyActingFor } from './act-for';
import { findTokenOwner } from './api-tokens';
import { sourceIpOf } from './request-meta';
import { ensureAuthEnv } from './secret';
import { SESSION_ABSOLUTE_SECONDS } from './session-cookie';
import { assertTokenScope } from './token-scope';
import { sessionIsCurrent } from './session-version';
import { readSessionToken } from './session-token';

/**
 * Who is calling: a bearer token (Authorization header) or the next-auth session cookie.
 * Returns null for anonymous requests. A presented but invalid bearer token is anonymous too:
 * it never falls back to a cookie, so a script's broken token fails loudly with 401.
 */
export async function resolveActor(db: DB, req: NextRequest): Promise<Actor | null> {
  const sourceIp = sourceIpOf(req.headers);
  if (req.headers.has('authorization')) {
    const token = bearerTokenOf(req);
    const owner = token ? findTokenOwner(db, token) : null;
    if (!owner) return null;
    const actor: Actor = { userId: owner.userId, email: owner.email, role: owner.role, tenantId: owner.tenantId, via: 'token', sourceIp, tokenId: owner.tokenId, tokenScope: owner.scope };
    assertTokenScope(db, actor, req.method, req.nextUrl.pathname);
    return actor;
  }
  return sessionActor(db, req, sourceIp);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerTokenOf(req: { headers: Headers }): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1] ?? null;
}

async function sessionActor(db: DB, req: NextRequest, sourceIp: string | null): Promise<Actor | null> {
  if (isCrossSiteWrite(req)) return null;
  ensureAuthEnv();
  const jwt = await readSessionToken(req);
  if (!jwt?.userId) return null;
  if (jwt.authTime && Date.now() / 1000 - jwt.authTime > SESSION_ABSOLUTE_SECONDS) return null;
  // Read the user afresh: a disabled account or a changed role takes effect at once,
  // not when the cookie expires.
  const user = db
    .select({ id: users.id, email: users.email, role: users.role, tenantId: users.tenantId, disabledAt: users.disabledAt, passwordChangedAt: users.passwordChangedAt, sessionVersion: users.sessionVersion, tenantStatus: tenants.status })
    .from(users)
    .leftJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(users.id, jwt.userId))
    .get();
  if (!user || user.disabledAt || user.tenantStatus === 'suspended') return null;
  // A password change ends every session that signed in before it.
  if (user.passwordChangedAt && (!jwt.authTime || jwt.authTime * 1000 < user.passwordChangedAt.getTime())) return null;
  // Signed out, signed out everywhere, or ended by an administrator (session-version.ts).
  if (!sessionIsCurrent(db, jwt, user.sessionVersion)) return null;
  const actor: Actor = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, via: 'session', sourceIp };
  // Staff who chose a tenant in the console work on it (signed cookie, see act-for.ts).
  return applyActingFor(db, actor, req.cookies);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Defence in depth against CSRF on cookie-authenticated writes, on top of SameSite=Lax: a
 * browser tells us where a request comes from; refuse the cookie when that is another site.
 * Scripts with bearer tokens are unaffected.
 */
function isCrossSiteWrite(req: NextRequest): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = (req.headers.get('x-forwarded-host') ?? req.headers.get('host'))?.split(',')[0].trim();
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}
