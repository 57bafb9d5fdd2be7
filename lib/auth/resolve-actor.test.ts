import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { apiRequest } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { markTrustedForwarding } from '@/lib/server/forwarding.mjs';
import { insertApiToken } from './api-tokens';
import { resolveActor } from './resolve-actor';
import { authSecret } from './secret';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let admin: { id: string };
beforeAll(async () => {
  db = await seededTestDb();
  admin = db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@acme.test')).get()!;
  markTrustedForwarding(); // as under server.mjs
});

async function sessionCookie(claims: Record<string, unknown>) {
  const value = await encode({ token: claims, secret: authSecret(), maxAge: 1800 });
  return `next-auth.session-token=${value}`;
}

describe('resolveActor', () => {
  it('is null for anonymous requests', async () => {
    expect(await resolveActor(db, apiRequest('/api/v1/me'))).toBeNull();
  });

  it('reads the session cookie and the user afresh from the database', async () => {
    // The cookie says "user"; the database says client_admin: the database wins.
    const cookie = await sessionCookie({ userId: admin.id, role: 'user', authTime: Math.floor(Date.now() / 1000) });
    const actor = await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie, 'x-forwarded-for': '203.0.113.7', 'x-cloudshield-client-ip': '192.0.2.1' } }));
    expect(actor).toEqual({ userId: admin.id, email: 'admin@acme.test', role: 'client_admin', tenantId: 'ten_acme', via: 'session', sourceIp: '192.0.2.1' });
  });

  it('refuses sessions of disabled users, past the absolute lifetime, or forged', async () => {
    const old = await sessionCookie({ userId: admin.id, authTime: Math.floor(Date.now() / 1000) - 13 * 3600 });
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: old } }))).toBeNull();

    const forged = `next-auth.session-token=${await encode({ token: { userId: admin.id }, secret: 'another-secret-0123456789abcdef', maxAge: 60 })}`;
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: forged } }))).toBeNull();

    const cookie = await sessionCookie({ userId: admin.id });
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, admin.id)).run();
    try {
      expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie } }))).toBeNull();
    } finally {
      db.update(users).set({ disabledAt: null }).where(eq(users.id, admin.id)).run();
    }
  });

  it('ignores the cookie on cross-site writes but not on same-origin ones', async () => {
    const cookie = await sessionCookie({ userId: admin.id });
    const write = (origin: string) =>
      resolveActor(db, apiRequest('/api/v1/groups', { method: 'POST', body: {}, headers: { cookie, origin, host: 'portal.example' } }));
    expect(await write('https://evil.example')).toBeNull();
    expect(await write('https://portal.example')).toMatchObject({ userId: admin.id, via: 'session' });
  });

  it('prefers the bearer token and never falls back to the cookie when it is invalid', async () => {
    const cookie = await sessionCookie({ userId: admin.id });
    const issued = insertApiToken(db, { userId: admin.id, name: 't', expiresAt: new Date(Date.now() + 60_000) });
    expect(await resolveActor(db, apiRequest('/api/v1/me', { bearer: issued.token }))).toMatchObject({ userId: admin.id, via: 'token' });
    expect(await resolveActor(db, apiRequest('/api/v1/me', { bearer: 'cs_bogus', headers: { cookie } }))).toBeNull();
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie, authorization: 'Basic Zm9vOmJhcg==' } }))).toBeNull();
  });
});

describe('resolveActor for staff acting for a tenant', () => {
  it('narrows a staff session with a signed act-for cookie, never a token', async () => {
    const { ACT_FOR_COOKIE, signActFor } = await import('./act-for');
    const staff = db.select({ id: users.id }).from(users).where(eq(users.email, 'staff@calligo.test')).get()!;
    const cookie = `${await sessionCookie({ userId: staff.id })}; ${ACT_FOR_COOKIE}=${signActFor('ten_acme', staff.id)}`;
    expect(await resolveActor(db, apiRequest('/api/v1/groups', { headers: { cookie } }))).toMatchObject({ role: 'staff', tenantId: 'ten_acme', actingForTenant: true });
    const issued = insertApiToken(db, { userId: staff.id, name: 't', expiresAt: new Date(Date.now() + 60_000) });
    expect(await resolveActor(db, apiRequest('/api/v1/groups', { bearer: issued.token, headers: { cookie } }))).toMatchObject({ tenantId: null, via: 'token' });
  });
});
