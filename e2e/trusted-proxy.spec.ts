import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startPortal, type Portal } from './support/server';
import { DEMO_PASSWORD } from './support/users';

/**
 * Issue 19 item 2: the client address used for the audit trail and the per-IP sign-in limit
 * comes from the socket and TRUST_PROXY_HOPS, never from what the client writes in
 * X-Forwarded-For. Each describe starts a portal of its own (its own database and in-memory
 * rate limits: the lock-out below must not reach the run's shared server).
 */
test.describe.configure({ mode: 'serial' });

const FORGED = {
  'x-forwarded-for': '203.0.113.77',
  'x-real-ip': '203.0.113.78',
  'x-cloudshield-client-ip': '203.0.113.79',
  forwarded: 'for=203.0.113.80',
};

function lastAudit(portal: Portal, action: string): { source_ip: string | null } | undefined {
  const db = new Database(portal.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT source_ip FROM audit_log WHERE action = ? ORDER BY rowid DESC LIMIT 1').get(action) as { source_ip: string | null } | undefined;
  } finally {
    db.close();
  }
}

const tokenSignIn = (portal: Portal, email: string, password: string, headers: Record<string, string>) =>
  fetch(`${portal.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });

test.describe('TRUST_PROXY_HOPS=0 (default): the socket address', () => {
  let portal: Portal;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    portal = await startPortal('hops0');
  });
  test.afterAll(async () => portal?.stop());

  test('a forged X-Forwarded-For does not change the audited sign-in address', async () => {
    const res = await tokenSignIn(portal, 'admin@acme.test', DEMO_PASSWORD, FORGED);
    expect(res.status).toBe(201);
    expect(lastAudit(portal, 'auth.token-created')?.source_ip).toBe('127.0.0.1');

    const failed = await tokenSignIn(portal, 'admin@acme.test', 'wrong-password', FORGED);
    expect(failed.status).toBe(401);
    expect(lastAudit(portal, 'auth.sign-in-failed')?.source_ip).toBe('127.0.0.1');
  });

  test('the web sign-in audits the socket address too', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: portal.url, extraHTTPHeaders: FORGED });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('user@acme.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('tenant-name')).toBeVisible();
    expect(lastAudit(portal, 'auth.sign-in')?.source_ip).toBe('127.0.0.1');
    await context.close();
  });

  test('rotating X-Forwarded-For does not escape the per-address limit', async () => {
    // 20 failures (IP_FAILURES in lib/auth/rate-limit.ts; the test above made one already),
    // each claiming another address and naming another account so that the per-account limit
    // is not what stops them.
    for (let i = 0; i < 20; i++) {
      const res = await tokenSignIn(portal, `probe${i}@acme.test`, 'guess', { ...FORGED, 'x-forwarded-for': `198.51.100.${i + 1}` });
      expect([401, 429]).toContain(res.status);
    }
    const next = await tokenSignIn(portal, 'user@acme.test', DEMO_PASSWORD, { ...FORGED, 'x-forwarded-for': '198.51.100.200' });
    expect(next.status).toBe(429);
  });

  test('no HSTS over plain http, even when the client claims https', async () => {
    const res = await fetch(`${portal.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

test.describe('TRUST_PROXY_HOPS=1: the address our reverse proxy appended', () => {
  let portal: Portal;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    portal = await startPortal('hops1', { TRUST_PROXY_HOPS: '1' });
  });
  test.afterAll(async () => portal?.stop());

  test('the rightmost X-Forwarded-For entry is audited, not what the client put before it', async () => {
    // What a proxy in front sends: the client's own claim, then the address the proxy saw.
    const res = await tokenSignIn(portal, 'admin@acme.test', DEMO_PASSWORD, { ...FORGED, 'x-forwarded-for': '198.51.100.1, 192.0.2.10' });
    expect(res.status).toBe(201);
    expect(lastAudit(portal, 'auth.token-created')?.source_ip).toBe('192.0.2.10');
  });

  test('HSTS when the trusted proxy says the request came over https', async () => {
    const https = await fetch(`${portal.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const http = await fetch(`${portal.url}/login`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });
});
