import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { storageStateFor } from './support/users';

/**
 * The client's resources and price (seed 2.1): Acme's administrator opens Resources from the nav,
 * reads the price (20 % of the protected VMs' usage at the default unit prices: £647.00 a month,
 * worked in lib/domain/resources/resources.test.ts) and the recovery sites' figures, then "Request
 * more" for Jersey opens the service request form pre-filled. Nothing is submitted, so the demo
 * data stays as seeded. Named to run before failover.spec.ts (specs run in file order on one
 * database), which leaves File and backup replicating into Jersey instead of Guernsey.
 */
test.describe('administrator', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('Resources shows the price and the recovery sites, and Request more pre-fills a request', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Resources' }).click();
    await expect(page).toHaveURL(/\/resources$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Resources and price' })).toBeVisible();

    const price = page.getByTestId('price-card');
    await expect(price).toContainText('£647.00 a month');
    await expect(price).toContainText('9 protected VMs');
    await expect(page.getByTestId('price-vcpuGhz')).toContainText('81.6 GHz');
    await expect(page.getByTestId('price-vcpuGhz')).toContainText('16.32 GHz');
    await expect(page.getByTestId('price-vcpuGhz')).toContainText('£244.80');
    await expect(page.getByTestId('price-memoryGb')).toContainText('£200.00');
    await expect(page.getByTestId('price-storageGb')).toContainText('£202.20');
    await expect(page.getByTestId('price-total')).toHaveText('£647.00');

    // Guernsey: File and backup holds 3,700 GB of replica and its 300 GB journal limit.
    await expect(page.getByTestId('storage-guernsey')).toContainText('4,000 of 10,000 GB');
    await expect(page.getByTestId('ghz-guernsey')).toContainText('0 of 24 GHz');
    await expect(page.getByTestId('site-guernsey')).toContainText('File and backup');
    // Jersey: Policy database 2,541.6 GB; the volume also holds the 3,700 GB of production disks there.
    await expect(page.getByTestId('storage-jersey')).toContainText('2,541.6 of 6,000 GB');
    await expect(page.getByTestId('volume-jersey')).toContainText('6,241.6 of 14,000 GB');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('request-more-jersey').click();
    await expect(page).toHaveURL(/\/requests\/new\?/);
    await expect(page.getByLabel('Title')).toHaveValue('More recovery resources at Jersey');
    await expect(page.getByRole('radio', { name: 'Grow resources' })).toBeChecked();
    await expect(page.locator('#req-vdc')).toHaveValue('vdc_acme_jersey_recovery');
    await expect(page.locator('#req-description')).toHaveValue(/2,541\.6 of 6,000 GB storage in use/);
    // Leave without sending: the demo data stays as seeded.
    await page.goBack();
    await expect(page).toHaveURL(/\/resources$/);
  });

  test('the group page shows its storage and the dashboard the downtime allowance', async ({ page }) => {
    await page.goto('/groups/grp_acme_sql');
    const card = page.getByTestId('group-storage');
    await expect(card).toContainText('2,541.6 GB at Jersey: 2,280 GB replica');
    await expect(card.getByTestId('group-storage-vdc')).toContainText('2,541.6 of 6,000 GB');
    await page.goto('/');
    const allowance = page.getByTestId('downtime-allowance');
    await expect(allowance).toContainText('43.8 min downtime allowed a month at 99.9');
    await expect(allowance).toContainText('10 % after 219 min');
    await expect(allowance).toContainText('25 % after 438 min');
  });
});

test.describe('user', () => {
  test.use({ storageState: storageStateFor('acmeUser') });

  test('has no Resources entry and is told who can see it', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Resources' })).toHaveCount(0);
    await page.goto('/resources');
    await expect(page.getByText('Only DR administrators see resources and price')).toBeVisible();
  });
});
