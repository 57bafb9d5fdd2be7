process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { recordEvent } from '@/lib/core/outbox';
import { outboxDeliveries, webhookDeliveries } from '@/db/schema';
import { seedDemo } from '@/lib/seed/demo';
import { ACME_ADMIN, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { testTempDir } from '@/lib/testing/db';
import { startTestSmtp } from '@/lib/testing/smtp';
import { smtpMailer } from './mailer';
import { EVENT_IDS_HEADER } from './messages';
import { EMAIL_LEASE_MS, sendDueEmails } from './sender';
import { deliverDueWebhooks, WEBHOOK_LEASE_MS } from './webhook-delivery';
import { createWebhook } from './webhooks';

/*
 * "Delivered at least once, never lost" (issue 16) with a real crash: a child process records an
 * event on a SQLite file, sends it by e-mail (to a real SMTP server here) and by webhook (to a
 * real HTTP receiver here that verifies every signature with the Standard Webhooks library) and
 * is killed with SIGKILL between the send and the mark. A new sender on the same file then
 * sends the same event again with the same id: de-duplicated by id, exactly one message.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Hook = { id: string; verified: boolean; payload: unknown };

/** A webhook receiver that checks each signature with the reference library (401 when it does not verify). */
async function startReceiver(secret: () => string) {
  const received: Hook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: unknown = null;
      let verified = false;
      try {
        payload = new Webhook(secret()).verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: String(req.headers['webhook-id']), verified, payload });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

/** Runs restart.child.ts in its own node process (tsx; server-only resolved as on the server) until it dies. */
function runChild(env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(__dirname, 'restart.child.ts')], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 45_000);
  return new Promise((resolve) => child.on('exit', (code, signal) => {
    clearTimeout(timer);
    resolve({ code, signal, stdout, stderr });
  }));
}

const uniqueBy = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];

describe('a kill -9 between sending and marking', () => {
  it('re-sends the e-mail and the webhook after the restart, with the same ids: exactly one of each once de-duplicated', async () => {
    const file = path.join(testTempDir(), 'restart.db');
    const setup = openDatabase(file);
    await seedDemo(setup, { password: 'demo-password', now: new Date() });
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    let secret = '';
    const receiver = await startReceiver(() => secret);
    const endpoint = await createWebhook(setup, STAFF, { url: receiver.url, events: ['site.down'] }, { allowPrivate: true });
    secret = endpoint.secret;
    setup.$client.close();

    // The portal process: records the event, sends, and dies before marking.
    const run = await runChild({ RESTART_DB_FILE: file, RESTART_SMTP_URL: smtp.url });
    expect({ signal: run.signal, code: run.code, stderr: run.stderr }).toEqual({ signal: 'SIGKILL', code: null, stderr: '' });
    const { eventId } = JSON.parse(run.stdout.trim().split('\n')[0]) as { eventId: string };
    expect(eventId).toMatch(/^evt_/);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].headers[EVENT_IDS_HEADER.toLowerCase()]).toBe(eventId);
    expect(receiver.received).toEqual([{ id: eventId, verified: true, payload: expect.objectContaining({ type: 'site.down' }) }]);

    // The restarted portal on the same file: nothing was marked, the dead process's leases hold a while.
    const db = openDatabase(file);
    cleanups.push(() => db.$client.close());
    const emails = () => db.select().from(outboxDeliveries).all();
    const hooks = () => db.select().from(webhookDeliveries).all();
    expect(emails().length).toBeGreaterThanOrEqual(1);
    expect(emails().every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
    expect(hooks()).toEqual([expect.objectContaining({ messageId: eventId, status: 'pending', attemptedAt: null })]);
    expect(hooks()[0].claimedBy).toMatch(/:\d+:/);
    const mailer = smtpMailer(smtp.url, 'CloudShield <notify@cloudshield.test>');
    cleanups.push(() => mailer.close?.());
    const opts = { mailer, portalUrl: 'https://portal.example.test', digestWindowMs: 0 };
    const now = Date.now();
    expect(await sendDueEmails(db, { ...opts, now: new Date(now) })).toMatchObject({ messages: 0 });
    expect(await deliverDueWebhooks(db, now, undefined, { allowPrivate: true })).toMatchObject({ attempted: 0 });

    // Once the leases ran out, the new process sends everything again, then marks it.
    await sendDueEmails(db, { ...opts, now: new Date(now + EMAIL_LEASE_MS) });
    expect(await deliverDueWebhooks(db, now + WEBHOOK_LEASE_MS, undefined, { allowPrivate: true })).toMatchObject({ attempted: 1, delivered: 1 });

    // E-mail: the first recipient got the event twice with the same id; by (recipient, id), one each.
    const mails = smtp.received.map((m) => ({ to: m.to.join(','), id: m.headers[EVENT_IDS_HEADER.toLowerCase()] }));
    expect(mails.every((m) => m.id === eventId)).toBe(true);
    expect(mails.filter((m) => m.to === mails[0].to)).toHaveLength(2);
    const recipients = emails().map((d) => d.recipient).sort();
    expect(uniqueBy(mails, (m) => `${m.to}|${m.id}`).map((m) => m.to).sort()).toEqual(recipients);
    // Webhook: the same webhook-id twice, both signatures valid; by webhook-id, one.
    expect(receiver.received.map((r) => r.id)).toEqual([eventId, eventId]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(uniqueBy(receiver.received, (r) => r.id)).toHaveLength(1);
    // Everything ends marked, no lease left behind.
    expect(emails().every((d) => d.status === 'sent' && d.claimedBy === null)).toBe(true);
    expect(hooks()).toEqual([expect.objectContaining({ status: 'delivered', statusCode: 204, claimedBy: null })]);
  }, 60_000);
});

describe('two portal processes on one database file', () => {
  it('racing from the same instant, send every e-mail and every webhook attempt exactly once between them', async () => {
    const file = path.join(testTempDir(), 'race.db');
    const setup = openDatabase(file);
    await seedDemo(setup, { password: 'demo-password', now: new Date() });
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const secrets = new Map<string, string>();
    const receiver = await startReceiver(() => [...secrets.values()][0]);
    const acme = await createWebhook(setup, ACME_ADMIN, { url: receiver.url, events: ['operation.failed'] }, { allowPrivate: true });
    const globex = await createWebhook(setup, GLOBEX_ADMIN, { url: receiver.url, events: ['operation.failed'] }, { allowPrivate: true });
    const provider = await createWebhook(setup, STAFF, { url: receiver.url, events: ['operation.failed'] }, { allowPrivate: true });
    // One secret for the receiver to check: give the three endpoints the same one (sealed like any other).
    const { sealSecret } = await import('./secret-box');
    const { webhookEndpoints } = await import('@/db/schema');
    setup.update(webhookEndpoints).set({ secret: sealSecret(acme.secret) }).run();
    secrets.set('all', acme.secret);
    expect([globex.id, provider.id]).toHaveLength(2);
    const eventIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      for (const tenantId of ['ten_acme', 'ten_globex']) {
        eventIds.push(setup.transaction((tx) => recordEvent(tx, { type: 'operation.failed', tenantId, payload: { operationId: `op_${tenantId}_${i}`, summary: `Failover ${i} failed.` }, occurredAt: Date.now() })));
      }
    }
    const expectedEmails = setup.select().from(outboxDeliveries).all().map((d) => `${d.recipient}|${d.eventId}`).sort();
    setup.$client.close();

    const startAt = String(Date.now() + 4_000);
    const env = { RESTART_MODE: 'race', RESTART_DB_FILE: file, RESTART_SMTP_URL: smtp.url, RESTART_START_AT: startAt, RESTART_NOW: String(Number(startAt) + 61_000) };
    const [one, two] = await Promise.all([runChild(env), runChild(env)]);
    for (const r of [one, two]) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const [s1, s2] = [one, two].map((r) => JSON.parse(r.stdout.trim()) as { email: { sent: number }; webhooks: { attempted: number; delivered: number } });
    // 20 Acme events to Acme's and the provider's endpoint, 20 Globex events to Globex's and the provider's.
    expect(s1.webhooks.attempted + s2.webhooks.attempted).toBe(80);
    // A step takes at most 50: each process made some of them.
    expect([s1.webhooks.attempted, s2.webhooks.attempted].sort()).toEqual([30, 50]);
    expect(receiver.received).toHaveLength(80);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const db = openDatabase(file);
    cleanups.push(() => db.$client.close());
    const hookKeys = db.select().from(webhookDeliveries).all().map((d) => `${d.endpointId}|${d.messageId}`);
    expect(new Set(hookKeys).size).toBe(80);
    expect(db.select().from(webhookDeliveries).all().every((d) => d.status === 'delivered' && d.attempt === 1)).toBe(true);
    // E-mail: every (recipient, event) in exactly one message, all marked sent once.
    const mailed = smtp.received.flatMap((m) => m.headers[EVENT_IDS_HEADER.toLowerCase()].split(',').map((id) => `${m.to.join(',')}|${id}`)).sort();
    expect(mailed).toEqual(expectedEmails);
    expect(s1.email.sent + s2.email.sent).toBe(expectedEmails.length);
    expect(db.select().from(outboxDeliveries).all().every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set(eventIds));
  }, 90_000);
});
