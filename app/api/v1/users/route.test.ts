import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { auditLog, users } from '@/db/schema';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as me } from '../me/route';
import { PATCH } from './[id]/route';
import { GET, POST } from './route';

/**
 * /api/v1/users through the real apiRoute wrapper and bearer tokens: the role matrix, the
 * refusals before validation, problem+json on bad input, and a disabled user's token dying.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

type Caller = 'anonymous' | 'user' | 'admin' | 'otherAdmin' | 'staff';
let db: DB;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
const expiresAt = () => new Date(Date.now() + 3_600_000);
let seq = 0;

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  for (const [caller, userId] of [['user', 'usr_user_acme'], ['admin', 'usr_admin_acme'], ['otherAdmin', 'usr_admin_globex'], ['staff', 'usr_staff_calligo']] as const) {
    tokens[caller] = insertApiToken(db, { userId, name: 'users route test', expiresAt: expiresAt() }).token;
  }
});

const as = (caller: Caller) => (caller === 'anonymous' ? undefined : tokens[caller]);
const snapshot = () => JSON.stringify(db.select().from(users).all());

async function expectProblem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return body;
}

async function invite(caller: Caller, body: Record<string, unknown> = {}) {
  const n = ++seq;
  return callRoute(POST, apiRequest('/api/v1/users', { body: { name: `API person ${n}`, email: `api${n}@acme.test`, ...body }, bearer: as(caller) }));
}

describe('GET /api/v1/users', () => {
  it.each([
    ['anonymous', '', 401],
    ['user', '', 403],
    ['staff', '', 400],
    ['staff', '?tenantId=ten_nope', 404],
  ] as const)('as %s%s → %i', async (caller, query, status) => {
    await expectProblem(await callRoute(GET, apiRequest(`/api/v1/users${query}`, { bearer: as(caller) })), status);
  });

  it.each([
    ['admin', '', '@acme.test'],
    ['otherAdmin', '?tenantId=ten_acme', '@globex.test'],
    ['staff', '?tenantId=ten_globex', '@globex.test'],
  ] as const)('as %s%s → 200, own tenant only', async (caller, query, domain) => {
    const res = await callRoute(GET, apiRequest(`/api/v1/users${query}`, { bearer: as(caller) }));
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u: { email: string; passwordHash?: string }) => u.email.endsWith(domain) && u.passwordHash === undefined)).toBe(true);
  });
});

describe('POST /api/v1/users', () => {
  it('an admin invites: 201 with the user and the one-time password', async () => {
    const res = await invite('admin', { role: 'client_admin' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ user: expect.objectContaining({ id: expect.any(String), role: 'client_admin', disabled: false }), initialPassword: expect.stringMatching(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('staff invite for a named tenant (201), and must name one (400)', async () => {
    expect((await invite('staff', { tenantId: 'ten_acme' })).status).toBe(201);
    const body = await expectProblem(await invite('staff'), 400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'tenantId' })]);
  });

  it.each([
    ['anonymous', 401],
    ['user', 403],
    ['otherAdmin', 404],
  ] as const)('as %s with a malformed body → %i before validation, nothing created', async (caller, status) => {
    const before = snapshot();
    // otherAdmin names Acme: "not found", whatever else the body holds.
    const raw = caller === 'otherAdmin' ? JSON.stringify({ tenantId: 'ten_acme', name: 42 }) : '{not json';
    await expectProblem(await callRoute(POST, apiRequest('/api/v1/users', { raw, bearer: as(caller) })), status);
    expect(snapshot()).toBe(before);
  });

  it('bad fields → 400 naming each; a taken email → 409 naming it', async () => {
    const before = snapshot();
    const bad = await expectProblem(await callRoute(POST, apiRequest('/api/v1/users', { body: { name: '', email: 'nope', role: 'staff' }, bearer: tokens.admin })), 400);
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'role']);
    const malformed = await expectProblem(await callRoute(POST, apiRequest('/api/v1/users', { raw: '{nope', bearer: tokens.admin })), 400);
    expect(malformed.errors).toEqual([{ field: '(body)', message: 'Malformed JSON' }]);
    const taken = await expectProblem(await invite('admin', { email: 'User@Acme.test' }), 409);
    expect(taken.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(snapshot()).toBe(before);
  });
});

describe('PATCH /api/v1/users/{id}', () => {
  const patch = (caller: Caller, id: string, init: { body?: unknown; raw?: string }) =>
    callRoute(PATCH, apiRequest(`/api/v1/users/${id}`, { method: 'PATCH', ...init, bearer: as(caller) }), { id });

  it.each([
    ['anonymous', 401],
    ['user', 403],
    ['otherAdmin', 404],
  ] as const)('as %s with a malformed body → %i, nothing changed', async (caller, status) => {
    const { user } = await (await invite('admin')).json();
    const before = snapshot();
    await expectProblem(await patch(caller, user.id, { raw: '{not json' }), status);
    expect(snapshot()).toBe(before);
  });

  it('admin and staff → 200; a disabled user token stops working at once', async () => {
    const { user } = await (await invite('admin')).json();
    // Tokens work once the invited user has chosen their own password (issue 19).
    db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id)).run();
    const token = insertApiToken(db, { userId: user.id, name: 'their script', expiresAt: expiresAt() }).token;
    expect((await callRoute(me, apiRequest('/api/v1/me', { bearer: token }))).status).toBe(200);

    const promoted = await patch('staff', user.id, { body: { role: 'client_admin' } });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ id: user.id, role: 'client_admin' });

    const disabled = await patch('admin', user.id, { body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ id: user.id, disabled: true });
    expect((await callRoute(me, apiRequest('/api/v1/me', { bearer: token }))).status).toBe(401);
    expect(db.select().from(auditLog).where(eq(auditLog.targetId, user.id)).all().map((e) => e.action)).toEqual(['user.invite', 'user.role-change', 'user.disable']);
  });

  it('bad fields → 400; self-disable and the last admin → 422 naming the field', async () => {
    const { user } = await (await invite('admin')).json();
    const bad = await expectProblem(await patch('admin', user.id, { body: { role: 'staff' } }), 400);
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    const self = await expectProblem(await patch('admin', 'usr_admin_acme', { body: { disabled: true } }), 422);
    expect(self.errors).toEqual([expect.objectContaining({ field: 'disabled' })]);
    const last = await expectProblem(await patch('staff', 'usr_admin_globex', { body: { role: 'user' } }), 422);
    expect(last).toMatchObject({ errors: [expect.objectContaining({ field: 'role' })], checks: [expect.objectContaining({ check: 'last-admin' })] });
  });

  it('an unknown id or a staff account → 404', async () => {
    await expectProblem(await patch('admin', 'usr_nope', { body: { disabled: true } }), 404);
    await expectProblem(await patch('admin', 'usr_staff_calligo', { body: { disabled: true } }), 404);
  });
});
