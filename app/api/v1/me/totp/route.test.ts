import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { apiTokens, auditLog, users } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as resetTotp } from '../../users/[id]/totp-reset/route';
import { GET as codesLeft, POST as regenerate } from './recovery-codes/route';
import { DELETE as totpDelete, POST as totpBegin, PUT as totpConfirm } from './route';
import { GET as getMe } from '../route';

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

describe('a two-factor reset ends the target\'s sessions and revokes their API tokens', () => {
  it('their open session and their token stop working; the audit entry says so', async () => {
    const target = idOf('user@acme.test');
    db.update(users).set({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXP' }).where(eq(users.id, target)).run();
    const version = db.select().from(users).where(eq(users.id, target)).get()!.sessionVersion;
    const theirCookie = `next-auth.session-token=${await encode({ token: { userId: target, sessionVersion: version, sid: 'sid-totp-reset-test' }, secret: authSecret(), maxAge: 600 })}`;
    const theirToken = issueTestToken(db, target);
    const activeBefore = db.select().from(apiTokens).where(eq(apiTokens.userId, target)).all().filter((t) => t.revokedAt === null).map((t) => t.id);
    const meBySession = () => callRoute(getMe, apiRequest('/api/v1/me', { headers: { cookie: theirCookie } }));
    const meByToken = () => callRoute(getMe, apiRequest('/api/v1/me', { bearer: theirToken }));
    expect((await meBySession()).status).toBe(200);
    expect((await meByToken()).status).toBe(200);

    const reset = await callRoute(resetTotp, asToken('admin@acme.test', 'POST', `/api/v1/users/${target}/totp-reset`), { id: target });
    expect(reset.status).toBe(200);

    expect((await meBySession()).status).toBe(401);
    expect((await meByToken()).status).toBe(401);
    expect(db.select().from(users).where(eq(users.id, target)).get()!.sessionVersion).toBe(version + 1);
    const tokens = db.select().from(apiTokens).where(eq(apiTokens.userId, target)).all();
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'user.totp-reset')).all().filter((a) => a.targetId === target).at(-1)!;
    expect(activeBefore.length).toBeGreaterThan(0);
    expect(entry.details).toMatchObject({ sessionsEnded: true, revokedTokenIds: expect.arrayContaining(activeBefore) });
  });
});

describe('wrong codes are throttled per user (confirm, new recovery codes, turn off)', () => {
  it('5 wrong codes, then 429 with Retry-After naming `code`, audited; a right code resets the budget', async () => {
    resetAuthRateLimits();
    const me = idOf('admin@globex.test');
    const theirCookie = `next-auth.session-token=${await encode({ token: { userId: me }, secret: authSecret(), maxAge: 600 })}`;
    const as = (method: string, path: string, body?: unknown) => apiRequest(path, { method, body, headers: { cookie: theirCookie } });
    const begin = await callRoute(totpBegin, as('POST', '/api/v1/me/totp', { password: 'demo-password' }));
    expect(begin.status).toBe(201);
    const secret = Secret.fromBase32((await begin.json()).secret);
    const codeAt = (offsetMs: number) => TOTP.generate({ secret, timestamp: Date.now() + offsetMs });
    const wrong = () => {
      const valid = new Set([codeAt(-30_000), codeAt(0), codeAt(30_000)]);
      for (let n = 0; ; n++) {
        const c = String(123456 + n * 7919).padStart(6, '0').slice(-6);
        if (!valid.has(c)) return c;
      }
    };

    // Confirming: four wrong codes, then the right one switches it on and clears the count.
    for (let i = 0; i < 4; i++) expect((await callRoute(totpConfirm, as('PUT', '/api/v1/me/totp', { code: wrong() }))).status).toBe(400);
    expect((await callRoute(totpConfirm, as('PUT', '/api/v1/me/totp', { code: codeAt(-30_000) }))).status).toBe(200);

    // New recovery codes: five wrong codes are answered 400, the sixth guess (even a right one) 429.
    for (let i = 0; i < 5; i++) expect((await callRoute(regenerate, as('POST', '/api/v1/me/totp/recovery-codes', { code: wrong() }))).status, `guess ${i + 1}`).toBe(400);
    const limited = await callRoute(regenerate, as('POST', '/api/v1/me/totp/recovery-codes', { code: codeAt(0) }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await limited.json()).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    // The same budget covers turning it off (the password is right; the code is not even looked at).
    const off = await callRoute(totpDelete, as('DELETE', '/api/v1/me/totp', { password: 'demo-password', code: codeAt(0) }));
    expect(off.status).toBe(429);
    expect(db.select().from(users).where(eq(users.id, me)).get()!.totpEnabled).toBe(true);
    const refusals = db.select().from(auditLog).where(eq(auditLog.action, 'denied:totp-code-throttled')).all().filter((a) => a.targetId === me);
    expect(refusals.reduce((n, a) => n + a.count, 0)).toBe(2);
    expect(refusals.every((a) => a.outcome === 'denied')).toBe(true);
    resetAuthRateLimits();
    db.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, me)).run();
  });

  it('confirming an enrolment is throttled too', async () => {
    resetAuthRateLimits();
    const me = idOf('admin@acme.test');
    const theirCookie = `next-auth.session-token=${await encode({ token: { userId: me }, secret: authSecret(), maxAge: 600 })}`;
    const as = (method: string, path: string, body?: unknown) => apiRequest(path, { method, body, headers: { cookie: theirCookie } });
    const begin = await callRoute(totpBegin, as('POST', '/api/v1/me/totp', { password: 'demo-password' }));
    const secret = Secret.fromBase32((await begin.json()).secret);
    const right = TOTP.generate({ secret });
    const bad = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await callRoute(totpConfirm, as('PUT', '/api/v1/me/totp', { code: bad }))).status).toBe(400);
    const limited = await callRoute(totpConfirm, as('PUT', '/api/v1/me/totp', { code: right }));
    expect(limited.status).toBe(429);
    expect((await limited.json()).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expect(db.select().from(users).where(eq(users.id, me)).get()!.totpEnabled).toBe(false);
    resetAuthRateLimits();
    db.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, me)).run();
  });
});
