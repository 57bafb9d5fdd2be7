import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { startOidcProvider, type TestOidcProvider } from '../lib/testing/oidc-provider';
import { DEMO_PASSWORD } from './support/users';

/**
 * Single sign-on (issue 19) against a real OpenID Connect provider (oidc-provider) started here:
 * staff configure the tenant through the API, people sign in through the browser.
 */
// The machine running the tests is shared and slow: a whole round trip through two servers.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const PORT = 3765;
const WRONG_PORT = 3766;
const CLIENT = { clientId: 'cloudshield-e2e', clientSecret: 'e2e-client-secret-0123456789' };
const ACME_DOMAIN = 'acme-sso.example';
const GLOBEX_DOMAIN = 'globex-sso.example';

let staff: APIRequestContext;
let auth: Record<string, string>;
let idp: TestOidcProvider;
let wrongIdp: TestOidcProvider;

test.beforeAll(async ({ playwright }) => {
  const baseURL = test.info().project.use.baseURL!;
  staff = await playwright.request.newContext({ baseURL });
  const token = await staff.post('/api/v1/auth/token', { data: { email: 'staff@calligo.test', password: DEMO_PASSWORD, name: 'sso e2e' } });
  expect(token.status()).toBe(201);
  auth = { Authorization: `Bearer ${(await token.json()).token}` };

  const acme = await staff.put('/api/v1/admin/tenants/ten_acme/sso', { headers: auth, data: { issuer: `http://localhost:${PORT}`, ...CLIENT, domains: [ACME_DOMAIN], defaultRole: 'user' } });
  expect(acme.status()).toBe(200);
  const { redirectUri: acmeRedirect } = await acme.json();
  expect(acmeRedirect).toMatch(new RegExp(`^${baseURL}/api/auth/callback/sso-idp_`));
  // Globex's provider is configured as http://localhost:3766, but that provider says it is another issuer.
  const globex = await staff.put('/api/v1/admin/tenants/ten_globex/sso', { headers: auth, data: { issuer: `http://localhost:${WRONG_PORT}`, ...CLIENT, domains: [GLOBEX_DOMAIN] } });
  expect(globex.status()).toBe(200);
  const { redirectUri: globexRedirect } = await globex.json();

  const accounts = {
    'nia@acme-sso.example': { email: 'nia@acme-sso.example', name: 'Nia Okoro' },
    mallory: { email: 'mallory@evil.example', name: 'Mallory' },
    'late@acme-sso.example': { email: 'late@acme-sso.example', name: 'Lee Late' },
    'x@globex-sso.example': { email: 'x@globex-sso.example' },
  };
  idp = await startOidcProvider({ port: PORT, clients: [{ ...CLIENT, redirectUris: [acmeRedirect] }], accounts });
  wrongIdp = await startOidcProvider({ port: WRONG_PORT, issuer: `http://localhost:${WRONG_PORT}/somewhere-else`, clients: [{ ...CLIENT, redirectUris: [globexRedirect] }], accounts });
});

test.afterAll(async () => {
  await staff?.delete('/api/v1/admin/tenants/ten_acme/sso', { headers: auth });
  await staff?.delete('/api/v1/admin/tenants/ten_globex/sso', { headers: auth });
  await idp?.close();
  await wrongIdp?.close();
  await staff?.dispose();
});

async function usersOfAcme(): Promise<{ email: string; role: string }[]> {
  const res = await staff.get('/api/v1/users?tenantId=ten_acme', { headers: auth });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return (Array.isArray(body) ? body : body.items) as { email: string; role: string }[];
}

/** "Sign in with your organisation", then the provider's own login (and consent) pages. */
async function signInWithOrganisation(page: Page, email: string, providerLogin = email) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/localhost:3765\/interaction\//);
  await page.locator('input[name="login"]').fill(providerLogin);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The consent page of oidc-provider's development interactions (first time only), or straight back.
  const consent = page.getByRole('button', { name: 'Continue' });
  const next = await Promise.race([
    consent.waitFor().then(() => 'consent' as const),
    page.waitForURL((url) => url.port !== String(PORT)).then(() => 'back' as const),
  ]);
  if (next === 'consent') await consent.click();
}

test('a new user of the tenant’s domain signs in through the provider, is created, and lands on the dashboard', async ({ page }) => {
  expect((await usersOfAcme()).map((u) => u.email)).not.toContain('nia@acme-sso.example');
  await signInWithOrganisation(page, 'nia@acme-sso.example');
  await page.waitForURL((url) => url.port !== String(PORT) && url.pathname === '/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ email: 'nia@acme-sso.example', role: 'user', tenantId: 'ten_acme' });
  expect(await usersOfAcme()).toContainEqual(expect.objectContaining({ email: 'nia@acme-sso.example', role: 'user' }));
});

test('an email outside the tenant’s domains is refused and no user is created', async ({ page }) => {
  await signInWithOrganisation(page, 'someone@acme-sso.example', 'mallory');
  await page.waitForURL(/\/login\?(.*&)?error=sso-domain-refused/);
  await expect(page.getByTestId('login-error')).toContainText('outside the domains it may sign in');
  expect((await usersOfAcme()).map((u) => u.email)).not.toContain('mallory@evil.example');
  expect((await (await page.request.get('/api/v1/me')).status())).toBe(401);
});

test('an expired ID token is refused', async ({ page }) => {
  // The provider's clock two minutes behind and a one-second ID token: expired when it arrives.
  idp.clock.skewSeconds = 120;
  try {
    await signInWithOrganisation(page, 'late@acme-sso.example');
    await page.waitForURL(/\/login\?(.*&)?error=OAuthCallback/);
  } finally {
    idp.clock.skewSeconds = 0;
  }
  await expect(page.getByTestId('login-error')).toContainText('could not be verified');
  expect((await usersOfAcme()).map((u) => u.email)).not.toContain('late@acme-sso.example');
});

test('a provider that names another issuer is refused with a clear message', async ({ page }) => {
  await page.goto('/login?sso=1');
  await page.getByLabel('Work email').fill('x@globex-sso.example');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/login\?(.*&)?error=sso-issuer-mismatch/);
  await expect(page.getByTestId('login-error')).toContainText('names a different issuer');
  // The staff test-connection button says the same.
  const test = await staff.post('/api/v1/admin/tenants/ten_globex/sso/test', { headers: auth, data: { issuer: `http://localhost:${WRONG_PORT}` } });
  expect(await test.json()).toMatchObject({ ok: false, code: 'issuer-mismatch' });
});

test('an email of no single sign-on domain is told to use its password', async ({ page }) => {
  await page.goto('/login?sso=1');
  await page.getByLabel('Work email').fill('someone@elsewhere.example');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('login-error')).toContainText('does not sign in with single sign-on');
});

test('with single sign-on required, passwords are refused except the break-glass administrator’s', async ({ page }) => {
  const res = await staff.put('/api/v1/admin/tenants/ten_acme/sso', {
    headers: auth,
    data: { issuer: `http://localhost:${PORT}`, clientId: CLIENT.clientId, domains: [ACME_DOMAIN], requireSso: true, breakGlassUserId: 'usr_admin2_acme' },
  });
  expect(res.status()).toBe(200);
  try {
    await page.goto('/login');
    await page.getByLabel('Email').fill('user@acme.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('login-error')).toContainText('Your organisation signs in with single sign-on');

    await page.getByLabel('Email').fill('admin2@acme.test');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
  } finally {
    await staff.put('/api/v1/admin/tenants/ten_acme/sso', { headers: auth, data: { issuer: `http://localhost:${PORT}`, clientId: CLIENT.clientId, domains: [ACME_DOMAIN], requireSso: false } });
  }
});

test.describe('the staff console', () => {
  test.use({ storageState: 'e2e/.auth/staff.json' });

  test('shows the SSO card with the redirect URI and tests the connection', async ({ page }) => {
    await page.goto('/staff/tenants/ten_acme');
    const card = page.getByTestId('sso-card');
    await expect(card.getByTestId('sso-redirect-uri')).toContainText('/api/auth/callback/sso-idp_');
    await expect(card.getByLabel('Issuer URL')).toHaveValue(`http://localhost:${PORT}`);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByTestId('sso-message')).toContainText('Connection works');
    // The shared schema's message before anything is sent.
    await card.getByLabel('Issuer URL').fill('ftp://nope');
    await card.getByRole('button', { name: 'Save single sign-on' }).click();
    await expect(card.getByText(/Issuer URL must be an https/)).toBeVisible();
  });
});
