import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { storageStateFor } from './support/users';

/**
 * E-mail preferences end to end: Acme's user turns "Site down" off in Settings; Acme's
 * administrator's "Who gets what" no longer lists them for it; the user resets to the defaults
 * (after confirming) and is listed again. The demo data is left as seeded: the reset runs again
 * through the API at the end whatever happened.
 */
test.use({ storageState: storageStateFor('acmeUser') });

test('a user switches an event off and the administrator\'s "who gets what" no longer lists them', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: storageStateFor('acmeAdmin') });
  const adminPage = await admin.newPage();
  const cell = () => adminPage.getByTestId('recipients-card').getByTestId('recipients-site.down-user@acme.test');
  try {
    await adminPage.goto('/settings');
    await expect(cell()).toHaveAttribute('data-on', 'yes');

    await page.goto('/settings');
    const card = page.getByTestId('notifications-card');
    // Personal security events are shown locked on.
    await expect(card.getByLabel(/Your password was changed/)).toBeDisabled();
    await expect(card.getByLabel(/Your password was changed/)).toBeChecked();
    const siteDown = card.getByLabel(/^Site down/);
    await expect(siteDown).toBeChecked();
    await expect(card.getByTestId('pref-site.down')).toContainText('On by default');
    const save = card.getByRole('button', { name: 'Save notification settings' });
    await expect(save).toBeDisabled();
    await siteDown.uncheck();
    await expect(card).toContainText('1 unsaved change');
    await save.click();
    await expect(page.getByTestId('toasts')).toContainText('Notification settings saved');
    await expect(card.getByTestId('pref-site.down')).toContainText('your choice');
    expect(await seriousViolations(page)).toEqual([]);

    // The administrator sees it at once (the same function the outbox addresses mail with).
    await adminPage.reload();
    await expect(cell()).toHaveAttribute('data-on', 'no');
    expect(await seriousViolations(adminPage)).toEqual([]);

    // Reset asks first; cancelling keeps the choice.
    await card.getByRole('button', { name: 'Reset to defaults' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset your notifications to the defaults?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(siteDown).not.toBeChecked();
    await card.getByRole('button', { name: 'Reset to defaults' }).click();
    await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(page.getByTestId('toasts')).toContainText("back to your role's defaults");
    await expect(siteDown).toBeChecked();
    await adminPage.reload();
    await expect(cell()).toHaveAttribute('data-on', 'yes');
  } finally {
    // Leave the demo data as seeded whatever happened above.
    expect((await page.request.delete('/api/v1/me/notification-preferences')).ok()).toBe(true);
    const mine = (await (await page.request.get('/api/v1/me/notification-preferences')).json()) as { events: { email: boolean; default: boolean }[] };
    expect(mine.events.every((e) => e.email === e.default)).toBe(true);
    await admin.close();
  }
});

test.describe('the provider console', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('staff see the provider\'s webhook endpoints and their own e-mail choices', async ({ page }) => {
    await page.goto('/staff/webhooks');
    const card = page.getByTestId('webhooks-card');
    await expect(card.getByRole('heading', { name: 'Provider endpoints' })).toBeVisible();
    // The console's own actions: a URL that is not https is refused naming the field, nothing added
    // (not a loopback one: the e2e server allows private addresses for e2e/notifications.spec.ts).
    await card.getByLabel('Endpoint URL').fill('ftp://hooks.example.com/cloudshield');
    await card.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(card.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(card.getByText('No webhook endpoints')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/staff/account');
    const prefs = page.getByTestId('notifications-card');
    await expect(prefs.getByLabel(/^Site down/)).toBeChecked();
    await expect(prefs.getByTestId('pref-rpo.warning')).toHaveCount(0);
  });
});
