import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as lookup } from '../../../../auth/sso/route';
import { POST as testConnection } from './test/route';
import { DELETE, GET, PUT } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let tokens: Record<'staff' | 'admin' | 'user' | 'globex', string>;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  tokens = {
    staff: issueTestToken(db, 'usr_staff_calligo'),
    admin: issueTestToken(db, 'usr_admin_acme'),
    user: issueTestToken(db, 'usr_user_acme'),
    globex: issueTestToken(db, 'usr_admin_globex'),
  };
});

const path = (tenant: string) => `/api/v1/admin/tenants/${tenant}/sso`;
const config = { issuer: 'https://login.acme-sso.example/realms/acme', clientId: 'cloudshield', clientSecret: 's3cret-value', domains: ['acme-sso.example'] };

describe('/api/v1/admin/tenants/{id}/sso', () => {
  it('answers 401 without credentials, 403 to every client role (their own tenant or not)', async () => {
    expect((await callRoute(GET, apiRequest(path('ten_acme')), { id: 'ten_acme' })).status).toBe(401);
    for (const who of ['admin', 'user', 'globex'] as const) {
      expect((await callRoute(GET, apiRequest(path('ten_acme'), { bearer: tokens[who] }), { id: 'ten_acme' })).status).toBe(403);
      expect((await callRoute(PUT, apiRequest(path('ten_acme'), { method: 'PUT', body: config, bearer: tokens[who] }), { id: 'ten_acme' })).status).toBe(403);
      expect((await callRoute(DELETE, apiRequest(path('ten_acme'), { method: 'DELETE', bearer: tokens[who] }), { id: 'ten_acme' })).status).toBe(403);
      expect((await callRoute(testConnection, apiRequest(`${path('ten_acme')}/test`, { body: { issuer: config.issuer }, bearer: tokens[who] }), { id: 'ten_acme' })).status).toBe(403);
    }
  });

  it('lets staff read, configure (secret never returned), and remove', async () => {
    const empty = await callRoute(GET, apiRequest(path('ten_acme'), { bearer: tokens.staff }), { id: 'ten_acme' });
    expect(await empty.json()).toMatchObject({ config: null, administrators: expect.arrayContaining([expect.objectContaining({ id: 'usr_admin_acme' })]) });
    const put = await callRoute(PUT, apiRequest(path('ten_acme'), { method: 'PUT', body: config, bearer: tokens.staff }), { id: 'ten_acme' });
    expect(put.status).toBe(200);
    const text = await put.text();
    expect(text).not.toContain('s3cret-value');
    expect(JSON.parse(text)).toMatchObject({ issuer: config.issuer, domains: ['acme-sso.example'], clientSecretSet: true });
    const got = await callRoute(GET, apiRequest(path('ten_acme'), { bearer: tokens.staff }), { id: 'ten_acme' });
    expect(await got.text()).not.toContain('s3cret-value');
    // A domain belongs to one tenant.
    const clash = await callRoute(PUT, apiRequest(path('ten_globex'), { method: 'PUT', body: config, bearer: tokens.staff }), { id: 'ten_globex' });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ field: 'domains' });
    expect((await callRoute(DELETE, apiRequest(path('ten_acme'), { method: 'DELETE', bearer: tokens.staff }), { id: 'ten_acme' })).status).toBe(204);
    expect((await callRoute(DELETE, apiRequest(path('ten_acme'), { method: 'DELETE', bearer: tokens.staff }), { id: 'ten_acme' })).status).toBe(404);
  });

  it('answers 400 naming the field, and 404 for an unknown tenant', async () => {
    const bad = await callRoute(PUT, apiRequest(path('ten_acme'), { method: 'PUT', body: { ...config, issuer: 'ftp://x' }, bearer: tokens.staff }), { id: 'ten_acme' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('issuer');
    expect((await callRoute(GET, apiRequest(path('ten_nope'), { bearer: tokens.staff }), { id: 'ten_nope' })).status).toBe(404);
  });
});

describe('GET /api/v1/auth/sso', () => {
  it('answers anyone with the provider of the email’s domain, naming no tenant, or null', async () => {
    const put = await callRoute(PUT, apiRequest(path('ten_acme'), { method: 'PUT', body: config, bearer: tokens.staff }), { id: 'ten_acme' });
    const { providerId } = (await put.json()) as { providerId: string };
    const known = await callRoute(lookup, apiRequest('/api/v1/auth/sso?email=Someone%40acme-sso.example'));
    expect(known.status).toBe(200);
    const body = await known.text();
    expect(JSON.parse(body)).toEqual({ provider: providerId });
    expect(body).not.toMatch(/ten_acme|Acme/);
    expect(await (await callRoute(lookup, apiRequest('/api/v1/auth/sso?email=someone%40elsewhere.example'))).json()).toEqual({ provider: null });
    expect((await callRoute(lookup, apiRequest('/api/v1/auth/sso?email=nope'))).status).toBe(400);
  });
});
