import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { DEMO_USERS, storageStateFor } from './support/users';

/**
 * Issue 19 item 11: every HTML page carries a Content-Security-Policy with a fresh per-request
 * nonce and no 'unsafe-inline' for scripts, every <script> Next writes carries that nonce, and
 * the portal works under it (no violation reported by the browser).
 */

type Csp = Map<string, string[]>;

function parseCsp(header: string | null | undefined): Csp {
  const map: Csp = new Map();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

async function htmlWithNonce(request: APIRequestContext, path: string, status = 200): Promise<string> {
  const res = await request.get(path, { maxRedirects: 0 });
  expect(res.status(), path).toBe(status);
  expect(res.headers()['content-type']).toContain('text/html');
  const csp = parseCsp(res.headers()['content-security-policy']);
  const scriptSrc = csp.get('script-src') ?? [];
  expect(scriptSrc, `${path}: script-src`).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).toContain("'strict-dynamic'");
  const nonces = scriptSrc.filter((s) => s.startsWith("'nonce-"));
  expect(nonces, `${path}: one nonce in script-src`).toHaveLength(1);
  const nonce = nonces[0].slice("'nonce-".length, -1);
  expect(nonce.length).toBeGreaterThanOrEqual(16);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);

  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts.length, `${path}: Next's scripts are in the page`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${path}: every <script> carries the nonce`).toContain(`nonce="${nonce}"`);
  // The other security headers are still there.
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  return nonce;
}

/** Collects what the browser reports: CSP violations and console errors. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return async () => {
    const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...violations, ...consoleErrors.filter((t) => /content security policy|refused to/i.test(t))];
  };
}

test.describe('anonymous', () => {
  test('the login page: a nonce CSP, every script nonced, a new nonce per request', async ({ request }) => {
    const first = await htmlWithNonce(request, '/login');
    const second = await htmlWithNonce(request, '/login');
    expect(second).not.toBe(first);
  });

  test('the not-found page of a path with a file extension is covered too', async ({ request }) => {
    // (Other unknown paths send anonymous visitors to /login; signed in, see below.)
    await htmlWithNonce(request, '/no-such-file.php', 404);
  });

  test('signing in and reaching the dashboard raises no CSP violation', async ({ page }) => {
    const violations = await watchViolations(page);
    await signIn(page, DEMO_USERS.acmeAdmin.email);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('protection-headline')).toBeVisible();
    await expect(page.getByTestId('availability-percent')).toContainText('%');
    expect(await violations()).toEqual([]);
  });
});

test.describe('signed in', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('portal pages and a signed-in not-found page carry a nonce CSP', async ({ request }) => {
    const a = await htmlWithNonce(request, '/');
    const b = await htmlWithNonce(request, '/groups');
    expect(a).not.toBe(b);
    await htmlWithNonce(request, '/groups/no-such-group', 404);
  });

  test('client-side navigation with charts raises no CSP violation', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await expect(page.getByTestId('protection-headline')).toBeVisible();
    await page.getByRole('link', { name: 'Protection groups' }).first().click();
    await expect(page).toHaveURL(/\/groups$/);
    await page.goto('/groups/grp_acme_sql');
    await expect(page.getByRole('heading', { name: 'Policy database' })).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});

test.describe('staff', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('the provider console carries a nonce CSP', async ({ request, page }) => {
    await htmlWithNonce(request, '/staff');
    const violations = await watchViolations(page);
    await page.goto('/staff');
    await expect(page.getByTestId('staff-context')).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});
