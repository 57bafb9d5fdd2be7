process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { recordEvent } from '@/lib/core/outbox';
import { attemptDelivery, deliverDueWebhooks, enqueueWebhook, nextAttemptTime, queueOutboxEvents, RETRY_WINDOW_MS } from './webhook-delivery';
import { createWebhook, deleteWebhook, listDeliveries, listProviderWebhooks, listWebhooks, redeliver, sendTestEvent, updateWebhook } from './webhooks';

/*
 * Webhooks against a real HTTP receiver on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE=1 for those), which
 * verifies every signature with the Standard Webhooks reference library.
 */

type Received = { headers: Record<string, string>; body: string };

let server: http.Server;
let base: string;
let received: Received[] = [];
let answer: { status: number; location?: string; hang?: boolean } = { status: 200 };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      if (answer.hang) return; // never answers: the sender's timeout must end it
      res.writeHead(answer.status, answer.location ? { location: answer.location } : {});
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let db: DB;
beforeEach(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = '1';
  db = await seededTestDb();
  received = [];
  answer = { status: 200 };
});
afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

const verify = (secret: string, r: Received) => new Webhook(secret).verify(r.body, r.headers);
const auditActions = (action: string) => db.$client.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as { tenant_id: string | null; target_id: string; details: string; actor_id: string }[];
const deliveries = (endpointId: string) =>
  db.$client.prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at, attempt').all(endpointId) as {
    id: string; attempt: number; status: string; status_code: number | null; next_attempt_at: number | null; message_id: string; error: string | null; trigger: string;
  }[];

async function acmeEndpoint(events = ['site.down', 'rpo.breach'], path = '/hook') {
  return createWebhook(db, ACME_ADMIN, { url: `${base}${path}`, events, description: 'Ops pager' });
}

describe('retry schedule', () => {
  it('backs off 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and makes the last attempt at 24 h after the first', () => {
    const times = [0];
    for (let attempt = 1; ; attempt++) {
      const next = nextAttemptTime(attempt, 0, times[times.length - 1]);
      if (next === null) break;
      times.push(next);
    }
    expect(times).toEqual([0, 5_000, 305_000, 2_105_000, 9_305_000, 27_305_000, 63_305_000, RETRY_WINDOW_MS]);
  });
});

describe('a test event', () => {
  it('arrives signed with the Standard Webhooks headers and verifies with the reference library', async () => {
    const endpoint = await acmeEndpoint();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const delivery = await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    expect(delivery).toMatchObject({ status: 'delivered', statusCode: 200, eventType: 'webhook.test', trigger: 'test', attempt: 1 });
    expect(delivery.latencyMs).toBeGreaterThanOrEqual(0);
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['webhook-id']).toBe(delivery.messageId);
    expect(r.headers['webhook-signature']).toMatch(/^v1,/);
    expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verify(endpoint.secret, r)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id, tenantId: 'ten_acme' } });
    expect(JSON.parse(r.body)).toEqual({ type: 'webhook.test', timestamp: expect.any(String), data: expect.any(Object) });
  });

  it('fails verification when the body is tampered with, or signed with another secret', async () => {
    const endpoint = await acmeEndpoint();
    const other = await acmeEndpoint(['site.down'], '/other');
    await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    const [r] = received;
    expect(() => verify(endpoint.secret, { ...r, body: r.body.replace('webhook.test', 'site.down') })).toThrow(/signature/i);
    expect(() => verify(other.secret, r)).toThrow(/signature/i);
  });

  it('records a redirect as a failure and does not follow it', async () => {
    const endpoint = await acmeEndpoint();
    answer = { status: 302, location: `${base}/elsewhere` };
    const delivery = await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', statusCode: 302, error: expect.stringMatching(/Redirect/) });
    expect(received.map((r) => r.headers['webhook-id'])).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const endpoint = await acmeEndpoint();
    answer = { status: 200, hang: true };
    const delivery = await sendTestEvent(db, ACME_ADMIN, endpoint.id, { timeoutMs: 300 });
    expect(delivery).toMatchObject({ status: 'failed', statusCode: null, error: expect.stringMatching(/No answer within/) });
  });
});

describe('event deliveries', () => {
  it('a 500 is recorded with its status and retried at the backoff time; then a 200 delivers it with the same webhook-id', async () => {
    const endpoint = await acmeEndpoint();
    const t0 = Date.now();
    answer = { status: 500 };
    expect(enqueueWebhook(db, { messageId: 'evt_1', type: 'site.down', tenantId: 'ten_acme', payload: { siteId: 'london' }, occurredAt: t0 }, t0)).toBe(1);
    expect(await deliverDueWebhooks(db, t0)).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    let rows = deliveries(endpoint.id);
    expect(rows).toMatchObject([
      { attempt: 1, status: 'failed', status_code: 500, error: 'HTTP 500' },
      { attempt: 2, status: 'pending', next_attempt_at: t0 + 5_000 },
    ]);
    expect((await listWebhooks(db, ACME_ADMIN))[0]).toMatchObject({ failingSince: new Date(t0).toISOString(), lastDelivery: { status: 'failed', statusCode: 500 } });

    expect(await deliverDueWebhooks(db, t0 + 4_999)).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    answer = { status: 204 };
    expect(await deliverDueWebhooks(db, t0 + 5_000)).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    rows = deliveries(endpoint.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ attempt: 2, status: 'delivered', status_code: 204, next_attempt_at: null });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['evt_1', 'evt_1']);
    for (const r of received) expect(verify(endpoint.secret, r)).toMatchObject({ type: 'site.down', data: { siteId: 'london' } });
    expect((await listWebhooks(db, ACME_ADMIN))[0].failingSince).toBeNull();
  });

  it('redeliver sends the same webhook-id and body again, freshly signed', async () => {
    const endpoint = await acmeEndpoint();
    enqueueWebhook(db, { messageId: 'evt_2', type: 'rpo.breach', tenantId: 'ten_acme', payload: { groupId: 'grp_acme_web' }, occurredAt: new Date() });
    await deliverDueWebhooks(db, Date.now());
    const page = await listDeliveries(db, ACME_ADMIN, endpoint.id);
    expect(page.items).toHaveLength(1);
    const again = await redeliver(db, ACME_ADMIN, endpoint.id, page.items[0].id);
    expect(again).toMatchObject({ status: 'delivered', messageId: 'evt_2', trigger: 'redeliver', attempt: 2 });
    expect(received).toHaveLength(2);
    expect(received[1].headers['webhook-id']).toBe('evt_2');
    expect(received[1].body).toBe(received[0].body);
    expect(verify(endpoint.secret, received[1])).toBeTruthy();
    expect(auditActions('webhook.redeliver')).toHaveLength(1);
    // Another endpoint's delivery id is not this endpoint's.
    const other = await acmeEndpoint(['rpo.breach'], '/b');
    await expect(redeliver(db, ACME_ADMIN, other.id, page.items[0].id)).rejects.toMatchObject({ status: 404 });
  });

  it('an endpoint failing for 24 h is disabled with the reason and its owner told (waiting attempts: reliability.test.ts)', async () => {
    const endpoint = await acmeEndpoint();
    answer = { status: 503 };
    const t0 = Date.now();
    enqueueWebhook(db, { messageId: 'evt_3', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: t0 }, t0);
    let now = t0;
    for (let i = 0; i < 20; i++) {
      await deliverDueWebhooks(db, now);
      const next = deliveries(endpoint.id).find((d) => d.status === 'pending');
      if (!next) break;
      now = next.next_attempt_at!;
    }
    expect(now).toBe(t0 + 24 * 3_600_000);
    expect(received).toHaveLength(8);
    const [row] = await listWebhooks(db, ACME_ADMIN);
    expect(row).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/failed for 24 hours/) });
    const told = auditActions('webhook.disabled');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ tenant_id: 'ten_acme', target_id: endpoint.id, actor_id: 'system' });
    // Nothing more is sent to it, and new events are not queued for it.
    expect(enqueueWebhook(db, { messageId: 'evt_4', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: now }, now)).toBe(0);
    expect(deliveries(endpoint.id).filter((d) => d.status === 'pending')).toHaveLength(0);

    // Re-enabling clears the reason and the failing clock.
    const enabled = await updateWebhook(db, ACME_ADMIN, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    expect(auditActions('webhook.enable')).toHaveLength(1);
  });

  it('routes an event to the tenant\'s subscribed endpoints and to provider endpoints, never to another tenant\'s', async () => {
    const acme = await acmeEndpoint(['site.down']);
    const acmeOther = await acmeEndpoint(['rpo.breach'], '/rpo');
    const globex = await createWebhook(db, GLOBEX_ADMIN, { url: `${base}/globex`, events: ['site.down'] });
    const provider = await createWebhook(db, STAFF, { url: `${base}/provider`, events: ['site.down'] });
    expect(provider.tenantId).toBeNull();

    expect(enqueueWebhook(db, { messageId: 'evt_5', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: new Date() })).toBe(2);
    // Idempotent: the outbox re-sending the same event writes nothing more.
    expect(enqueueWebhook(db, { messageId: 'evt_5', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: new Date() })).toBe(0);
    expect(deliveries(acme.id)).toHaveLength(1);
    expect(deliveries(provider.id)).toHaveLength(1);
    expect(deliveries(acmeOther.id)).toHaveLength(0);
    expect(deliveries(globex.id)).toHaveLength(0);
    // A provider-wide event (no tenant) goes to provider endpoints only.
    expect(enqueueWebhook(db, { messageId: 'evt_6', type: 'site.down', tenantId: null, payload: {}, occurredAt: new Date() })).toBe(1);
    expect(deliveries(provider.id)).toHaveLength(2);
  });
});

describe('SSRF guard', () => {
  it('refuses loopback and private URLs without WEBHOOK_ALLOW_PRIVATE, naming url; nothing is stored', async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    for (const url of ['http://127.0.0.1:8080/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest', 'https://10.1.2.3/', 'https://[::ffff:192.168.1.1]/'])
      await expect(createWebhook(db, ACME_ADMIN, { url, events: ['site.down'] }), url).rejects.toMatchObject({ status: 400, errors: [{ field: 'url' }] });
    const resolve = async () => [{ address: '192.168.0.7', family: 4 }];
    await expect(createWebhook(db, ACME_ADMIN, { url: 'https://intranet.example.com/hook', events: ['site.down'] }, { resolve })).rejects.toMatchObject({
      status: 400, errors: [{ field: 'url', message: expect.stringContaining('192.168.0.7') }],
    });
    expect(await listWebhooks(db, ACME_ADMIN)).toEqual([]);
  });

  it('checks again at delivery time: an endpoint whose address became private is not called', async () => {
    const endpoint = await acmeEndpoint();
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    const delivery = await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', statusCode: null, error: expect.stringMatching(/^Refused: /) });
    expect(received).toHaveLength(0);
  });

  it('refuses at connect time a name that resolved to a public address for the check and to loopback for the connection (DNS rebinding)', async () => {
    const port = new URL(base).port;
    const publicForTheCheck = async () => [{ address: '93.184.216.34', family: 4 }];
    const result = await attemptDelivery({ url: `https://localhost:${port}/hook`, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'msg_rebind', { type: 'webhook.test', timestamp: new Date().toISOString(), data: {} }, { allowPrivate: false, resolve: publicForTheCheck });
    expect(result).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/localhost now resolves to (127\.0\.0\.1|::1)/) });
    expect(received).toHaveLength(0);
  });
});

describe('endpoints', () => {
  it('shows the secret once: create answers with it, reads never do', async () => {
    const endpoint = await acmeEndpoint();
    const list = await listWebhooks(db, ACME_ADMIN);
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(list)).not.toContain(endpoint.secret);
    const [created] = auditActions('webhook.create');
    expect(created).toMatchObject({ tenant_id: 'ten_acme', target_id: endpoint.id });
    expect(created.details).not.toContain(endpoint.secret);
  });

  it('validates url and events, naming the field, and stores nothing', async () => {
    const bad = async (body: unknown) => createWebhook(db, ACME_ADMIN, body);
    await expect(bad({ url: 'not a url', events: ['site.down'] })).rejects.toMatchObject({ status: 400, errors: [{ field: 'url' }] });
    await expect(bad({ url: `${base}/x`, events: [] })).rejects.toMatchObject({ status: 400, errors: [{ field: 'events' }] });
    await expect(bad({ url: `${base}/x`, events: ['site.exploded'] })).rejects.toMatchObject({ status: 400, errors: [{ field: 'events.0' }] });
    await expect(bad({ url: `${base}/x` })).rejects.toMatchObject({ status: 400, errors: [{ field: 'events' }] });
    await expect(bad({ url: 'ftp://example.com/', events: ['site.down'] })).rejects.toMatchObject({ status: 400, errors: [{ field: 'url' }] });
    await expect(updateWebhook(db, ACME_ADMIN, (await acmeEndpoint()).id, { enabled: 'yes' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'enabled' }] });
    expect(await listWebhooks(db, ACME_ADMIN)).toHaveLength(1);
  });

  it('allows at most 10 endpoints per tenant', async () => {
    for (let i = 0; i < 10; i++) await acmeEndpoint(['site.down'], `/n${i}`);
    await expect(acmeEndpoint()).rejects.toMatchObject({ status: 409 });
    // Globex has its own allowance.
    await expect(createWebhook(db, GLOBEX_ADMIN, { url: `${base}/g`, events: ['site.down'] })).resolves.toBeTruthy();
  });

  it('pages the delivery log, newest first', async () => {
    const endpoint = await acmeEndpoint();
    for (let i = 0; i < 5; i++) enqueueWebhook(db, { messageId: `evt_p${i}`, type: 'site.down', tenantId: 'ten_acme', payload: { i }, occurredAt: new Date() }, 1_000 + i);
    const first = await listDeliveries(db, ACME_ADMIN, endpoint.id, { limit: '2' });
    expect(first.items.map((d) => d.messageId)).toEqual(['evt_p4', 'evt_p3']);
    const second = await listDeliveries(db, ACME_ADMIN, endpoint.id, { limit: '2', cursor: first.nextCursor! });
    expect(second.items.map((d) => d.messageId)).toEqual(['evt_p2', 'evt_p1']);
    await expect(listDeliveries(db, ACME_ADMIN, endpoint.id, { cursor: 'nonsense' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'cursor' }] });
  });

  it('deletes an endpoint with its log, audited', async () => {
    const endpoint = await acmeEndpoint();
    await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    await deleteWebhook(db, ACME_ADMIN, endpoint.id);
    expect(await listWebhooks(db, ACME_ADMIN)).toEqual([]);
    expect(deliveries(endpoint.id)).toEqual([]);
    expect(auditActions('webhook.delete')).toHaveLength(1);
  });
});

describe('who may', () => {
  it('a client user may not list, create, test or change endpoints (403, audited as denied)', async () => {
    const endpoint = await acmeEndpoint();
    await expect(listWebhooks(db, ACME_USER)).rejects.toMatchObject({ status: 403 });
    await expect(createWebhook(db, ACME_USER, { url: `${base}/u`, events: ['site.down'] })).rejects.toMatchObject({ status: 403 });
    await expect(sendTestEvent(db, ACME_USER, endpoint.id)).rejects.toMatchObject({ status: 403 });
    await expect(updateWebhook(db, ACME_USER, endpoint.id, { enabled: false })).rejects.toMatchObject({ status: 403 });
    await expect(deleteWebhook(db, ACME_USER, endpoint.id)).rejects.toMatchObject({ status: 403 });
    // Repeated identical refusals within a minute are one entry with a count (lib/core/audit.ts).
    expect(db.$client.prepare("SELECT sum(count) FROM audit_log WHERE outcome = 'denied'").pluck().get()).toBe(5);
    expect(received).toHaveLength(0);
  });

  it('another tenant\'s administrator gets 404 for every endpoint action, and sees none of them', async () => {
    const endpoint = await acmeEndpoint();
    await sendTestEvent(db, ACME_ADMIN, endpoint.id);
    const [delivery] = (await listDeliveries(db, ACME_ADMIN, endpoint.id)).items;
    received = [];
    await expect(updateWebhook(db, GLOBEX_ADMIN, endpoint.id, { enabled: false })).rejects.toMatchObject({ status: 404 });
    await expect(deleteWebhook(db, GLOBEX_ADMIN, endpoint.id)).rejects.toMatchObject({ status: 404 });
    await expect(sendTestEvent(db, GLOBEX_ADMIN, endpoint.id)).rejects.toMatchObject({ status: 404 });
    await expect(listDeliveries(db, GLOBEX_ADMIN, endpoint.id)).rejects.toMatchObject({ status: 404 });
    await expect(redeliver(db, GLOBEX_ADMIN, endpoint.id, delivery.id)).rejects.toMatchObject({ status: 404 });
    await expect(createWebhook(db, GLOBEX_ADMIN, { url: `${base}/g`, events: ['site.down'] }, { tenantId: 'ten_acme' })).rejects.toMatchObject({ status: 404 });
    expect(await listWebhooks(db, GLOBEX_ADMIN)).toEqual([]);
    expect(received).toHaveLength(0);
    expect((await listWebhooks(db, ACME_ADMIN))[0].enabled).toBe(true);
  });

  it('staff create provider endpoints (or a tenant\'s with tenantId) and see every endpoint; clients never see provider ones', async () => {
    const provider = await createWebhook(db, STAFF, { url: `${base}/provider`, events: ['site.down', 'link.down'] });
    expect(provider.tenantId).toBeNull();
    const forAcme = await createWebhook(db, STAFF, { url: `${base}/for-acme`, events: ['rpo.breach'] }, { tenantId: 'ten_acme' });
    expect(forAcme.tenantId).toBe('ten_acme');
    await expect(createWebhook(db, STAFF, { url: `${base}/x`, events: ['rpo.breach'] }, { tenantId: 'ten_nope' })).rejects.toMatchObject({ status: 404 });
    expect((await listWebhooks(db, STAFF)).map((e) => e.id).sort()).toEqual([provider.id, forAcme.id].sort());
    expect((await listWebhooks(db, STAFF, { tenantId: 'ten_acme' })).map((e) => e.id)).toEqual([forAcme.id]);
    expect((await listWebhooks(db, ACME_ADMIN)).map((e) => e.id)).toEqual([forAcme.id]);
    await expect(sendTestEvent(db, ACME_ADMIN, provider.id)).rejects.toMatchObject({ status: 404 });
    expect(await sendTestEvent(db, STAFF, provider.id)).toMatchObject({ status: 'delivered' });
    expect(auditActions('webhook.create').map((e) => e.tenant_id)).toEqual([null, 'ten_acme']);
  });

  it('the provider endpoints page: staff see the provider\'s endpoints and only a count of the tenants\'; nobody else sees it', async () => {
    const provider = await createWebhook(db, STAFF, { url: `${base}/provider`, events: ['site.down'] });
    await acmeEndpoint();
    await createWebhook(db, GLOBEX_ADMIN, { url: `${base}/g`, events: ['site.down'] });
    const page = await listProviderWebhooks(db, STAFF);
    expect(page.endpoints.map((e) => e.id)).toEqual([provider.id]);
    expect(page.tenantEndpointCount).toBe(2);
    await expect(listProviderWebhooks(db, ACME_ADMIN)).rejects.toMatchObject({ status: 403 });
    await expect(listProviderWebhooks(db, ACME_USER)).rejects.toMatchObject({ status: 403 });
  });
});

describe('events from the outbox', () => {
  it('reach the subscribed endpoints signed with the event id; a provider endpoint gets a site outage once', async () => {
    const acme = await acmeEndpoint(['site.down']);
    const provider = await createWebhook(db, STAFF, { url: `${base}/provider`, events: ['site.down'], description: 'NOC' });
    queueOutboxEvents(db, Date.now()); // whatever the seed recorded is handed over first
    received = [];
    // A site outage is recorded once for the provider and once per tenant it touches (lib/core/outbox).
    const [providerCopy, acmeCopy] = db.transaction((tx) => [
      recordEvent(tx, { type: 'site.down', tenantId: null, payload: { siteId: 'london' }, occurredAt: Date.now() }),
      recordEvent(tx, { type: 'site.down', tenantId: 'ten_acme', payload: { siteId: 'london', groupIds: ['grp_acme_web'] }, occurredAt: Date.now() }),
    ]);
    expect(queueOutboxEvents(db, Date.now())).toBe(2);
    expect(queueOutboxEvents(db, Date.now())).toBe(0); // each event is handed over once
    expect(deliveries(acme.id).map((d) => d.message_id)).toEqual([acmeCopy]);
    expect(deliveries(provider.id).map((d) => d.message_id)).toEqual([providerCopy]);

    await deliverDueWebhooks(db, Date.now());
    expect(received).toHaveLength(2);
    const toAcme = received.find((r) => r.headers['webhook-id'] === acmeCopy)!;
    expect(verify(acme.secret, toAcme)).toMatchObject({ type: 'site.down', data: { siteId: 'london', groupIds: ['grp_acme_web'] } });
    expect(verify(provider.secret, received.find((r) => r.headers['webhook-id'] === providerCopy)!)).toMatchObject({ type: 'site.down' });
  });

  it('are handed over in the transaction that marks them, so a rolled-back change sends nothing', async () => {
    await acmeEndpoint(['site.down']);
    queueOutboxEvents(db, Date.now());
    expect(() =>
      db.transaction((tx) => {
        recordEvent(tx, { type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: Date.now() });
        throw new Error('the change failed');
      }),
    ).toThrow('the change failed');
    expect(queueOutboxEvents(db, Date.now())).toBe(0);
  });
});
