import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/users';

/**
 * Forms refuse bad input with the field's own words next to the field, never a crash page or a
 * schema's internal name; numbers in forms read with thousands separators.
 */
test.describe('staff schedule maintenance', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('"Schedule" with empty fields shows field errors, then a window is scheduled', async ({ page }) => {
    await page.goto('/staff/maintenance');
    const schedule = page.getByRole('button', { name: 'Schedule' });
    await schedule.click();
    await expect(page.getByText('Start time is required.')).toBeVisible();
    await expect(page.getByText('End time is required.')).toBeVisible();
    await expect(page.getByText('Description is required.')).toBeVisible();
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    await expect(page.getByLabel('Starts (UTC)')).toHaveAttribute('aria-invalid', 'true');

    const year = new Date().getUTCFullYear() + 1;
    await page.getByLabel('Starts (UTC)').fill(`${year}-03-02T10:00`);
    await page.getByLabel('Ends (UTC)').fill(`${year}-03-02T09:00`);
    await page.getByLabel('What and why').fill('Core switch firmware');
    await schedule.click();
    await expect(page.getByText('End time must be after the start time.')).toBeVisible();

    await page.getByLabel('Ends (UTC)').fill(`${year}-03-02T12:00`);
    await page.getByLabel('What and why').fill('Core switch firmware');
    await schedule.click();
    await expect(page.getByTestId('toasts')).toContainText('Maintenance scheduled for the whole service.');
    await expect(page.getByRole('table', { name: 'Upcoming maintenance' })).toContainText('Core switch firmware');
  });
});

test.describe('a client admin', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('sees "Recovery site is required." in the new-group form, and a name that would display reversed is refused', async ({ page }) => {
    await page.goto('/groups/new');
    await page.getByLabel('Name', { exact: true }).fill('Quotes\u202Eexe.cod');
    await page.getByRole('button', { name: 'Create protection group' }).click();
    await expect(page.getByText('Recovery site is required.')).toBeVisible();
    await expect(page.getByText('targetSiteId')).toHaveCount(0);
    await expect(page.getByLabel('Recovery site')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Name may not contain bidirectional override or isolate characters (found U+202E).')).toBeVisible();
    await expect(page).toHaveURL(/\/groups\/new$/);
  });

  test('reads vDC reservations with thousands separators when raising a request', async ({ page }) => {
    await page.goto('/requests/new');
    const guernsey = page.getByLabel('Virtual datacentre').locator('option', { hasText: 'Guernsey' });
    await expect(guernsey).toHaveText(/10,000 GB storage, 5,000 IOPS/);
  });
});
