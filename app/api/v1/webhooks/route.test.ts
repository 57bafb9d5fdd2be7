import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import * as redeliverRoute from './[id]/deliveries/[deliveryId]/redeliver/route';
import * as deliveriesRoute from './[id]/deliveries/route';
import * as endpointRoute from './[id]/route';
import * as testRoute from './[id]/test/route';
import * as webhooksRoute from './route';

/** The webhook endpoints through the real routes and bearer tokens, against a real receiver on 127.0.0.1. */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let server: http.Server;
let base: string;
const received: { headers: Record<string, string>; body: string }[] = [];
const tokens = { user: '', admin: '', otherAdmin: '', staff: '' };

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.otherAdmin = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

const post = (bearer: string, body: unknown, query = '') => callRoute(webhooksRoute.POST, apiRequest(`/api/v1/webhooks${query}`, { method: 'POST', bearer, body }));

describe('/api/v1/webhooks', () => {
  it('refuses a loopback URL without WEBHOOK_ALLOW_PRIVATE: 400 problem+json naming url', async () => {
    const res = await post(tokens.admin, { url: 'http://127.0.0.1:9/hook', events: ['site.down'] });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('creates with the secret shown once, tests, lists deliveries and redelivers; a user 403, another tenant 404', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    expect((await post(tokens.user, { url: `${base}/hook`, events: ['site.down'] })).status).toBe(403);
    const res = await post(tokens.admin, { url: `${base}/hook`, events: ['site.down', 'rpo.breach'], description: 'Pager' });
    expect(res.status).toBe(201);
    const endpoint = await res.json();
    expect(endpoint).toMatchObject({ tenantId: 'ten_acme', url: `${base}/hook`, enabled: true, secret: expect.stringMatching(/^whsec_/) });

    const list = await (await callRoute(webhooksRoute.GET, apiRequest('/api/v1/webhooks', { bearer: tokens.admin }))).json();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(endpoint.secret);
    expect((await (await callRoute(webhooksRoute.GET, apiRequest('/api/v1/webhooks', { bearer: tokens.otherAdmin }))).json()).items).toEqual([]);

    const params = { id: endpoint.id };
    const testPath = `/api/v1/webhooks/${endpoint.id}/test`;
    expect((await callRoute(testRoute.POST, apiRequest(testPath, { method: 'POST', bearer: tokens.otherAdmin }), params)).status).toBe(404);
    expect((await callRoute(testRoute.POST, apiRequest(testPath, { method: 'POST', bearer: tokens.user }), params)).status).toBe(403);
    const tested = await callRoute(testRoute.POST, apiRequest(testPath, { method: 'POST', bearer: tokens.admin }), params);
    expect(tested.status).toBe(200);
    const delivery = await tested.json();
    expect(delivery).toMatchObject({ status: 'delivered', statusCode: 200, eventType: 'webhook.test' });
    expect(new Webhook(endpoint.secret).verify(received[0].body, received[0].headers)).toMatchObject({ type: 'webhook.test' });

    const log = await (await callRoute(deliveriesRoute.GET, apiRequest(`/api/v1/webhooks/${endpoint.id}/deliveries?limit=10`, { bearer: tokens.admin }), params)).json();
    expect(log).toEqual({ items: [expect.objectContaining({ id: delivery.id })], nextCursor: null });
    expect((await callRoute(deliveriesRoute.GET, apiRequest(`/api/v1/webhooks/${endpoint.id}/deliveries`, { bearer: tokens.otherAdmin }), params)).status).toBe(404);

    const redeliverParams = { id: endpoint.id, deliveryId: delivery.id };
    const again = await callRoute(redeliverRoute.POST, apiRequest(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`, { method: 'POST', bearer: tokens.admin }), redeliverParams);
    expect(again.status).toBe(200);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([delivery.messageId, delivery.messageId]);

    const patch = (bearer: string, body: unknown) => callRoute(endpointRoute.PATCH, apiRequest(`/api/v1/webhooks/${endpoint.id}`, { method: 'PATCH', bearer, body }), params);
    expect((await patch(tokens.otherAdmin, { enabled: false })).status).toBe(404);
    expect(await (await patch(tokens.admin, { enabled: false })).json()).toMatchObject({ enabled: false, disabledReason: 'Disabled by its owner.' });
    expect(await (await patch(tokens.admin, { enabled: true })).json()).toMatchObject({ enabled: true, disabledReason: null });
    expect((await patch(tokens.admin, { events: ['nope'] })).status).toBe(400);

    const del = (bearer: string) => callRoute(endpointRoute.DELETE, apiRequest(`/api/v1/webhooks/${endpoint.id}`, { method: 'DELETE', bearer }), params);
    expect((await del(tokens.otherAdmin)).status).toBe(404);
    expect((await del(tokens.admin)).status).toBe(204);
    expect((await del(tokens.admin)).status).toBe(404);
  });

  it('staff add a provider endpoint (no tenant)', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    const res = await post(tokens.staff, { url: `${base}/provider`, events: ['site.down', 'link.down'] });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ tenantId: null });
  });
});
