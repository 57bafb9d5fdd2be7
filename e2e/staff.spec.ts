import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { storageStateFor } from './support/users';

/**
 * The provider console: tenants and vDCs, fault injection, and the service-request queue.
 * Faults go to Bermuda, which only Globex's analytics group uses, so specs running alongside
 * (Acme's failovers) are not disturbed.
 */
test.use({ storageState: storageStateFor('staff') });

test('staff create a tenant and give it a vDC with its dedicated volume', async ({ page }) => {
  const slug = `initech-${Date.now().toString(36)}`;
  await page.goto('/staff/tenants/new');
  await page.getByLabel('Name', { exact: true }).fill('Initech');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Connection option').selectOption('mpls');
  await page.getByLabel('Monthly charge (GBP)').fill('8500');
  await page.getByLabel('External bandwidth limit (Mbit/s)').fill('300');
  await page.getByLabel('Inter-datacentre bandwidth limit (Mbit/s)').fill('150');
  await page.getByRole('button', { name: 'Create tenant' }).click();

  await expect(page).toHaveURL(/\/staff\/tenants\/ten_/);
  await expect(page.getByRole('heading', { level: 1, name: 'Initech' })).toBeVisible();

  await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Zurich' });
  await page.getByLabel('Kind', { exact: true }).selectOption('production');
  await page.getByLabel('vCPU (GHz)').fill('40');
  await page.getByLabel('Memory (GB)').fill('128');
  await page.getByLabel('Storage (GB, all-SSD)').fill('4000');
  await page.getByLabel('Guaranteed IOPS').fill('6000');
  await page.getByRole('button', { name: 'Add vDC' }).click();

  const vdcs = page.getByTestId('vdc-table');
  await expect(vdcs.getByRole('row', { name: /Zurich/ })).toContainText('40 GHz');
  await expect(page.getByRole('cell', { name: `${slug}-zurich-ssd01` })).toBeVisible();

  // A slug can only be used once.
  await page.goto('/staff/tenants/new');
  await page.getByLabel('Name', { exact: true }).fill('Initech again');
  await page.getByLabel('Slug').fill(slug);
  await page.getByLabel('Monthly charge (GBP)').fill('1');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByText(`The slug "${slug}" is already taken`).first()).toBeVisible();
});

test('staff take a site down, see the affected groups, and bring it back', async ({ page }) => {
  await page.goto('/staff/sites/bermuda');
  await expect(page.getByTestId('affected-groups')).toContainText('Analytics');

  await page.getByRole('button', { name: 'Take site down' }).click();
  const dialog = page.getByRole('dialog', { name: 'Take Bermuda down?' });
  await expect(dialog).toContainText('1 protection group of 1 tenant will be affected.');
  // The confirm button stays disabled until the site's name is typed.
  await expect(dialog.getByRole('button', { name: 'Take site down' })).toBeDisabled();
  await dialog.getByLabel('Type Bermuda to confirm').fill('Bermuda');
  await dialog.getByRole('button', { name: 'Take site down' }).click();

  await expect(page.getByRole('heading', { name: 'Groups affected now' })).toBeVisible();
  await expect(page.getByText('Offline').first()).toBeVisible();
  await expect(page.getByTestId('affected-groups').getByRole('row', { name: /Analytics/ })).toContainText('Replicates from here');

  await page.goto('/staff');
  await expect(page.getByTestId('fault-banner')).toContainText('Bermuda offline');

  await page.goto('/staff/sites/bermuda');
  await page.getByRole('button', { name: 'Bring back online' }).click();
  await expect(page.getByRole('button', { name: 'Take site down' })).toBeVisible();
});

test('a client admin raises a grow request and staff resolve it', async ({ page, browser }) => {
  const title = `More memory ${Date.now().toString(36)}`;
  const client = await browser.newContext({ storageState: storageStateFor('acmeAdmin') });
  const clientPage = await client.newPage();
  await clientPage.goto('/requests/new');
  await clientPage.getByLabel('Title').fill(title);
  await clientPage.getByLabel('Priority').selectOption('P2');
  await clientPage.getByLabel('Virtual datacentre').selectOption('vdc_acme_london_production');
  await clientPage.getByLabel('Memory (GB)').fill('64');
  await clientPage.getByLabel('Details').fill('Month-end batch needs headroom.');
  await clientPage.getByRole('button', { name: 'Raise request' }).click();
  await expect(clientPage).toHaveURL(/\/requests\/sr_/);
  await expect(clientPage.getByText(/Due in \d h/).first()).toBeVisible();

  await page.goto('/staff/requests');
  await page.getByTestId('request-queue').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByLabel('Assigned to').selectOption({ label: 'Me (Morgan Le Cornu)' });
  await page.getByLabel('Note (optional)').fill('Added 64 GB to your production vDC.');
  await page.getByRole('button', { name: 'Resolve' }).click();
  const confirm = page.getByRole('dialog', { name: 'Resolve and apply the change?' });
  await expect(confirm).toContainText('+64 GB memory');
  await confirm.getByRole('button', { name: 'Resolve and apply' }).click();

  await expect(page.getByText('Resolved', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('comment-thread')).toContainText('Added 64 GB');

  // The client follows the outcome from the portal.
  await clientPage.reload();
  await expect(clientPage.getByText('Resolved', { exact: true }).first()).toBeVisible();
  await expect(clientPage.getByTestId('comment-thread')).toContainText('Added 64 GB');
  await client.close();
});

test('staff manage their own account: password and two-factor authentication', async ({ page }) => {
  await page.goto('/staff');
  await page.getByRole('navigation').getByRole('link', { name: 'Your account' }).click();
  await expect(page).toHaveURL(/\/staff\/account$/);
  await expect(page.getByTestId('password-card')).toBeVisible();
  await expect(page.getByTestId('two-factor-card')).toContainText('Off');
});

for (const path of ['/staff', '/staff/tenants', '/staff/pricing', '/staff/sites', '/staff/maintenance', '/staff/requests', '/staff/sla', '/staff/account']) {
  test(`axe: ${path} has no serious or critical violations`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
