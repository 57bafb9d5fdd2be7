process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { webhookEndpoints } from '@/db/schema';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { encryptStoredSecrets, isSealed, openSecret, sealSecret } from './secret-box';
import { newWebhookSecret } from './webhook-delivery';
import { createWebhook, listWebhooks, sendTestEvent } from './webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('sealing a signing secret (AES-256-GCM, key by HKDF from the server secret)', () => {
  it('round-trips, with a version prefix and a fresh IV each time', () => {
    const a = sealSecret(SECRET);
    const b = sealSecret(SECRET);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('MfKQ9r8');
    expect(openSecret(a)).toBe(SECRET);
    expect(openSecret(b)).toBe(SECRET);
    expect(isSealed(a)).toBe(true);
  });

  it('reads a secret stored in clear (before encryption) as is', () => {
    expect(isSealed(SECRET)).toBe(false);
    expect(openSecret(SECRET)).toBe(SECRET);
  });

  it('refuses another server secret, and a tampered or truncated value', () => {
    const sealed = sealSecret(SECRET, 'server-secret-one-0123456789abcdef');
    expect(openSecret(sealed, 'server-secret-one-0123456789abcdef')).toBe(SECRET);
    expect(() => openSecret(sealed, 'server-secret-two-0123456789abcdef')).toThrow(/AUTH_SECRET changed/);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => openSecret(`v1:${raw.toString('base64url')}`, 'server-secret-one-0123456789abcdef')).toThrow(/does not decrypt/);
    expect(() => openSecret('v1:AAAA')).toThrow(/damaged/);
  });
});

describe('webhook secrets at rest', () => {
  type Received = { headers: Record<string, string>; body: string };
  let server: http.Server;
  let url: string;
  let received: Received[] = [];
  let db: DB;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = '1';
    received = [];
    db = await seededTestDb();
  });
  afterEach(() => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
  });
  const stored = (id: string) => db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()!.secret;

  it('are stored encrypted; deliveries are signed with the decrypted secret; reads never return it', async () => {
    const created = await createWebhook(db, ACME_ADMIN, { url, events: ['site.down'] });
    expect(created.secret).toMatch(/^whsec_/);
    const row = stored(created.id);
    expect(isSealed(row)).toBe(true);
    expect(row).not.toContain(created.secret.slice(6, 20));
    expect(db.$client.prepare('SELECT * FROM webhook_endpoints').all().map((r) => JSON.stringify(r)).join('')).not.toContain(created.secret);
    expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'delivered' });
    expect(new Webhook(created.secret).verify(received[0].body, received[0].headers)).toMatchObject({ type: 'webhook.test' });
    const listed = await listWebhooks(db, ACME_ADMIN);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify(listed)).not.toContain(row);
  });

  it('stored in clear by an earlier version still sign, and are encrypted once on start', async () => {
    const created = await createWebhook(db, ACME_ADMIN, { url, events: ['site.down'] });
    const legacy = newWebhookSecret();
    db.update(webhookEndpoints).set({ secret: legacy }).where(eq(webhookEndpoints.id, created.id)).run();
    // Read transparently before the migration.
    expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'delivered' });
    expect(new Webhook(legacy).verify(received[0].body, received[0].headers)).toBeTruthy();
    // The start-up pass encrypts it; a second pass has nothing left to do.
    expect(encryptStoredSecrets(db)).toBe(1);
    expect(encryptStoredSecrets(db)).toBe(0);
    const row = stored(created.id);
    expect(isSealed(row)).toBe(true);
    expect(openSecret(row)).toBe(legacy);
    expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'delivered' });
    expect(new Webhook(legacy).verify(received[1].body, received[1].headers)).toBeTruthy();
  });

  it('key rotation: with AUTH_SECRET_PREVIOUS a secret sealed under the old server secret still signs and is re-sealed on start', async () => {
    const OLD = 'the-previous-server-secret-0123456789';
    const created = await createWebhook(db, ACME_ADMIN, { url, events: ['site.down'] });
    db.update(webhookEndpoints).set({ secret: sealSecret(created.secret, OLD) }).where(eq(webhookEndpoints.id, created.id)).run();
    try {
      process.env.AUTH_SECRET_PREVIOUS = OLD;
      expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'delivered' });
      expect(encryptStoredSecrets(db)).toBe(1);
      expect(encryptStoredSecrets(db)).toBe(0);
    } finally {
      delete process.env.AUTH_SECRET_PREVIOUS;
    }
    expect(openSecret(stored(created.id))).toBe(created.secret);
    expect(() => openSecret(stored(created.id), OLD)).toThrow(/does not decrypt/);
    expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'delivered' });
    expect(new Webhook(created.secret).verify(received.at(-1)!.body, received.at(-1)!.headers)).toBeTruthy();
  });

  it('an endpoint whose secret no longer decrypts fails its delivery with the reason, nothing sent', async () => {
    const created = await createWebhook(db, ACME_ADMIN, { url, events: ['site.down'] });
    db.update(webhookEndpoints).set({ secret: sealSecret(SECRET, 'some-other-server-secret-0123456789') }).where(eq(webhookEndpoints.id, created.id)).run();
    expect(await sendTestEvent(db, ACME_ADMIN, created.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/recreate the endpoint/) });
    expect(received).toHaveLength(0);
  });
});
