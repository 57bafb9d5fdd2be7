import { and, eq } from 'drizzle-orm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { auditLog, users } from '@/db/schema';
import { authOptions } from '@/lib/auth/options';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as me } from '../../route';
import { PATCH as patchUser } from '../../../users/[id]/route';
import { POST as resetPassword } from '../../../users/[id]/password-reset/route';
import { POST as revokeSessions } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

// next-auth's own request handler, the one its Next route wraps (which needs a request context to
// read cookies); its package exports do not list it, so it is loaded by path.
type AuthResponse = { status?: number; body?: unknown; cookies?: { name: string; value: string; options?: { maxAge?: number } }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<AuthResponse>;
};

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
});
beforeEach(() => resetAuthRateLimits());

const HEADERS = { host: 'localhost:3000', 'x-forwarded-for': '192.0.2.80', 'user-agent': 'vitest' };
type Jar = Record<string, string>;

/** One next-auth request, the way its route handler makes it; cookies it sets go into the jar. */
async function nextAuth(jar: Jar, method: 'GET' | 'POST', action: string, body: Record<string, string> = {}, providerId?: string) {
  const res = await AuthHandler({ req: { method, action, providerId, body, query: {}, cookies: { ...jar }, headers: HEADERS }, options: authOptions() });
  for (const c of res.cookies ?? []) {
    if (c.options?.maxAge === 0 || c.value === '') delete jar[c.name];
    else jar[c.name] = c.value;
  }
  return res;
}

/** Signs in through next-auth (CSRF token, credentials callback) and returns the cookie jar. */
async function signIn(email: string): Promise<Jar> {
  const jar: Jar = {};
  const csrf = await nextAuth(jar, 'GET', 'csrf');
  const { csrfToken } = csrf.body as { csrfToken: string };
  const r = await nextAuth(jar, 'POST', 'callback', { csrfToken, email, password: 'demo-password', json: 'true' }, 'credentials');
  expect(r.cookies?.some((c) => c.name.endsWith(SESSION_COOKIE))).toBe(true);
  return jar;
}

async function signOut(jar: Jar) {
  const { csrfToken } = (await nextAuth(jar, 'GET', 'csrf')).body as { csrfToken: string };
  await nextAuth(jar, 'POST', 'signout', { csrfToken, json: 'true' });
}

// next-auth names it __Secure-… when it takes the origin for https; resolveActor reads either.
const SESSION_COOKIE = 'next-auth.session-token';
const sessionKey = (jar: Jar) => Object.keys(jar).find((k) => k.endsWith(SESSION_COOKIE));
const cookieOf = (jar: Jar) => {
  const key = sessionKey(jar);
  return key ? `${key}=${jar[key]}` : '';
};
const apiStatus = async (cookie: string) => (await callRoute(me, apiRequest('/api/v1/me', { headers: { cookie } }))).status;
/** What a page sees (current-actor.ts resolves a page request the same way): null → redirect to /login. */
const pageActor = (cookie: string) => resolveActor(db, apiRequest('/settings', { headers: { cookie } }));
const versionOf = (email: string) => db.select({ v: users.sessionVersion }).from(users).where(eq(users.email, email)).get()!.v;

describe('sign-out ends the session (issue 19, item 6)', () => {
  it('refuses a cookie captured before sign-out, on the API and on pages; a fresh sign-in works', async () => {
    const jar = await signIn('user@acme.test');
    const otherDevice = await signIn('user@acme.test');
    const captured = cookieOf(jar);
    expect(await apiStatus(captured)).toBe(200);
    expect(await pageActor(captured)).toMatchObject({ email: 'user@acme.test' });

    await signOut(jar);
    expect(sessionKey(jar)).toBeUndefined();
    expect(await apiStatus(captured)).toBe(401);
    expect(await pageActor(captured)).toBeNull();
    // Only this session ended: the same person's other device is still signed in.
    expect(await apiStatus(cookieOf(otherDevice))).toBe(200);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign-out')).all().at(-1)).toMatchObject({ details: { ended: 'session' } });

    const again = await signIn('user@acme.test');
    expect(await apiStatus(cookieOf(again))).toBe(200);
  });

  it('a replayed, already ended cookie cannot sign its owner out again', async () => {
    const first = await signIn('user@acme.test');
    const stale = { ...first };
    await signOut(first);
    const current = await signIn('user@acme.test');
    const before = versionOf('user@acme.test');
    await signOut(stale);
    expect(versionOf('user@acme.test')).toBe(before);
    expect(await apiStatus(cookieOf(current))).toBe(200);
  });

  it('a cookie from before session ids (no sid) is ended with the others, once', async () => {
    const { encode } = await import('next-auth/jwt');
    const { authSecret } = await import('@/lib/auth/secret');
    const u = db.select().from(users).where(eq(users.email, 'user@acme.test')).get()!;
    const claims = { userId: u.id, role: u.role, email: u.email, tenantId: u.tenantId, authTime: Date.now() / 1000 + 0.001, sessionVersion: u.sessionVersion };
    const other = await signIn('user@acme.test');
    const legacy: Jar = { [sessionKey(other)!]: await encode({ token: claims, secret: authSecret(), maxAge: 600 }) };
    const replay = { ...legacy };
    await signOut(legacy);
    expect(await apiStatus(cookieOf(replay))).toBe(401);
    expect(await apiStatus(cookieOf(other))).toBe(401);
    expect(versionOf('user@acme.test')).toBe(u.sessionVersion + 1);
    const current = await signIn('user@acme.test');
    await signOut(replay);
    expect(versionOf('user@acme.test')).toBe(u.sessionVersion + 1);
    expect(await apiStatus(cookieOf(current))).toBe(200);
  });
});

describe('POST /api/v1/me/sessions/revoke (sign out everywhere)', () => {
  it.each(['user@acme.test', 'admin@acme.test', 'staff@calligo.test'])('ends two sessions of %s at once, audited; a fresh sign-in works after', async (email) => {
    const laptop = await signIn(email);
    const phone = await signIn(email);
    expect(await apiStatus(cookieOf(phone))).toBe(200);

    const res = await callRoute(revokeSessions, apiRequest('/api/v1/me/sessions/revoke', { method: 'POST', headers: { cookie: cookieOf(laptop) } }));
    expect(res.status).toBe(204);
    expect(await apiStatus(cookieOf(laptop))).toBe(401);
    expect(await apiStatus(cookieOf(phone))).toBe(401);
    expect(await pageActor(cookieOf(phone))).toBeNull();
    const userId = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.sign-out-everywhere'), eq(auditLog.actorId, userId))).get()).toMatchObject({ targetId: userId, outcome: 'success' });

    expect(await apiStatus(cookieOf(await signIn(email)))).toBe(200);
  });

  it('is refused anonymously (401) and for a read-scope token (403), allowed for a full token', async () => {
    expect((await callRoute(revokeSessions, apiRequest('/api/v1/me/sessions/revoke', { method: 'POST' }))).status).toBe(401);
    const { insertApiToken } = await import('@/lib/auth/api-tokens');
    const user = db.select({ id: users.id }).from(users).where(eq(users.email, 'user@acme.test')).get()!;
    const read = insertApiToken(db, { userId: user.id, name: 'ro', expiresAt: new Date(Date.now() + 60_000), scope: 'read' }).token;
    const refused = await callRoute(revokeSessions, apiRequest('/api/v1/me/sessions/revoke', { method: 'POST', bearer: read }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');

    const session = await signIn('user@acme.test');
    const full = issueTestToken(db, user.id);
    expect((await callRoute(revokeSessions, apiRequest('/api/v1/me/sessions/revoke', { method: 'POST', bearer: full }))).status).toBe(204);
    expect(await apiStatus(cookieOf(session))).toBe(401);
    // The token itself is a separate credential and keeps working.
    expect((await callRoute(me, apiRequest('/api/v1/me', { bearer: full }))).status).toBe(200);
  });
});

describe("an administrator's changes end the user's sessions", () => {
  const admin = () => signIn('admin@acme.test');
  const userId = () => db.select({ id: users.id }).from(users).where(eq(users.email, 'user@acme.test')).get()!.id;

  it('a role change', async () => {
    const [a, u] = [await admin(), await signIn('user@acme.test')];
    const id = userId();
    expect((await callRoute(patchUser, apiRequest(`/api/v1/users/${id}`, { method: 'PATCH', body: { role: 'client_admin' }, headers: { cookie: cookieOf(a) } }), { id })).status).toBe(200);
    expect(await apiStatus(cookieOf(u))).toBe(401);
    const a2 = await admin();
    expect((await callRoute(patchUser, apiRequest(`/api/v1/users/${id}`, { method: 'PATCH', body: { role: 'user' }, headers: { cookie: cookieOf(a2) } }), { id })).status).toBe(200);
  });

  it('disabling: the old cookie stays refused after the account is enabled again', async () => {
    const [a, u] = [await admin(), await signIn('user@acme.test')];
    const id = userId();
    const patch = (body: unknown) => callRoute(patchUser, apiRequest(`/api/v1/users/${id}`, { method: 'PATCH', body, headers: { cookie: cookieOf(a) } }), { id });
    expect((await patch({ disabled: true })).status).toBe(200);
    expect((await patch({ disabled: false })).status).toBe(200);
    expect(await apiStatus(cookieOf(u))).toBe(401);
  });

  it('a password reset', async () => {
    const [a, u] = [await admin(), await signIn('user@acme.test')];
    const id = userId();
    const before = versionOf('user@acme.test');
    expect((await callRoute(resetPassword, apiRequest(`/api/v1/users/${id}/password-reset`, { method: 'POST', headers: { cookie: cookieOf(a) } }), { id })).status).toBe(200);
    expect(versionOf('user@acme.test')).toBe(before + 1);
    expect(await apiStatus(cookieOf(u))).toBe(401);
  });
});
