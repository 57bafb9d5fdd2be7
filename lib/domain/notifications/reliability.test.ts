process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { outboxDeliveries, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordEvent } from '@/lib/core/outbox';
import { seedDemo } from '@/lib/seed/demo';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { testTempDir } from '@/lib/testing/db';
import { startTestSmtp } from '@/lib/testing/smtp';
import { smtpMailer } from './mailer';
import { EVENT_IDS_HEADER } from './messages';
import { EMAIL_LEASE_MS, sendDueEmails } from './sender';
import { deliverDueWebhooks, enqueueWebhook, queueOutboxEvents, WEBHOOK_LEASE_MS } from './webhook-delivery';
import { createWebhook, redeliver, sendTestEvent, updateWebhook, type CreatedWebhookDto } from './webhooks';

/*
 * Two portal processes on one database (two connections to one SQLite file, each its own
 * sender id) never send the same pending e-mail or webhook attempt at once; an attempt
 * interrupted by a crash is finished on a later pass; disabling an endpoint cancels what
 * waited, with the reason.
 */

type Received = { id: string; path: string; verified: boolean };
let server: http.Server;
let base: string;
let received: Received[] = [];
const secrets = new Map<string, string>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let verified = false;
      try {
        new Webhook(secrets.get(req.url ?? '') ?? 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: String(req.headers['webhook-id']), path: req.url ?? '', verified });
      // A little slow, so two senders overlap while the requests are in flight.
      setTimeout(() => res.writeHead(verified ? 200 : 401).end(), 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const cleanups: (() => unknown)[] = [];
let file: string;
let a: DB;
let b: DB;
beforeEach(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = '1';
  received = [];
  file = path.join(testTempDir(), 'two-processes.db');
  a = openDatabase(file);
  await seedDemo(a, { password: 'demo-password', now: new Date() });
  b = openDatabase(file);
  cleanups.push(() => a.$client.close(), () => b.$client.close());
});
afterEach(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function endpoint(path: string, events = ['operation.failed', 'site.down']): Promise<CreatedWebhookDto> {
  const e = await createWebhook(a, ACME_ADMIN, { url: `${base}${path}`, events });
  secrets.set(path, e.secret);
  return e;
}

const opFailed = (db: DB, n: number) =>
  db.transaction((tx) => recordEvent(tx, { type: 'operation.failed', tenantId: 'ten_acme', payload: { operationId: `op_${n}`, summary: `Failover ${n} failed.` }, occurredAt: Date.now() }));

describe('two senders on one database', () => {
  it('never send the same e-mail twice: each delivery is claimed by one of them', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const ids = [opFailed(a, 1), opFailed(a, 2), opFailed(b, 3)];
    const mailerA = smtpMailer(smtp.url, 'CloudShield <n@cloudshield.test>');
    const mailerB = smtpMailer(smtp.url, 'CloudShield <n@cloudshield.test>');
    cleanups.push(() => mailerA.close?.(), () => mailerB.close?.());
    // A minute later: every recipient's three events are due, as one digest each.
    const now = new Date(Date.now() + 61_000);
    const opts = { portalUrl: 'https://portal.example.test', now };
    const [ra, rb] = await Promise.all([
      sendDueEmails(a, { ...opts, mailer: mailerA, senderId: 'portal-a' }),
      sendDueEmails(b, { ...opts, mailer: mailerB, senderId: 'portal-b' }),
    ]);
    const rows = a.select().from(outboxDeliveries).all();
    // Both took part, and between them sent every delivery exactly once.
    expect(ra.messages).toBeGreaterThan(0);
    expect(rb.messages).toBeGreaterThan(0);
    expect(ra.sent + rb.sent).toBe(rows.length);
    expect(smtp.received).toHaveLength(ra.messages + rb.messages);
    const perRecipientAndEvent = smtp.received.flatMap((m) => m.headers[EVENT_IDS_HEADER.toLowerCase()].split(',').map((id) => `${m.to.join(',')}|${id}`));
    expect(new Set(perRecipientAndEvent).size).toBe(perRecipientAndEvent.length);
    expect(perRecipientAndEvent.sort()).toEqual(rows.map((r) => `${r.recipient}|${r.eventId}`).sort());
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(ids));
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.claimedBy === null)).toBe(true);
  });

  it('do not take over a delivery the other holds until its lease has run out', async () => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    opFailed(a, 1);
    const mailer = smtpMailer(smtp.url, 'CloudShield <n@cloudshield.test>');
    cleanups.push(() => mailer.close?.());
    const t = Date.now() + 1000;
    const opts = { portalUrl: 'https://portal.example.test', mailer, digestWindowMs: 0 };
    // A holds the first recipient's delivery (its send hangs after the SMTP server accepted it).
    let release!: () => void;
    const held = sendDueEmails(a, { ...opts, now: new Date(t), senderId: 'portal-a', afterSend: () => new Promise<void>((r) => (release = r)) });
    await expect.poll(() => smtp.received.length).toBe(1);
    const first = smtp.received[0].to.join(',');
    // B meanwhile sends the others, never A's.
    const rb = await sendDueEmails(b, { ...opts, now: new Date(t + 1000), senderId: 'portal-b' });
    expect(smtp.received.filter((m) => m.to.join(',') === first)).toHaveLength(1);
    expect(rb.messages).toBe(smtp.received.length - 1);
    const claimed = b.select().from(outboxDeliveries).where(eq(outboxDeliveries.recipient, first)).get()!;
    expect(claimed).toMatchObject({ status: 'pending', claimedBy: 'portal-a', claimedUntil: new Date(t + EMAIL_LEASE_MS) });
    // Still nothing for B before the lease ends; after it, B takes over (A is presumed dead).
    expect((await sendDueEmails(b, { ...opts, now: new Date(t + EMAIL_LEASE_MS - 1), senderId: 'portal-b' })).messages).toBe(0);
    expect((await sendDueEmails(b, { ...opts, now: new Date(t + EMAIL_LEASE_MS), senderId: 'portal-b' })).messages).toBe(1);
    release();
    await held;
    expect(a.select().from(outboxDeliveries).all().every((d) => d.status === 'sent')).toBe(true);
  });

  it('never send the same webhook attempt twice', async () => {
    const one = await endpoint('/one');
    const two = await endpoint('/two');
    const ids = [opFailed(a, 1), opFailed(b, 2), opFailed(a, 3)];
    const now = Date.now() + 1000;
    // Both fan the outbox out at once: each event is queued once per endpoint.
    queueOutboxEvents(a, now);
    queueOutboxEvents(b, now);
    expect(a.select().from(webhookDeliveries).all()).toHaveLength(6);
    const [ra, rb] = await Promise.all([
      deliverDueWebhooks(a, now, undefined, { senderId: 'portal-a', limit: 4 }),
      deliverDueWebhooks(b, now, undefined, { senderId: 'portal-b', limit: 4 }),
    ]);
    expect(ra.attempted + rb.attempted).toBe(6);
    expect(ra.attempted).toBe(4);
    expect(received).toHaveLength(6);
    expect(received.every((r) => r.verified)).toBe(true);
    const keys = received.map((r) => `${r.path}|${r.id}`).sort();
    expect(keys).toEqual(ids.flatMap((id) => [`/one|${id}`, `/two|${id}`]).sort());
    const rows = a.select().from(webhookDeliveries).all();
    expect(rows.every((r) => r.status === 'delivered' && r.claimedBy === null)).toBe(true);
    expect(new Set(rows.map((r) => r.endpointId))).toEqual(new Set([one.id, two.id]));
  });
});

describe('an attempt interrupted by a crash', () => {
  const crash = () => {
    throw new Error('killed');
  };

  it('a test event left pending is made by the loop once its lease ran out, even to a disabled endpoint', async () => {
    const e = await endpoint('/test');
    const t = Date.now();
    await expect(sendTestEvent(a, ACME_ADMIN, e.id, { nowMs: t, afterAttempt: crash })).rejects.toThrow('killed');
    expect(received).toHaveLength(1);
    const [row] = b.select().from(webhookDeliveries).all();
    expect(row).toMatchObject({ trigger: 'test', status: 'pending', claimedUntil: new Date(t + WEBHOOK_LEASE_MS) });
    await updateWebhook(a, ACME_ADMIN, e.id, { enabled: false }); // cancels it (nothing is in flight any more)
    expect(b.select().from(webhookDeliveries).get()).toMatchObject({ status: 'cancelled' });
    // A test whose process died while the endpoint stays disabled: resumed anyway (tests are allowed).
    await expect(sendTestEvent(a, ACME_ADMIN, e.id, { nowMs: t + 1, afterAttempt: crash })).rejects.toThrow('killed');
    expect(await deliverDueWebhooks(b, t + WEBHOOK_LEASE_MS, undefined, { senderId: 'portal-b' })).toMatchObject({ attempted: 0 });
    expect(await deliverDueWebhooks(b, t + 1 + WEBHOOK_LEASE_MS, undefined, { senderId: 'portal-b' })).toMatchObject({ attempted: 1, delivered: 1 });
    const rows = b.select().from(webhookDeliveries).all();
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'delivered']);
    expect(received.filter((r) => r.path === '/test')).toHaveLength(3);
  });

  it('a redelivery left pending is made once, with the same webhook-id', async () => {
    const e = await endpoint('/redeliver');
    const id = opFailed(a, 1);
    const t = Date.now() + 1000;
    queueOutboxEvents(a, t);
    await deliverDueWebhooks(a, t);
    const original = a.select().from(webhookDeliveries).get()!;
    await expect(redeliver(a, ACME_ADMIN, e.id, original.id, { nowMs: t + 10, afterAttempt: crash })).rejects.toThrow('killed');
    expect(await deliverDueWebhooks(b, t + 10 + WEBHOOK_LEASE_MS, undefined, { senderId: 'portal-b' })).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await deliverDueWebhooks(b, t + 20 + WEBHOOK_LEASE_MS, undefined, { senderId: 'portal-b' })).toMatchObject({ attempted: 0 });
    expect(received.map((r) => r.id)).toEqual([id, id, id]);
    expect(b.select().from(webhookDeliveries).all().map((r) => [r.trigger, r.status])).toEqual([['event', 'delivered'], ['redeliver', 'delivered']]);
  });

  it('a test written before leases existed (no due time, no claim) is made too', async () => {
    const e = await endpoint('/legacy');
    const t = Date.now();
    a.insert(webhookDeliveries).values({
      id: 'whd_legacy', endpointId: e.id, messageId: 'msg_legacy', eventType: 'webhook.test', payload: { type: 'webhook.test', timestamp: new Date(t).toISOString(), data: {} },
      trigger: 'test', attempt: 1, status: 'pending', nextAttemptAt: null, firstAttemptAt: new Date(t), createdAt: new Date(t),
    }).run();
    expect(await deliverDueWebhooks(a, t)).toMatchObject({ attempted: 1, delivered: 1 });
  });
});

describe('disabling an endpoint', () => {
  it('by its owner cancels the waiting attempts with the reason, and says how many in the audit entry', async () => {
    const e = await endpoint('/owner');
    const t = Date.now();
    enqueueWebhook(a, { messageId: 'evt_x', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: t }, t + 60_000);
    enqueueWebhook(a, { messageId: 'evt_y', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: t }, t + 60_000);
    await updateWebhook(a, ACME_ADMIN, e.id, { enabled: false });
    const rows = a.select().from(webhookDeliveries).all();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.status === 'cancelled' && r.error === 'Cancelled: the endpoint was disabled by its owner.' && r.nextAttemptAt === null)).toBe(true);
    const entry = a.$client.prepare("SELECT details FROM audit_log WHERE action = 'webhook.disable'").get() as { details: string };
    expect(JSON.parse(entry.details)).toMatchObject({ cancelledDeliveries: 2 });
    expect(await deliverDueWebhooks(a, t + 120_000)).toMatchObject({ attempted: 0 });
    expect(received).toHaveLength(0);
  });

  it('by the system after 24 h of failures cancels the other waiting attempts with the reason', async () => {
    const e = await endpoint('/system');
    secrets.set('/system', 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'); // the receiver now refuses every signature: 401
    const t = Date.now();
    a.update(webhookEndpoints).set({ failingSince: new Date(t - 24 * 3_600_000) }).where(eq(webhookEndpoints.id, e.id)).run();
    enqueueWebhook(a, { messageId: 'evt_now', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: t }, t);
    enqueueWebhook(a, { messageId: 'evt_later', type: 'site.down', tenantId: 'ten_acme', payload: {}, occurredAt: t }, t + 3_600_000);
    expect(await deliverDueWebhooks(a, t)).toMatchObject({ attempted: 1, failed: 1 });
    const rows = a.select().from(webhookDeliveries).all();
    expect(rows.find((r) => r.messageId === 'evt_now')).toMatchObject({ status: 'failed', statusCode: 401 });
    expect(rows.find((r) => r.messageId === 'evt_later')).toMatchObject({ status: 'cancelled', error: 'Cancelled: the endpoint was disabled after failing for 24 hours.' });
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(0);
  });
});
