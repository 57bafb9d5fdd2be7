/**
 * The recovery-plan endpoints by every role: anonymous 401, user 403 on writes (whatever the
 * body), another tenant 404 on one plan (before its body is read), client_admin and staff
 * allowed; bad input is a 400 problem naming the field, a taken name 409.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { DELETE as deleteOne, GET as getOne, PATCH as patchOne } from './[id]/route';
import { GET as list, POST as create } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

type Who = 'anonymous' | 'admin' | 'user' | 'globex' | 'staff';
type Handler = Parameters<typeof callRoute>[0];
let db: DB;
const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;
let seq = 0;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.globex = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

function call(handler: Handler, path: string, who: Who, init: { method?: string; body?: unknown; raw?: string } = {}, params: Record<string, string> = {}) {
  return callRoute(handler, apiRequest(path, { ...init, bearer: who === 'anonymous' ? undefined : tokens[who] }), params);
}
const validPlan = () => ({ name: `Plan ${++seq}`, tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 60 }, { groupIds: ['grp_acme_web', 'grp_acme_file'] }] });
const newPlan = async () => {
  const res = await call(create, '/api/v1/recovery-plans', 'admin', { method: 'POST', body: validPlan() });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
};
const planCount = () => db.$client.prepare('SELECT count(*) FROM recovery_plans').pluck().get() as number;
const one = (id: string) => ({ path: `/api/v1/recovery-plans/${id}`, params: { id } });

describe('POST /recovery-plans', () => {
  it('creates for a client_admin (201 with the DTO); refuses anonymous 401 and user 403 whatever the body', async () => {
    const res = await call(create, '/api/v1/recovery-plans', 'admin', { method: 'POST', body: { ...validPlan(), description: 'DB first' } });
    expect(res.status).toBe(201);
    const plan = await res.json();
    expect(plan).toMatchObject({ tenantId: 'ten_acme', description: 'DB first', groupCount: 3, updatedAt: expect.any(String) });
    expect(plan.tiers.map((t: { tier: number; delayAfterSeconds: number; groups: { id: string }[] }) => [t.tier, t.delayAfterSeconds, t.groups.map((g) => g.id)])).toEqual([
      [1, 60, ['grp_acme_sql']],
      [2, 0, ['grp_acme_web', 'grp_acme_file']],
    ]);
    const before = planCount();
    expect((await call(create, '/api/v1/recovery-plans', 'anonymous', { method: 'POST', body: validPlan() })).status).toBe(401);
    const forbidden = await call(create, '/api/v1/recovery-plans', 'user', { method: 'POST', raw: '{nope' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');
    expect(planCount()).toBe(before);
  });

  it('staff name the tenant with ?tenantId= (or in the body); without one it is a 400 naming tenantId', async () => {
    const missing = await call(create, '/api/v1/recovery-plans', 'staff', { method: 'POST', body: validPlan() });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ field: 'tenantId' })]);
    const viaQuery = await call(create, '/api/v1/recovery-plans?tenantId=ten_acme', 'staff', { method: 'POST', body: validPlan() });
    expect(viaQuery.status).toBe(201);
    expect((await viaQuery.json()).tenantId).toBe('ten_acme');
    const viaBody = await call(create, '/api/v1/recovery-plans', 'staff', { method: 'POST', body: { ...validPlan(), tenantId: 'ten_acme' } });
    expect(viaBody.status).toBe(201);
  });

  it("another tenant's admin naming Acme gets 404, and Acme's groups in its own plan are a 400 on the field", async () => {
    expect((await call(create, '/api/v1/recovery-plans?tenantId=ten_acme', 'globex', { method: 'POST', body: validPlan() })).status).toBe(404);
    const res = await call(create, '/api/v1/recovery-plans', 'globex', { method: 'POST', body: { name: 'Mine', tiers: [{ groupIds: ['grp_globex_erp'] }, { groupIds: ['grp_acme_web'] }] } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([{ field: 'tiers.1.groupIds.0', message: expect.stringContaining('grp_acme_web') }]);
  });

  it.each([
    ['an empty name', { name: '', tiers: [{ groupIds: ['grp_acme_web'] }] }, 'name'],
    ['zero tiers', { name: 'No tiers', tiers: [] }, 'tiers'],
    ['a duplicate group', { name: 'Dup', tiers: [{ groupIds: ['grp_acme_web'] }, { groupIds: ['grp_acme_sql', 'grp_acme_web'] }] }, 'tiers'],
    ['an unknown group', { name: 'Unknown', tiers: [{ groupIds: ['grp_nope'] }] }, 'tiers.0.groupIds.0'],
    ['a delay out of range', { name: 'Slow', tiers: [{ groupIds: ['grp_acme_web'], delayAfterSeconds: 7200 }] }, 'tiers.0.delayAfterSeconds'],
    ['a delay that is not a number', { name: 'Slow', tiers: [{ groupIds: ['grp_acme_web'], delayAfterSeconds: 'soon' }] }, 'tiers.0.delayAfterSeconds'],
  ])('refuses %s: 400 problem+json naming the field', async (_, body, field) => {
    const before = planCount();
    const res = await call(create, '/api/v1/recovery-plans', 'admin', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(planCount()).toBe(before);
  });

  it('refuses a name already used in the tenant: 409 naming name', async () => {
    const existing = await newPlan();
    const res = await call(create, '/api/v1/recovery-plans', 'admin', { method: 'POST', body: { ...validPlan(), name: existing.name.toUpperCase() } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });
});

describe('GET /recovery-plans', () => {
  it("lists the caller's tenant's plans for every role; staff all, or one tenant with tenantId", async () => {
    const plan = await newPlan();
    for (const who of ['admin', 'user'] as const) {
      const res = await call(list, '/api/v1/recovery-plans', who);
      expect(res.status).toBe(200);
      const { items } = await res.json();
      expect(items.map((p: { id: string }) => p.id)).toContain(plan.id);
      expect(items.every((p: { tenantId: string }) => p.tenantId === 'ten_acme')).toBe(true);
    }
    const globex = await (await call(list, '/api/v1/recovery-plans', 'globex')).json();
    expect(globex.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    const staff = await (await call(list, '/api/v1/recovery-plans?tenantId=ten_globex', 'staff')).json();
    expect(staff.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    const staffAll = await (await call(list, '/api/v1/recovery-plans', 'staff')).json();
    expect(staffAll.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect((await call(list, '/api/v1/recovery-plans', 'anonymous')).status).toBe(401);
  });
});

describe('GET/PATCH/DELETE /recovery-plans/{id}', () => {
  it('reads for every role of the tenant and staff; another tenant 404', async () => {
    const { path, params } = one((await newPlan()).id);
    for (const who of ['admin', 'user', 'staff'] as const) expect((await call(getOne, path, who, {}, params)).status).toBe(200);
    const foreign = await call(getOne, path, 'globex', {}, params);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(getOne, '/api/v1/recovery-plans/rpl_nope', 'admin', {}, { id: 'rpl_nope' })).status).toBe(404);
  });

  it('PATCH: client_admin and staff change it; user 403 and another tenant 404 whatever the body; bad input 400; taken name 409', async () => {
    const plan = await newPlan();
    const other = await newPlan();
    const { path, params } = one(plan.id);
    const patch = (who: Who, init: { body?: unknown; raw?: string }) => call(patchOne, path, who, { method: 'PATCH', ...init }, params);

    const renamed = await patch('admin', { body: { name: 'Renamed by admin', tiers: [{ groupIds: ['grp_acme_web'], delayAfterSeconds: 30 }] } });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: 'Renamed by admin', groupCount: 1, tiers: [{ tier: 1, delayAfterSeconds: 30 }] });
    expect((await patch('staff', { body: { description: 'Checked by the provider' } })).status).toBe(200);

    expect((await patch('user', { raw: '{nope' })).status).toBe(403);
    expect((await patch('globex', { raw: '{nope' })).status).toBe(404);
    expect((await patch('anonymous', { body: { name: 'x' } })).status).toBe(401);

    const bad = await patch('admin', { body: { tiers: [{ groupIds: ['grp_globex_erp'] }] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'tiers.0.groupIds.0' })]);
    const empty = await patch('admin', { body: { name: '' } });
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors).toEqual([expect.objectContaining({ field: 'name' })]);
    const taken = await patch('admin', { body: { name: other.name } });
    expect(taken.status).toBe(409);
    expect((await taken.json()).errors).toEqual([expect.objectContaining({ field: 'name' })]);

    const now = await (await call(getOne, path, 'user', {}, params)).json();
    expect(now).toMatchObject({ name: 'Renamed by admin', description: 'Checked by the provider' });
  });

  it('DELETE: user 403 and another tenant 404 keep it; client_admin deletes (204), staff too', async () => {
    const { path, params } = one((await newPlan()).id);
    const del = (who: Who) => call(deleteOne, path, who, { method: 'DELETE' }, params);
    expect((await del('user')).status).toBe(403);
    expect((await del('globex')).status).toBe(404);
    expect((await call(getOne, path, 'admin', {}, params)).status).toBe(200);
    expect((await del('admin')).status).toBe(204);
    expect((await call(getOne, path, 'admin', {}, params)).status).toBe(404);
    const byStaff = one((await newPlan()).id);
    expect((await call(deleteOne, byStaff.path, 'staff', { method: 'DELETE' }, byStaff.params)).status).toBe(204);
  });
});
