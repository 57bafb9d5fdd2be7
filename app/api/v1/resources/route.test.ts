import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { ROUTES } from '@/lib/api/openapi-routes';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET } from './route';
import { PUT as putPrices } from '../admin/pricing/[tenantId]/route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const t: Record<string, string> = {};
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  t.user = issueTestToken(db, 'usr_user_acme');
  t.admin = issueTestToken(db, 'usr_admin_acme');
  t.globex = issueTestToken(db, 'usr_admin_globex');
  t.staff = issueTestToken(db, 'usr_staff_calligo');
});

const get = (path: string, bearer: string) => callRoute(GET, apiRequest(path, { bearer }), {});

describe('GET /api/v1/resources', () => {
  it('is documented for administrators and staff', () => {
    expect(ROUTES.find((r) => r.path === '/api/v1/resources')).toMatchObject({ method: 'get', roles: ['client_admin', 'staff'] });
    expect(ROUTES.find((r) => r.path === '/api/v1/admin/pricing/{tenantId}')).toMatchObject({ method: 'put', roles: ['staff'] });
  });

  it('answers an administrator with their sites and the monthly price', async () => {
    const res = await get('/api/v1/resources', t.admin);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.sites.map((s: { siteId: string }) => s.siteId)).toEqual(['guernsey', 'jersey', 'zurich']);
    expect(body.price).toMatchObject({ monthlyCents: 64700, currency: 'GBP', ratio: 0.2 });
  });

  it('403 for a user, 404 for another tenant, 400 naming tenantId for staff without one', async () => {
    expect((await get('/api/v1/resources', t.user)).status).toBe(403);
    expect((await get('/api/v1/resources?tenantId=ten_acme', t.globex)).status).toBe(404);
    const bad = await get('/api/v1/resources', t.staff);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('tenantId');
    expect((await get('/api/v1/resources?tenantId=ten_globex', t.staff)).status).toBe(200);
  });

  it('PUT /admin/pricing/{tenantId}: staff only, body validated', async () => {
    const put = (bearer: string, body: unknown) => callRoute(putPrices, apiRequest('/api/v1/admin/pricing/ten_globex', { method: 'PUT', bearer, body }), { tenantId: 'ten_globex' });
    expect((await put(t.admin, { vcpuGhz: 1, memoryGb: 1, storageGb: 1 })).status).toBe(403);
    const bad = await put(t.staff, { vcpuGhz: 1, memoryGb: 1 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('storageGb');
    expect((await put(t.staff, { vcpuGhz: 1200, memoryGb: 450, storageGb: 12 })).status).toBe(200);
    expect((await (await get('/api/v1/resources?tenantId=ten_globex', t.staff)).json()).price.unitPrices).toEqual({ vcpuGhz: 1200, memoryGb: 450, storageGb: 12 });
  });
});
