import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { auditLog, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { GET, POST } from './route';

/**
 * Issue 19, item 12: POST /api/v1/users told a client administrator whether an email had an
 * account in another tenant (409 "already used by another account"). Now an address taken
 * outside what the caller can see is answered as a free one is; nothing is created or changed.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let acme: string;
let staff: string;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  acme = issueTestToken(db, ACME_ADMIN.userId);
  staff = issueTestToken(db, STAFF.userId);
});

const invite = (body: Record<string, unknown>, bearer = acme) => callRoute(POST, apiRequest('/api/v1/users', { body, bearer }));
const rowOf = (email: string) => db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).get();
const shape = (body: Record<string, unknown>) => ({ keys: Object.keys(body).sort(), userKeys: Object.keys(body.user as object).sort() });

describe('inviting an email that has an account in another tenant', () => {
  it('answers as for a fresh address (status, content type, body shape) and leaves the other account untouched', async () => {
    const fresh = await invite({ name: 'New Person', email: 'new.person@acme.test', role: 'client_admin' });
    const globexBefore = rowOf('user@globex.test')!;
    const elsewhere = await invite({ name: 'Tom Becker', email: 'User@Globex.test', role: 'client_admin' });

    expect(elsewhere.status).toBe(fresh.status);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.headers.get('content-type')).toBe(fresh.headers.get('content-type'));
    const [a, b] = [await fresh.json(), await elsewhere.json()];
    expect(shape(b)).toEqual(shape(a));
    expect(b).toMatchObject({ user: { name: 'Tom Becker', email: 'user@globex.test', role: 'client_admin', disabled: false, totpEnabled: false, lastSignInAt: null } });
    expect(b.user.id).toMatch(/^usr_/);
    expect(b.user.id).not.toBe(globexBefore.id);
    expect(b.initialPassword).toMatch(/^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$/);

    // Globex's user is untouched: same row, same tenant, same password; no second account.
    expect(rowOf('user@globex.test')).toEqual(globexBefore);
    expect(db.select().from(users).where(eq(sql`lower(${users.email})`, 'user@globex.test')).all()).toHaveLength(1);
    resetAuthRateLimits();
    await expect(verifyCredentials(db, { email: 'user@globex.test', password: 'demo-password' }, { sourceIp: null, channel: 'api' })).resolves.toMatchObject({ tenantId: 'ten_globex' });
    await expect(verifyCredentials(db, { email: 'user@globex.test', password: b.initialPassword }, { sourceIp: null, channel: 'api' })).rejects.toMatchObject({ status: 401 });
  });

  it('a staff account’s email is answered the same way', async () => {
    const before = rowOf('staff@calligo.test')!;
    const res = await invite({ name: 'Morgan', email: 'staff@calligo.test' });
    expect(res.status).toBe(201);
    expect(rowOf('staff@calligo.test')).toEqual(before);
  });

  it('nothing about it lands in the inviting tenant’s audit trail; the provider sees the attempt', async () => {
    await invite({ name: 'Priya', email: 'admin@globex.test' });
    const rows = db.select().from(auditLog).where(eq(auditLog.action, 'user.invite-email-elsewhere')).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenantId === null && r.outcome === 'denied')).toBe(true);
    expect(rows.at(-1)!.details).toMatchObject({ email: 'admin@globex.test', tenantId: 'ten_acme' });
  });

  it('an email of the caller’s own tenant is still a 409 (they can see it in their list: no secret to keep); staff, who see every account, get the 409 for any', async () => {
    const own = await invite({ name: 'Sam', email: 'user@acme.test' });
    expect(own.status).toBe(409);
    expect((await own.json()).errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const byStaff = await invite({ name: 'Tom', email: 'user@globex.test', tenantId: 'ten_acme' }, staff);
    expect(byStaff.status).toBe(409);
  });

  it('the list shows the created user only, never a phantom', async () => {
    const list = await (await callRoute(GET, apiRequest('/api/v1/users', { bearer: acme }))).json();
    const emails = (list.items as { email: string }[]).map((u) => u.email);
    expect(emails).toContain('new.person@acme.test');
    expect(emails).not.toContain('user@globex.test');
  });
});
