import { expect, request, test, type Browser } from '@playwright/test';
import { signIn } from './support/sign-in';

/**
 * Issue 19, item 6: signing out ends the session on the server, not only in this browser, and
 * "Sign out everywhere" ends every session of the account. user@globex.test has no saved
 * signed-in state that other specs share, so ending its sessions disturbs nobody.
 */
const EMAIL = 'user@globex.test';

// Each test signs in two or three browsers: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function signedIn(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, EMAIL);
  await expect(page.getByTestId('tenant-name')).toBeVisible();
  return { context, page };
}

test('a cookie copied before sign-out is refused afterwards; the other browser stays signed in', async ({ browser }) => {
  const laptop = await signedIn(browser);
  const phone = await signedIn(browser);
  const copied = await laptop.context.cookies();

  await laptop.page.getByTestId('sign-out').click();
  await expect(laptop.page).toHaveURL(/\/login/);

  // Someone who copied the cookie (a shared computer, a stolen backup) puts it back.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const page = await thief.newPage();
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);

  // Only the laptop's session ended.
  await phone.page.goto('/settings');
  await expect(phone.page).toHaveURL(/\/settings$/);
  await Promise.all([laptop.context.close(), phone.context.close(), thief.close()]);
});

test('Sign out everywhere ends two sessions at once; signing in again works', async ({ browser }) => {
  const laptop = await signedIn(browser);
  const phone = await signedIn(browser);

  await laptop.page.goto('/settings');
  const card = laptop.page.getByTestId('sessions-card');
  await card.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = laptop.page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.page).toHaveURL(/\/login\?notice=signed-out-everywhere/);
  await expect(laptop.page.getByTestId('login-notice')).toContainText('signed out on every device');

  await phone.page.goto('/settings');
  await expect(phone.page).toHaveURL(/\/login/);
  expect((await phone.page.request.get('/api/v1/me')).status()).toBe(401);

  await signIn(phone.page, EMAIL);
  await expect(phone.page.getByTestId('tenant-name')).toBeVisible();
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test('a read-only token is created in Settings, listed with its access, and cannot write', async ({ browser, baseURL }) => {
  const { context, page } = await signedIn(browser);
  await page.goto('/settings');
  const card = page.getByTestId('tokens-card');
  await card.getByLabel('Token name').fill('e2e reporting');
  await expect(card.getByLabel('Access')).toHaveValue('read');
  await card.getByLabel('Expires in (days, max 90)').fill('91');
  await card.getByRole('button', { name: 'Create token' }).click();
  await expect(card.locator('#token-days-error')).toContainText('at most 90 days');
  await card.getByLabel('Expires in (days, max 90)').fill('30');
  await card.getByRole('button', { name: 'Create token' }).click();
  const token = (await card.getByTestId('new-token').locator('code').textContent())?.trim();
  expect(token).toMatch(/^cs_/);
  await expect(card.getByRole('row', { name: /e2e reporting/ })).toContainText('Read only');

  const api = await request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/v1/me')).status()).toBe(200);
  const refused = await api.post('/api/v1/me/sessions/revoke');
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ tokenScope: 'read', requiredScope: 'full' });
  await api.dispose();
  await context.close();
});
