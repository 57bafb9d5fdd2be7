import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { storageStateFor } from './support/users';

/**
 * Backups of the portal's own database (issue 21, one machine): staff see the list and back up
 * now; the page and the API are the provider's alone.
 */
test.describe('as provider staff', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('back up now: the button is busy, then a toast says it is written and verified and it heads the list', async ({ page }) => {
    // A backup of the demo database takes about a second; the page, the copy and the accessibility scan share two cores with the simulator.
    test.setTimeout(60_000);
    await page.goto('/staff/backups');
    await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Backups' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('npm run db:restore -- <file>')).toBeVisible();
    const rows = page.getByTestId('backup-row');
    const before = await rows.count();

    const button = page.getByTestId('backup-now');
    await button.click();
    // Pending: the button is busy while the copy is written and checked (a second or so for the demo database).
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toContainText('Backing up…');
    await expect(page.getByText('Backup written and verified')).toBeVisible({ timeout: 20_000 });
    await expect(button).toHaveText('Back up now');
    await expect(button).toBeEnabled();
    await expect(rows).toHaveCount(before + 1);
    const newest = rows.first();
    await expect(newest).toContainText(/^cloudshield-\d{8}T\d{6}Z-[0-9a-f]{6}\.db/);
    await expect(newest).toContainText('Verified');
    await expect(newest).toContainText('Back up now');
    await expect(newest).toContainText(/\d+(\.\d)? (KB|MB|GB)/);

    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the API lists the same backups', async ({ page }) => {
    const res = await page.request.get('/api/v1/admin/backups');
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]).toMatchObject({ verified: true });
    expect(body.settings).toMatchObject({ keep: expect.any(Number), schedule: expect.any(String) });
  });
});

test.describe('as a client administrator', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('the page is not reachable and the API refuses (403)', async ({ page }) => {
    const response = await page.goto('/staff/backups');
    // As for every console page (auth.spec.ts): a 404, or sent back to the client portal.
    const refused = response?.status() === 404 || response?.status() === 403 || !/\/staff/.test(page.url());
    expect(refused, `GET /staff/backups answered ${response?.status()} at ${page.url()}`).toBe(true);
    await expect(page.getByTestId('staff-context')).toHaveCount(0);
    await expect(page.getByTestId('backup-now')).toHaveCount(0);
    expect((await page.request.get('/api/v1/admin/backups')).status()).toBe(403);
    expect((await page.request.post('/api/v1/admin/backups')).status()).toBe(403);
  });
});
