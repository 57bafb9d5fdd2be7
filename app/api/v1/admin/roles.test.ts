import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, serveTestDb, issueTestToken } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as getLinks } from './links/route';
import { POST as linkOutage } from './links/[id]/outage/route';
import { GET as getWindows, POST as postWindow } from './maintenance-windows/route';
import { GET as getMail } from './mail/route';
import { GET as getOverview } from './overview/route';
import { GET as getPricing } from './pricing/route';
import { GET as getSites } from './sites/route';
import { POST as siteOutage } from './sites/[id]/outage/route';
import { GET as getSla } from './sla/route';
import { GET as getTenants, POST as postTenant } from './tenants/route';
import { GET as getTenant, PATCH as patchTenant } from './tenants/[id]/route';
import { GET as getVdcs, POST as postVdc } from './tenants/[id]/vdcs/route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens: Record<'user' | 'admin' | 'staff', string> = { user: '', admin: '', staff: '' };

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  // No simulator runs in unit tests: outages go through the recording fallback.
  setSimulatorForTests(null);
  const issue = (userId: string) => issueTestToken(db, userId);
  tokens.user = issue('usr_user_acme');
  tokens.admin = issue('usr_admin_acme');
  tokens.staff = issue('usr_staff_calligo');
});

type Handler = Parameters<typeof callRoute>[0];
const call = (handler: Handler, path: string, opts: { method?: string; body?: unknown; bearer?: string } = {}, params: Record<string, string> = {}) =>
  callRoute(handler, apiRequest(path, opts), params);

const tenantBody = { name: 'Initech', slug: 'initech', connection: 'vpn', externalBandwidthMbps: 200, interSiteBandwidthMbps: 100, monthlyChargeCents: 500_000 };

// Every staff endpoint, with a body that would be valid for staff.
const ENDPOINTS: [string, Handler, string, { method?: string; body?: unknown }, Record<string, string>][] = [
  ['GET tenants', getTenants, '/api/v1/admin/tenants', {}, {}],
  ['POST tenants', postTenant, '/api/v1/admin/tenants', { body: { ...tenantBody, slug: 'roles-probe' } }, {}],
  ['GET tenant', getTenant, '/api/v1/admin/tenants/ten_acme', {}, { id: 'ten_acme' }],
  ['PATCH tenant', patchTenant, '/api/v1/admin/tenants/ten_acme', { method: 'PATCH', body: { name: 'Acme Insurance' } }, { id: 'ten_acme' }],
  ['GET vdcs', getVdcs, '/api/v1/admin/tenants/ten_acme/vdcs', {}, { id: 'ten_acme' }],
  ['GET sites', getSites, '/api/v1/admin/sites', {}, {}],
  ['POST site outage', siteOutage, '/api/v1/admin/sites/bermuda/outage', { body: { down: false } }, { id: 'bermuda' }],
  ['GET links', getLinks, '/api/v1/admin/links', {}, {}],
  ['POST link outage', linkOutage, '/api/v1/admin/links/bermuda--jersey/outage', { body: { down: false } }, { id: 'bermuda--jersey' }],
  ['GET maintenance', getWindows, '/api/v1/admin/maintenance-windows', {}, {}],
  ['GET pricing', getPricing, '/api/v1/admin/pricing', {}, {}],
  ['GET sla', getSla, '/api/v1/admin/sla', {}, {}],
  ['GET overview', getOverview, '/api/v1/admin/overview', {}, {}],
  ['GET mail', getMail, '/api/v1/admin/mail', {}, {}],
];

describe('staff endpoints by role', () => {
  it.each(ENDPOINTS)('%s: anonymous 401, user and client_admin 403, staff 2xx', async (_name, handler, path, opts, params) => {
    expect((await call(handler, path, opts, params)).status).toBe(401);
    for (const role of ['user', 'admin'] as const) {
      const res = await call(handler, path, { ...opts, bearer: tokens[role] }, params);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const ok = await call(handler, path, { ...opts, bearer: tokens.staff }, params);
    expect(ok.status, await ok.clone().text()).toBeLessThan(300);
  });

  it('gives 403 to a client role even with a malformed body', async () => {
    const res = await callRoute(postTenant, apiRequest('/api/v1/admin/tenants', { raw: '{nope', bearer: tokens.admin }));
    expect(res.status).toBe(403);
  });
});

describe('staff endpoint behaviour', () => {
  it('creates a tenant (201), then 409 on the same slug', async () => {
    const first = await call(postTenant, '/api/v1/admin/tenants', { body: tenantBody, bearer: tokens.staff });
    expect(first.status).toBe(201);
    const tenant = await first.json();
    const again = await call(postTenant, '/api/v1/admin/tenants', { body: tenantBody, bearer: tokens.staff });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/slug "initech" is already taken/);

    const vdc = await call(postVdc, `/api/v1/admin/tenants/${tenant.id}/vdcs`, { body: { siteId: 'zurich', kind: 'production', vcpuGhz: 20, memoryGb: 64, storageGb: 2000, guaranteedIops: 3000 }, bearer: tokens.staff }, { id: tenant.id });
    expect(vdc.status).toBe(201);
    const unknown = await call(postVdc, '/api/v1/admin/tenants/ten_nope/vdcs', { body: {}, bearer: tokens.staff }, { id: 'ten_nope' });
    expect(unknown.status).toBe(404);
  });

  it('400 names endsAt when a window ends before it starts', async () => {
    const res = await call(postWindow, '/api/v1/admin/maintenance-windows', {
      body: { siteId: 'london', startsAt: '2099-01-02T10:00:00Z', endsAt: '2099-01-02T09:00:00Z', description: 'Storage firmware' },
      bearer: tokens.staff,
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors).toEqual([{ field: 'endsAt', message: 'End time must be after the start time.' }]);
  });

  it('takes a site down and back, listing the affected groups', async () => {
    const down = await call(siteOutage, '/api/v1/admin/sites/london/outage', { body: { down: true }, bearer: tokens.staff }, { id: 'london' });
    const body = await down.json();
    expect(body.site).toMatchObject({ id: 'london', down: true });
    expect(body.affectedGroups.map((g: { id: string }) => g.id)).toContain('grp_acme_web');
    const up = await call(siteOutage, '/api/v1/admin/sites/london/outage', { body: { down: false }, bearer: tokens.staff }, { id: 'london' });
    expect((await up.json()).site.down).toBe(false);
    const missing = await call(siteOutage, '/api/v1/admin/sites/atlantis/outage', { body: { down: true }, bearer: tokens.staff }, { id: 'atlantis' });
    expect(missing.status).toBe(404);
  });

  it('exports the SLA report as CSV', async () => {
    const res = await call(getSla, '/api/v1/admin/sla?format=csv', { bearer: tokens.staff });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect((await res.text()).split('\r\n')[0]).toMatch(/^month,tenantSlug,tenantName,uptimePercent/);
    expect((await call(getSla, '/api/v1/admin/sla?month=2025-13', { bearer: tokens.staff })).status).toBe(400);
  });
});
