import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Issue 16, end to end: Acme's administrator adds a webhook endpoint in Settings (a receiver this
 * test runs on 127.0.0.1; the e2e server allows private addresses) and keeps its signing secret;
 * staff take Guernsey down (Acme's "File and backup" group replicates to it). A signed
 * `site.down` delivery reaches the receiver and verifies with the reference library, and the
 * e-mail to Acme's administrator appears in the staff "Sent mail" view (the e2e server has no
 * SMTP server: mail is kept there). Guernsey comes back and the endpoint is deleted at the end.
 */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageStateFor('acmeAdmin') });

const OUTAGE = '/api/v1/admin/sites/guernsey/outage';

type Received = { headers: Record<string, string>; body: string };

function startReceiver(): Promise<{ server: http.Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/cloudshield`, received });
    });
  });
}

async function staffHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const res = await request.post('/api/v1/auth/token', { data: { email: 'staff@calligo.test', password: DEMO_PASSWORD, name: 'notifications e2e' } });
  expect(res.status()).toBe(201);
  return { authorization: `Bearer ${(await res.json()).token}` };
}

test('a site outage sends a signed webhook to the tenant\'s endpoint and an e-mail to its administrator', async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  const headers = await staffHeaders(request);
  try {
    // The administrator adds the endpoint for site events and copies the secret shown once.
    await page.goto('/settings');
    const card = page.getByTestId('webhooks-card');
    await card.getByLabel('Endpoint URL').fill(receiver.url);
    await card.getByLabel('Description (optional)').fill('e2e receiver');
    await card.getByRole('checkbox', { name: 'site.down' }).check();
    await card.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('new-webhook-secret').locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.getByTestId('new-webhook-secret')).toHaveCount(0);
    await expect(card.getByRole('row', { name: /e2e receiver/ })).toContainText('site.down');

    expect((await request.post(OUTAGE, { headers, data: { down: true } })).ok()).toBe(true);

    // The signed delivery arrives and verifies with the secret; it names the site and the group.
    await expect.poll(() => receiver.received.filter((r) => r.body.includes('"site.down"')).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const delivery = receiver.received.find((r) => r.body.includes('"site.down"'))!;
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; data: { siteId: string; groupIds: string[]; summary: string } };
    expect(verified.type).toBe('site.down');
    expect(verified.data.siteId).toBe('guernsey');
    expect(verified.data.groupIds).toEqual(['grp_acme_file']);
    expect(verified.data.summary).toContain('File and backup');
    expect(delivery.headers['webhook-id']).toMatch(/^evt_/);
    // Tampering is detected: the same body with another signature fails verification.
    expect(() => new Webhook(secret).verify(delivery.body.replace('guernsey', 'jersey'), delivery.headers)).toThrow();

    // The delivery log in Settings shows it delivered.
    await page.reload();
    await expect(card.getByRole('row', { name: /e2e receiver/ })).toContainText('204');

    // Staff see the e-mail to Acme's administrator in Sent mail (after the digest window).
    const staff = await browser.newContext({ storageState: storageStateFor('staff') });
    const staffPage = await staff.newPage();
    const mail = staffPage.getByTestId('sent-mail-row').filter({ hasText: 'admin@acme.test' }).filter({ hasText: '[Acme Insurance] Site down' });
    await expect(async () => {
      await staffPage.goto('/staff/mail');
      await expect(mail.first()).toBeVisible();
    }).toPass({ timeout: 45_000 });
    await mail.first().locator('summary').click();
    await expect(mail.first()).toContainText('Your protection groups affected: File and backup');
    // Its link opens the dashboard, where the outage banner offers the recovery.
    await expect(mail.first()).toContainText(`Open in the portal: ${new URL('/', page.url()).href}\n`);
    // The same event id in the e-mail and on the webhook: one happening, two channels.
    await expect(mail.first()).toContainText(delivery.headers['webhook-id']);
    // Staff got the provider's own message about the site, not Acme's.
    await expect(staffPage.getByTestId('sent-mail-row').filter({ hasText: 'staff@calligo.test' }).filter({ hasText: 'Site down' }).first()).toBeVisible();
    await staff.close();
  } finally {
    await request.post(OUTAGE, { headers, data: { down: false } });
    receiver.server.close();
    // Delete the endpoint so later specs see Settings as seeded.
    await page.goto('/settings');
    const row = page.getByTestId('webhooks-card').getByRole('row', { name: /e2e receiver/ });
    if (await row.count()) {
      await row.getByRole('button', { name: /Delete endpoint/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
      await expect(row).toHaveCount(0);
    }
  }
});
