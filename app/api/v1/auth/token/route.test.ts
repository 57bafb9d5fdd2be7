import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { apiTokens, auditLog, tenants, totpRecoveryCodes, users } from '@/db/schema';
import { recoveryCodesLeft, replaceRecoveryCodes } from '@/lib/auth/second-factor';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { markTrustedForwarding } from '@/lib/server/forwarding.mjs';
import { GET as getMe } from '../../me/route';
import { DELETE, POST } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  // As under server.mjs, which sets x-cloudshield-client-ip from the socket and TRUST_PROXY_HOPS.
  markTrustedForwarding();
});
beforeEach(() => resetAuthRateLimits());

const signIn = (body: unknown, headers: Record<string, string> = {}) => callRoute(POST, apiRequest('/api/v1/auth/token', { body, headers }));
const me = (token: string) => callRoute(getMe, apiRequest('/api/v1/me', { bearer: token }));
const auditOf = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('POST /api/v1/auth/token', () => {
  it('issues a bearer token and stores only its hash', async () => {
    const res = await signIn({ email: 'Admin@Acme.test', password: 'demo-password' }, { 'x-cloudshield-client-ip': '203.0.113.7' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.token).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(body.user).toEqual({ id: expect.any(String), email: 'admin@acme.test', role: 'client_admin', tenantId: 'ten_acme' });

    const rows = db.select().from(apiTokens).where(eq(apiTokens.userId, body.user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).not.toContain(body.token);
    expect(body.token.startsWith(rows[0].prefix)).toBe(true);

    const created = auditOf('auth.token-created').at(-1);
    expect(created).toMatchObject({ actorId: body.user.id, tenantId: 'ten_acme', outcome: 'success', sourceIp: '203.0.113.7' });
  });

  it('GET /api/v1/me answers the token owner, without secrets', async () => {
    const { token } = await (await signIn({ email: 'user@acme.test', password: 'demo-password' })).json();
    const res = await me(token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ email: 'user@acme.test', role: 'user', tenantId: 'ten_acme', tenant: { id: 'ten_acme', slug: 'acme' }, totpEnabled: false });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2|totpSecret/);

    const staff = await (await signIn({ email: 'staff@calligo.test', password: 'demo-password' })).json();
    expect(await (await me(staff.token)).json()).toMatchObject({ role: 'staff', tenantId: null, tenant: null });
  });

  it('answers an unknown email exactly like a wrong password, as problem+json', async () => {
    const unknown = await signIn({ email: 'nobody@acme.test', password: 'demo-password' });
    const wrong = await signIn({ email: 'user@acme.test', password: 'not-the-password' });
    for (const res of [unknown, wrong]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const [a, b] = [await unknown.json(), await wrong.json()];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 401, title: 'Not authenticated', detail: 'Email or password is incorrect.' });

    const failures = auditOf('auth.sign-in-failed');
    expect(failures.map((f) => f.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'nobody@acme.test', reason: 'unknown-email' }),
        expect.objectContaining({ email: 'user@acme.test', reason: 'wrong-password' }),
      ]),
    );
    expect(failures.every((f) => f.outcome === 'failed')).toBe(true);
    expect(JSON.stringify(failures)).not.toContain('not-the-password');
  });

  it('slows further attempts from the same source with 429 and Retry-After after 5 failures, never locking the account', async () => {
    const from = { 'x-cloudshield-client-ip': '203.0.113.50' };
    for (let i = 0; i < 5; i++) expect((await signIn({ email: 'admin@globex.test', password: `guess-${i}` }, from)).status).toBe(401);
    const slowed = await signIn({ email: 'admin@globex.test', password: 'demo-password' }, from);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBe(1);
    expect(slowed.headers.get('content-type')).toBe('application/problem+json');
    expect(await slowed.json()).toMatchObject({ status: 429, title: 'Too many attempts' });
    // The account's owner elsewhere is not slowed down by those failures.
    expect((await signIn({ email: 'admin@globex.test', password: 'demo-password' }, { 'x-cloudshield-client-ip': '198.51.100.77' })).status).toBe(201);
  });

  it('limits failures per source address across accounts', async () => {
    const from = { 'x-cloudshield-client-ip': '198.51.100.9' };
    for (let i = 0; i < 20; i++) await signIn({ email: `probe${i}@acme.test`, password: 'x' }, from);
    expect((await signIn({ email: 'user@acme.test', password: 'demo-password' }, from)).status).toBe(429);
    expect((await signIn({ email: 'user@acme.test', password: 'demo-password' }, { 'x-cloudshield-client-ip': '198.51.100.10' })).status).toBe(201);
  });

  it('requires a valid one-time code once two-factor is on', async () => {
    const secret = new Secret({ size: 20 });
    db.update(users).set({ totpSecret: secret.base32, totpEnabled: true }).where(eq(users.email, 'admin@globex.test')).run();
    try {
      const missing = await signIn({ email: 'admin@globex.test', password: 'demo-password' });
      expect(missing.status).toBe(401);
      expect(await missing.json()).toMatchObject({ code: 'otp-required' });

      const otp = TOTP.generate({ secret });
      const invalid = await signIn({ email: 'admin@globex.test', password: 'demo-password', otp: otp === '000000' ? '111111' : '000000' });
      expect(invalid.status).toBe(401);
      expect(await invalid.json()).toMatchObject({ code: 'otp-invalid' });

      expect((await signIn({ email: 'admin@globex.test', password: 'demo-password', otp })).status).toBe(201);
      // The same code cannot be replayed.
      expect((await signIn({ email: 'admin@globex.test', password: 'demo-password', otp })).status).toBe(401);
      expect(auditOf('auth.sign-in-failed').some((f) => (f.details as { reason?: string }).reason === 'otp-invalid')).toBe(true);
    } finally {
      db.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.email, 'admin@globex.test')).run();
    }
  });

  it('refuses a recovery code (401 otp-invalid, like a wrong code) and leaves it unused: only the app\'s code signs scripts in', async () => {
    const secret = new Secret({ size: 20 });
    const id = db.select().from(users).where(eq(users.email, 'admin@globex.test')).get()!.id;
    db.update(users).set({ totpSecret: secret.base32, totpEnabled: true }).where(eq(users.id, id)).run();
    const [code] = db.transaction((tx) => replaceRecoveryCodes(tx, id));
    try {
      const res = await signIn({ email: 'admin@globex.test', password: 'demo-password', otp: code });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'otp-invalid' });
      expect(recoveryCodesLeft(db, id)).toBe(10);
      expect(db.select().from(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, id)).all().every((r) => r.usedAt === null)).toBe(true);
    } finally {
      db.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.id, id)).run();
      db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, id)).run();
    }
  });

  it('rejects malformed JSON (400), missing fields (400) and oversized bodies (413)', async () => {
    const malformed = await callRoute(POST, apiRequest('/api/v1/auth/token', { raw: '{"email": ' }));
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');
    expect(await malformed.json()).toMatchObject({ status: 400, title: 'Invalid request', errors: [{ field: '(body)', message: 'Malformed JSON' }] });

    const missing = await signIn({ password: 'demo-password' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'email' })]);

    const huge = await callRoute(POST, apiRequest('/api/v1/auth/token', { raw: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(70_000) }) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ status: 413, title: 'Payload too large', detail: expect.any(String) });
  });
});

describe('bearer tokens', () => {
  it('DELETE /api/v1/auth/token revokes the presented token', async () => {
    const { token } = await (await signIn({ email: 'user@acme.test', password: 'demo-password' })).json();
    expect((await me(token)).status).toBe(200);
    const res = await callRoute(DELETE, apiRequest('/api/v1/auth/token', { method: 'DELETE', bearer: token }));
    expect(res.status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ status: 401, title: 'Not authenticated' });
    expect(auditOf('auth.token-revoked')).toHaveLength(1);
  });

  it('rejects expired tokens, unknown tokens and tokens of disabled users', async () => {
    const user = db.select().from(users).where(eq(users.email, 'user@acme.test')).get()!;
    const expired = insertApiToken(db, { userId: user.id, name: 'old', expiresAt: new Date(Date.now() - 1000) });
    expect((await me(expired.token)).status).toBe(401);
    expect((await me('cs_this-token-does-not-exist')).status).toBe(401);

    const live = insertApiToken(db, { userId: user.id, name: 'live', expiresAt: new Date(Date.now() + 60_000) });
    expect((await me(live.token)).status).toBe(200);
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id)).run();
    try {
      expect((await me(live.token)).status).toBe(401);
      // A disabled account cannot sign in either, but learns why only with the right password.
      const res = await signIn({ email: 'user@acme.test', password: 'demo-password' });
      expect(res.status).toBe(403);
      expect((await signIn({ email: 'user@acme.test', password: 'wrong' })).status).toBe(401);
    } finally {
      db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id)).run();
    }
  });

  it('locks out every user and token of a suspended tenant, and lets them back on reactivation', async () => {
    const user = db.select().from(users).where(eq(users.email, 'admin@globex.test')).get()!;
    const live = insertApiToken(db, { userId: user.id, name: 'script', expiresAt: new Date(Date.now() + 60_000) });
    expect((await me(live.token)).status).toBe(200);
    db.update(tenants).set({ status: 'suspended' }).where(eq(tenants.id, user.tenantId!)).run();
    try {
      expect((await me(live.token)).status).toBe(401);
      const res = await signIn({ email: 'admin@globex.test', password: 'demo-password' });
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toMatch(/suspended/);
      expect(auditOf('auth.sign-in-failed').some((a) => (a.details as { reason?: string }).reason === 'tenant-suspended')).toBe(true);
      // Staff are not tied to a tenant and are unaffected.
      expect((await signIn({ email: 'staff@calligo.test', password: 'demo-password' })).status).toBe(201);
    } finally {
      db.update(tenants).set({ status: 'active' }).where(eq(tenants.id, user.tenantId!)).run();
    }
    expect((await me(live.token)).status).toBe(200);
  });

  it('records lastUsedAt at most once a minute', async () => {
    const { token } = await (await signIn({ email: 'admin@acme.test', password: 'demo-password' })).json();
    await me(token);
    const first = db.select().from(apiTokens).all().find((t) => token.startsWith(t.prefix) && t.lastUsedAt)!;
    await me(token);
    const second = db.select().from(apiTokens).where(eq(apiTokens.id, first.id)).get()!;
    expect(second.lastUsedAt?.getTime()).toBe(first.lastUsedAt?.getTime());
  });
});
