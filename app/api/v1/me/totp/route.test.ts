import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { auditLog, users } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as resetTotp } from '../../users/[id]/totp-reset/route';
import { GET as codesLeft, POST as regenerate } from './recovery-codes/route';
import { DELETE as totpDelete, POST as totpBegin, PUT as totpConfirm } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let cookie: string;
let userId: string;
const idOf = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!.id;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  userId = idOf('admin2@acme.test');
  cookie = `next-auth.session-token=${await encode({ token: { userId }, secret: authSecret(), maxAge: 600 })}`;
});

const asSession = (method: string, path: string, body?: unknown) => apiRequest(path, { method, body, headers: { cookie } });
const asToken = (email: string, method: string, path: string, body?: unknown) => apiRequest(path, { method, body, bearer: issueTestToken(db, idOf(email)) });

describe('/api/v1/me/totp', () => {
  it('a bearer token cannot enrol, confirm, make codes or turn it off: 403 problem+json, audited', async () => {
    for (const [handler, method, path, body] of [
      [totpBegin, 'POST', '/api/v1/me/totp', { password: 'demo-password' }],
      [totpConfirm, 'PUT', '/api/v1/me/totp', { code: '123456' }],
      [totpDelete, 'DELETE', '/api/v1/me/totp', { password: 'demo-password', code: '123456' }],
      [regenerate, 'POST', '/api/v1/me/totp/recovery-codes', { code: '123456' }],
    ] as const) {
      const res = await callRoute(handler, asToken('admin2@acme.test', method, path, body));
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 403, detail: expect.stringMatching(/signed-in browser session, not with an API token/) });
    }
    expect(db.select().from(users).where(eq(users.id, userId)).get()).toMatchObject({ totpSecret: null, totpEnabled: false });
    expect(db.select().from(auditLog).where(eq(auditLog.actorId, userId)).all().filter((a) => a.outcome === 'denied').reduce((n, a) => n + a.count, 0)).toBe(4);
  });

  it('from a session: password, code, ten recovery codes once, their count, a new set, then off with a recovery code', async () => {
    resetAuthRateLimits();
    const noPassword = await callRoute(totpBegin, asSession('POST', '/api/v1/me/totp', {}));
    expect(noPassword.status).toBe(400);
    expect((await noPassword.json()).errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const wrong = await callRoute(totpBegin, asSession('POST', '/api/v1/me/totp', { password: 'guess' }));
    expect(wrong.status).toBe(400);

    const begin = await callRoute(totpBegin, asSession('POST', '/api/v1/me/totp', { password: 'demo-password' }));
    expect(begin.status).toBe(201);
    const { secret } = await begin.json();
    const on = await callRoute(totpConfirm, asSession('PUT', '/api/v1/me/totp', { code: TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() - 30_000 }) }));
    const { recoveryCodes } = await on.json();
    expect(recoveryCodes).toHaveLength(10);

    // The count is readable with a token too (never the codes).
    const left = await callRoute(codesLeft, asToken('admin2@acme.test', 'GET', '/api/v1/me/totp/recovery-codes'));
    expect(await left.json()).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });

    const fresh = await callRoute(regenerate, asSession('POST', '/api/v1/me/totp/recovery-codes', { code: TOTP.generate({ secret: Secret.fromBase32(secret) }) }));
    expect(fresh.status).toBe(201);
    const { recoveryCodes: second } = await fresh.json();
    expect(second).toHaveLength(10);
    expect(second).not.toContain(recoveryCodes[0]);

    const withoutCode = await callRoute(totpDelete, asSession('DELETE', '/api/v1/me/totp', { password: 'demo-password' }));
    expect(withoutCode.status).toBe(400);
    expect((await withoutCode.json()).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const oldCode = await callRoute(totpDelete, asSession('DELETE', '/api/v1/me/totp', { password: 'demo-password', code: recoveryCodes[0] }));
    expect(oldCode.status).toBe(400);
    const off = await callRoute(totpDelete, asSession('DELETE', '/api/v1/me/totp', { password: 'demo-password', code: second[0] }));
    expect(off.status).toBe(204);
  });
});

describe('POST /api/v1/users/{id}/totp-reset', () => {
  it('client admin of the tenant and staff: 200; another tenant\'s admin 404; a user 403', async () => {
    const target = idOf('user@acme.test');
    const enable = () => db.update(users).set({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXP' }).where(eq(users.id, target)).run();
    enable();
    const post = (email: string) => callRoute(resetTotp, asToken(email, 'POST', `/api/v1/users/${target}/totp-reset`), { id: target });
    expect((await post('admin@globex.test')).status).toBe(404);
    expect((await post('user@acme.test')).status).toBe(403);
    expect(db.select().from(users).where(eq(users.id, target)).get()!.totpEnabled).toBe(true);
    const ok = await post('admin@acme.test');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: target, totpEnabled: false });
    enable();
    expect((await post('staff@calligo.test')).status).toBe(200);
    const audited = db.select({ action: auditLog.action, outcome: auditLog.outcome }).from(auditLog).where(eq(auditLog.targetId, target)).all();
    expect(audited.filter((a) => a.action === 'user.totp-reset')).toHaveLength(2);
    expect(audited.filter((a) => a.outcome === 'denied')).toHaveLength(2);
  });
});
