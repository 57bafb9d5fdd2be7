import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { seriousViolations } from './support/axe';
import { storageStateFor } from './support/users';

/**
 * Two-factor recovery (issue 19): enrolment with the password, ten recovery codes shown once, a
 * recovery code instead of the app's code at sign-in (once), and a client administrator's reset.
 * As user@globex.test, whom no other spec signs in as.
 */
const EMAIL = 'user@globex.test';

async function signIn(page: Page, otp?: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'demo-password');
  if (otp) {
    await page.getByRole('button', { name: 'I have an authentication code' }).click();
    await page.getByLabel('Authentication code').fill(otp);
  }
  await page.getByRole('button', { name: /sign in/i }).click();
}

test('enrol with the password, sign in once with a recovery code, reset by the administrator', async ({ browser }) => {
  test.setTimeout(120_000); // several argon2 checks and sign-ins on a shared machine
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page);
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/settings');
  const card = page.getByTestId('two-factor-card');
  await card.getByLabel('Your password, to set it up').fill('not-the-password');
  await card.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await expect(card.getByText('Password is incorrect.')).toBeVisible();
  await card.getByLabel('Your password, to set it up').fill(process.env.DEMO_PASSWORD ?? 'demo-password');
  await card.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const key = (await card.locator('code').first().innerText()).trim();
  await card.getByLabel('Code from the app').fill(TOTP.generate({ secret: Secret.fromBase32(key), timestamp: Date.now() - 30_000 }));
  await card.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(10);
  const codes = await page.getByTestId('recovery-code').allInnerTexts();
  expect(await seriousViolations(page)).toEqual([]);
  await card.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByTestId('recovery-codes')).toHaveCount(0);
  await expect(page.getByTestId('recovery-codes-left')).toContainText('10 of 10');

  // Signed out: the password alone is not enough; a recovery code is, once.
  await context.clearCookies();
  await signIn(page);
  await expect(page.getByTestId('login-error')).toContainText('recovery codes');
  await page.getByLabel('Authentication code').fill(codes[0]);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto('/settings');
  await expect(page.getByTestId('recovery-codes-left')).toContainText('9 of 10');
  await context.clearCookies();
  await signIn(page, codes[0]);
  await expect(page.getByTestId('login-error')).toContainText('not valid');

  // The administrator resets it (after a confirmation); the password alone signs in again.
  const admin = await browser.newContext({ storageState: storageStateFor('globexAdmin') });
  const adminPage = await admin.newPage();
  await adminPage.goto('/settings');
  const row = adminPage.getByTestId(`user-row-${EMAIL}`);
  await row.getByRole('button', { name: /Reset the two-factor authentication of/ }).click();
  await adminPage.getByRole('button', { name: 'Reset two-factor' }).click();
  await expect(row.getByRole('button', { name: /Reset the two-factor authentication of/ })).toHaveCount(0);
  await signIn(page);
  await expect(page).not.toHaveURL(/\/login/);
  await admin.close();
  await context.close();
});
