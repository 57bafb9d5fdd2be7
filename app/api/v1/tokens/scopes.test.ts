import { and, eq, isNull } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { apiTokens, auditLog, users } from '@/db/schema';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { authSecret } from '@/lib/auth/secret';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as signInForToken } from '../auth/token/route';
import { GET as getMe } from '../me/route';
import { GET as listGroups } from '../groups/route';
import { GET as listUsers } from '../users/route';
import { PATCH as patchUser } from '../users/[id]/route';
import { POST as resetPassword } from '../users/[id]/password-reset/route';
import { DELETE as revoke } from './[id]/route';
import { GET as list, POST as create } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
});
beforeEach(() => resetAuthRateLimits());

const userRow = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;

/** A fresh session cookie of the user as next-auth would issue it now. */
async function sessionOf(email: string): Promise<string> {
  const u = userRow(email);
  const token = { userId: u.id, authTime: Date.now() / 1000 + 0.001, sessionVersion: u.sessionVersion };
  return `next-auth.session-token=${await encode({ token, secret: authSecret(), maxAge: 600 })}`;
}

async function createToken(email: string, body: Record<string, unknown>) {
  return callRoute(create, apiRequest('/api/v1/tokens', { body, headers: { cookie: await sessionOf(email) } }));
}

async function tokenFor(email: string, scope?: 'read' | 'full'): Promise<{ token: string; item: { id: string; scope: string } }> {
  const res = await createToken(email, { name: `${scope ?? 'default'} token`, expiresInDays: 30, ...(scope ? { scope } : {}) });
  expect(res.status).toBe(201);
  return res.json();
}

/** A throwaway token of the owner, to revoke through the API (a write every role may make). */
const throwaway = (email: string) => insertApiToken(db, { userId: userRow(email).id, name: 'throwaway', expiresAt: new Date(Date.now() + 60_000) }).id;
const revokeWith = (bearer: string, id: string) => callRoute(revoke, apiRequest(`/api/v1/tokens/${id}`, { method: 'DELETE', bearer }), { id });
const meWith = (bearer: string) => callRoute(getMe, apiRequest('/api/v1/me', { bearer }));

const ROLES = [
  ['user', 'user@acme.test'],
  ['client_admin', 'admin@acme.test'],
  ['staff', 'staff@calligo.test'],
] as const;

describe('token scopes (issue 19, item 9)', () => {
  it.each(ROLES)('%s: a read token reads (GET, HEAD) and is refused every write with 403 naming the scope', async (_role, email) => {
    const { token, item } = await tokenFor(email, 'read');
    expect(item.scope).toBe('read');
    expect((await meWith(token)).status).toBe(200);
    expect((await callRoute(getMe, apiRequest('/api/v1/me', { method: 'HEAD', bearer: token }))).status).toBe(200);
    expect((await callRoute(list, apiRequest('/api/v1/tokens', { bearer: token }))).status).toBe(200);

    const target = throwaway(email);
    const refused = await revokeWith(token, target);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = await refused.json();
    expect(problem).toMatchObject({ status: 403, tokenScope: 'read', requiredScope: 'full' });
    expect(problem.detail).toMatch(/"read" scope/);
    // Nothing changed, and the refusal is audited.
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, target)).get()!.revokedAt).toBeNull();
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'denied:token-scope'), eq(auditLog.actorId, userRow(email).id))).get()).toMatchObject({ outcome: 'denied', targetId: item.id });
  });

  it.each(ROLES)('%s: a full token acts with the role', async (_role, email) => {
    const { token, item } = await tokenFor(email, 'full');
    expect(item.scope).toBe('full');
    expect((await meWith(token)).status).toBe(200);
    expect((await revokeWith(token, throwaway(email))).status).toBe(204);
  });

  it('a client administrator\'s read token lists users and groups but changes no user; a full one does', async () => {
    const read = (await tokenFor('admin@acme.test', 'read')).token;
    const full = (await tokenFor('admin@acme.test', 'full')).token;
    expect((await callRoute(listUsers, apiRequest('/api/v1/users', { bearer: read }))).status).toBe(200);
    expect((await callRoute(listGroups, apiRequest('/api/v1/groups', { bearer: read }))).status).toBe(200);
    const id = userRow('user@acme.test').id;
    const patch = (bearer: string) => callRoute(patchUser, apiRequest(`/api/v1/users/${id}`, { method: 'PATCH', body: { role: 'user' }, bearer }), { id });
    expect((await patch(read)).status).toBe(403);
    expect((await patch(full)).status).toBe(200);
  });

  it('a read token may still sign itself out (DELETE /api/v1/auth/token)', async () => {
    const { DELETE: signOut } = await import('../auth/token/route');
    const { token } = await tokenFor('user@acme.test', 'read');
    expect((await callRoute(signOut, apiRequest('/api/v1/auth/token', { method: 'DELETE', bearer: token }))).status).toBe(204);
    expect((await meWith(token)).status).toBe(401);
  });

  it('tokens created in Settings default to read, and the list shows each scope', async () => {
    const { item } = await tokenFor('user@acme.test');
    expect(item.scope).toBe('read');
    const listed = await (await callRoute(list, apiRequest('/api/v1/tokens', { headers: { cookie: await sessionOf('user@acme.test') } }))).json();
    expect(listed.items.find((t: { id: string }) => t.id === item.id)).toMatchObject({ scope: 'read' });
    expect(new Set(listed.items.map((t: { scope: string }) => t.scope))).toEqual(new Set(['read', 'full']));
  });

  it('POST /api/v1/auth/token gives a full token by default, a read one when asked', async () => {
    const full = await (await callRoute(signInForToken, apiRequest('/api/v1/auth/token', { body: { email: 'user@acme.test', password: 'demo-password' } }))).json();
    expect(full.scope).toBe('full');
    const read = await callRoute(signInForToken, apiRequest('/api/v1/auth/token', { body: { email: 'user@acme.test', password: 'demo-password', scope: 'read' } }));
    expect(read.status).toBe(201);
    const { token, scope } = await read.json();
    expect(scope).toBe('read');
    expect((await revokeWith(token, throwaway('user@acme.test'))).status).toBe(403);
    const bad = await callRoute(signInForToken, apiRequest('/api/v1/auth/token', { body: { email: 'user@acme.test', password: 'demo-password', scope: 'admin' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'scope' })]);
  });
});

describe('token lifetime and bad input', () => {
  const count = () => db.select().from(apiTokens).all().length;

  it.each([
    [{ name: 'long', expiresInDays: 91 }, 'expiresInDays', /at most 90 days/],
    [{ name: 'long', expiresInDays: 365 }, 'expiresInDays', /at most 90 days/],
    [{ name: 'zero', expiresInDays: 0 }, 'expiresInDays', /at least/],
    [{ name: 'text', expiresInDays: 'soon' }, 'expiresInDays', /number/],
    [{ name: 'scope', scope: 'admin' }, 'scope', /read.*full/],
    [{ name: '', scope: 'read' }, 'name', /./],
  ])('%j → 400 naming %s, nothing created', async (body, field, message) => {
    for (const [, email] of ROLES) {
      const before = count();
      const res = await createToken(email, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const { errors } = await res.json();
      expect(errors).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })]);
      expect(count()).toBe(before);
    }
  });

  it('90 days is the longest lifetime', async () => {
    const res = await createToken('user@acme.test', { name: 'quarter', expiresInDays: 90 });
    expect(res.status).toBe(201);
    const { item } = await res.json();
    expect(new Date(item.expiresAt).getTime() - new Date(item.createdAt).getTime()).toBe(90 * 86_400_000);
  });
});

describe("an administrator's password reset and one-time passwords", () => {
  it("revokes the user's tokens (401) and refuses new ones until the user chose a password", async () => {
    const email = 'user@acme.test';
    const read = (await tokenFor(email, 'read')).token;
    const full = (await tokenFor(email, 'full')).token;
    expect((await meWith(full)).status).toBe(200);

    const id = userRow(email).id;
    const reset = await callRoute(resetPassword, apiRequest(`/api/v1/users/${id}/password-reset`, { method: 'POST', headers: { cookie: await sessionOf('admin@acme.test') } }), { id });
    expect(reset.status).toBe(200);
    const { initialPassword } = await reset.json();
    expect((await meWith(read)).status).toBe(401);
    expect((await meWith(full)).status).toBe(401);
    expect(db.select().from(apiTokens).where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt))).all()).toEqual([]);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'user.password-reset')).all().at(-1)!;
    expect((audit.details as { revokedTokenIds: string[] }).revokedTokenIds.length).toBeGreaterThanOrEqual(2);

    // The account must change its password: no token by password sign-in, none from its session.
    const bySignIn = await callRoute(signInForToken, apiRequest('/api/v1/auth/token', { body: { email, password: initialPassword } }));
    expect(bySignIn.status).toBe(403);
    expect(await bySignIn.json()).toMatchObject({ code: 'password-change-required' });
    const bySession = await createToken(email, { name: 'while one-time', scope: 'read' });
    expect(bySession.status).toBe(403);
    expect(await bySession.json()).toMatchObject({ code: 'password-change-required' });

    // A token that exists somehow (minted before the flag, restored from a backup) is not honoured.
    const stray = insertApiToken(db, { userId: id, name: 'stray', expiresAt: new Date(Date.now() + 60_000) }).token;
    expect((await meWith(stray)).status).toBe(401);

    // Once the user chose their own password, tokens work again.
    db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id)).run();
    expect((await meWith(stray)).status).toBe(200);
    expect((await createToken(email, { name: 'after', scope: 'read' })).status).toBe(201);
  });

  it('staff resetting a tenant user (acting for it) revokes the tokens too', async () => {
    const email = 'user@acme.test';
    const token = (await tokenFor(email, 'full')).token;
    const { ACT_FOR_COOKIE, signActFor } = await import('@/lib/auth/act-for');
    const staff = userRow('staff@calligo.test');
    const cookie = `${await sessionOf('staff@calligo.test')}; ${ACT_FOR_COOKIE}=${signActFor('ten_acme', staff.id)}`;
    const id = userRow(email).id;
    expect((await callRoute(resetPassword, apiRequest(`/api/v1/users/${id}/password-reset`, { method: 'POST', headers: { cookie } }), { id })).status).toBe(200);
    expect((await meWith(token)).status).toBe(401);
    db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id)).run();
  });
});
