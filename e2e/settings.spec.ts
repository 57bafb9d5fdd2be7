import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';
import { storageStateFor } from './support/users';

/**
 * Settings → Users: a client admin invites a person (the one-time password is shown once), the
 * person signs in with it; the admin disables them after confirming, which ends their session
 * and refuses their next sign-in.
 */
test.describe('a client admin manages users', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('invites a user, then disables them after confirming; the disabled user cannot sign in', async ({ page, browser }) => {
    const email = `invited-${Date.now()}@acme.test`;
    const name = 'Invited Person';
    await page.goto('/settings');
    const card = page.getByTestId('users-card');

    // The form names the field in error next to it.
    await card.getByLabel('Email').fill('not-an-email');
    await card.getByRole('button', { name: 'Invite user' }).click();
    await expect(card.getByText('Name is required.')).toBeVisible();
    await expect(card.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

    await card.getByLabel('Name', { exact: true }).fill(name);
    await card.getByLabel('Email').fill(email);
    await card.getByLabel('Role', { exact: true }).selectOption('user');
    await card.getByRole('button', { name: 'Invite user' }).click();
    await expect(card.getByTestId('initial-password')).toContainText('shown only once');
    const password = (await card.getByTestId('initial-password-value').textContent())?.trim() ?? '';
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    const row = card.getByTestId(`user-row-${email}`);
    await expect(row).toContainText(name);

    // The invited person signs in with it, in a browser of their own.
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirPage = await theirs.newPage();
    await signIn(theirPage, email, password);
    await expect(theirPage).toHaveURL(/\/$/);

    // Disabling asks first; cancelling changes nothing.
    await row.getByRole('button', { name: `Disable ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Disable ${name}?` });
    await expect(dialog).toContainText('API tokens are revoked');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).not.toContainText('Disabled');

    await row.getByRole('button', { name: `Disable ${name}` }).click();
    await dialog.getByRole('button', { name: 'Disable user' }).click();
    await expect(page.getByTestId('toasts')).toContainText(`${name} is disabled`);
    await expect(row).toContainText('Disabled');
    await expect(row.getByRole('button', { name: `Enable ${name}` })).toBeVisible();

    // Their session ends at once, and signing in again is refused with a reason.
    await theirPage.goto('/groups');
    await expect(theirPage).toHaveURL(/\/login/);
    await signIn(theirPage, email, password);
    await expect(theirPage.getByTestId('login-error')).toContainText('disabled');
    await expect(theirPage).toHaveURL(/\/login/);
    await theirs.close();
  });
});

/**
 * Settings → Password: an invited person replaces the password they were given. Every session
 * ends with the change; they land on sign-in with a notice, the old password no longer works and
 * the new one does.
 */
test.describe('a person changes their password', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('replaces the initial password, is signed out everywhere, and signs in with the new one', async ({ page, browser }) => {
    const email = `newcomer-${Date.now()}@acme.test`;
    await page.goto('/settings');
    const users = page.getByTestId('users-card');
    await users.getByLabel('Name', { exact: true }).fill('New Comer');
    await users.getByLabel('Email').fill(email);
    await users.getByRole('button', { name: 'Invite user' }).click();
    const initial = (await users.getByTestId('initial-password-value').textContent())?.trim() ?? '';

    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const me = await theirs.newPage();
    const elsewhere = await other.newPage();
    await signIn(me, email, initial);
    await signIn(elsewhere, email, initial);
    await expect(elsewhere).toHaveURL(/\/$/);

    // On the one-time password, every page asks them to choose their own.
    await expect(me.getByTestId('password-banner')).toContainText('one-time password');
    await me.getByTestId('password-banner').getByRole('link', { name: 'Choose a password' }).click();
    await expect(me).toHaveURL(/\/settings$/);
    const card = me.getByTestId('password-card');
    await card.getByLabel('Current password').fill('not the password');
    await card.getByLabel('New password', { exact: true }).fill('a long enough passphrase');
    await card.getByLabel('New password again').fill('a long enough passphrase');
    await card.getByRole('button', { name: 'Change password' }).click();
    await expect(card.getByText('Current password is incorrect.')).toBeVisible();
    await expect(card.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

    await card.getByLabel('Current password').fill(initial);
    await card.getByRole('button', { name: 'Change password' }).click();
    await expect(me).toHaveURL(/\/login\?notice=password-changed/);
    await expect(me.getByTestId('login-notice')).toContainText('every session signed out');

    // The other browser's session is over too.
    await elsewhere.goto('/groups');
    await expect(elsewhere).toHaveURL(/\/login/);

    await signIn(me, email, initial);
    await expect(me.getByTestId('login-error')).toBeVisible();
    await signIn(me, email, 'a long enough passphrase');
    await expect(me).toHaveURL(/\/$/);
    await expect(me.getByTestId('protection-headline')).toBeVisible();
    await expect(me.getByTestId('password-banner')).toHaveCount(0);
    await theirs.close();
    await other.close();
  });
});

test.describe('a client admin resets a password', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('after confirming: the person is signed out and signs in with the new one-time password', async ({ page, browser }) => {
    const email = `forgetful-${Date.now()}@acme.test`;
    const name = 'Forgetful Person';
    await page.goto('/settings');
    const users = page.getByTestId('users-card');
    await users.getByLabel('Name', { exact: true }).fill(name);
    await users.getByLabel('Email').fill(email);
    await users.getByRole('button', { name: 'Invite user' }).click();
    const first = (await users.getByTestId('initial-password-value').textContent())?.trim() ?? '';
    await users.getByRole('button', { name: 'I have shared it' }).click();

    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const them = await theirs.newPage();
    await signIn(them, email, first);
    await expect(them).toHaveURL(/\/$/);

    await users.getByTestId(`user-row-${email}`).getByRole('button', { name: `Reset the password of ${name}` }).click();
    await page.getByRole('dialog', { name: `Reset the password of ${name}?` }).getByRole('button', { name: 'Reset password' }).click();
    const issued = page.getByRole('dialog', { name: `New password for ${name}` });
    await expect(issued.getByTestId('initial-password')).toContainText('shown only once');
    const second = (await issued.getByTestId('initial-password-value').textContent())?.trim() ?? '';
    expect(second).not.toBe(first);
    await issued.getByRole('button', { name: 'I have shared it' }).click();
    await expect(issued).toBeHidden();

    await them.goto('/groups');
    await expect(them).toHaveURL(/\/login/);
    await signIn(them, email, second);
    await expect(them.getByTestId('password-banner')).toBeVisible();
    await theirs.close();
  });
});

