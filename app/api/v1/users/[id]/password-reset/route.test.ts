import { and, eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { auditLog, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { authSecret } from '@/lib/auth/secret';
import { listStaffAccounts } from '@/lib/domain/accounts/tenant-users';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { POST } from './route';

/**
 * POST /api/v1/users/{id}/password-reset for provider staff accounts (issue 19, item 13): nobody
 * could reset a staff member's password. Another staff member now can; never their own this
 * way; client roles never reach a staff account.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const OTHER_STAFF = 'usr_jo_calligo';
let db: DB;
const tokens = {} as Record<'staff' | 'otherStaff' | 'admin' | 'user', string>;

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  db.insert(users).values({ id: OTHER_STAFF, tenantId: null, email: 'jo@calligo.test', name: 'Jo Renouf', role: 'staff', passwordHash: await hashPassword('jo-own-password-123'), createdAt: new Date() }).run();
});
// A reset revokes the target's tokens and asks them for a new password (which refuses their
// tokens until they choose one): each test starts from people who chose theirs, with fresh tokens.
beforeEach(() => {
  resetAuthRateLimits();
  db.update(users).set({ mustChangePassword: false }).run();
  tokens.staff = issueTestToken(db, STAFF.userId);
  tokens.otherStaff = issueTestToken(db, OTHER_STAFF);
  tokens.admin = issueTestToken(db, ACME_ADMIN.userId);
  tokens.user = issueTestToken(db, ACME_USER.userId);
});

const reset = (caller: keyof typeof tokens, id: string) => callRoute(POST, apiRequest(`/api/v1/users/${id}/password-reset`, { method: 'POST', bearer: tokens[caller] }), { id });
const row = (id: string) => db.select().from(users).where(eq(users.id, id)).get()!;
const resets = (id: string) => db.select().from(auditLog).where(and(eq(auditLog.action, 'user.password-reset'), eq(auditLog.targetId, id))).all();

async function expectProblem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return res.json();
}

describe('a staff member resets another staff member’s password', () => {
  it('gives a one-time password shown once, asks for a new one at sign-in, ends their sessions, audits it with no tenant', async () => {
    const session = `next-auth.session-token=${await encode({ token: { userId: OTHER_STAFF, authTime: Date.now() / 1000 }, secret: authSecret(), maxAge: 1800 })}`;
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: session } }))).toMatchObject({ userId: OTHER_STAFF });

    const res = await reset('staff', OTHER_STAFF);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ user: { id: OTHER_STAFF, email: 'jo@calligo.test', role: 'staff' }, initialPassword: expect.stringMatching(/^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$/) });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|totpSecret/);

    const after = row(OTHER_STAFF);
    expect(after.mustChangePassword).toBe(true);
    expect(await verifyPassword(after.passwordHash, body.initialPassword)).toBe(true);
    expect(await verifyPassword(after.passwordHash, 'jo-own-password-123')).toBe(false);
    // Their session is over, as after any password change.
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: session } }))).toBeNull();
    // The one-time password signs in (to be replaced: mustChangePassword).
    await expect(verifyCredentials(db, { email: 'jo@calligo.test', password: body.initialPassword }, { sourceIp: null, channel: 'web' })).resolves.toMatchObject({ id: OTHER_STAFF });

    const [entry] = resets(OTHER_STAFF);
    expect(entry).toMatchObject({ actorId: STAFF.userId, actorRole: 'staff', tenantId: null, outcome: 'success', details: { email: 'jo@calligo.test', staffAccount: true } });
  });

  it('the other way round too', async () => {
    const res = await reset('otherStaff', STAFF.userId);
    expect(res.status).toBe(200);
    expect(row(STAFF.userId).mustChangePassword).toBe(true);
  });
});

describe('refusals', () => {
  it('never your own password this way (422 self-reset, problem+json naming what to do), nothing changed', async () => {
    const before = row(OTHER_STAFF);
    const body = await expectProblem(await reset('otherStaff', OTHER_STAFF), 422);
    expect(body).toMatchObject({ checks: [{ check: 'self-reset' }], errors: [{ field: 'id' }] });
    expect(body.detail).toMatch(/own password.*Your account.*another staff member/);
    expect(row(OTHER_STAFF)).toEqual(before);
  });

  it('a client user is refused (403); a client administrator cannot reach a staff account (404, as another tenant’s user); nothing changed', async () => {
    const before = row(OTHER_STAFF);
    const count = resets(OTHER_STAFF).length;
    await expectProblem(await reset('user', OTHER_STAFF), 403);
    await expectProblem(await reset('admin', OTHER_STAFF), 404);
    await expectProblem(await reset('admin', STAFF.userId), 404);
    expect(row(OTHER_STAFF)).toEqual(before);
    expect(resets(OTHER_STAFF)).toHaveLength(count);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'denied:users:manage'), eq(auditLog.actorId, ACME_USER.userId))).all().length).toBeGreaterThan(0);
  });

  it('an unknown id is 404', async () => {
    await expectProblem(await reset('staff', 'usr_nobody'), 404);
  });
});

describe('listStaffAccounts', () => {
  it('lists the provider’s accounts for staff only', () => {
    expect(listStaffAccounts(db, STAFF).map((s) => s.email)).toEqual(['jo@calligo.test', 'staff@calligo.test']);
    expect(() => listStaffAccounts(db, ACME_ADMIN)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => listStaffAccounts(db, ACME_USER)).toThrow(expect.objectContaining({ status: 403 }));
  });
});
