import { expect, test, type Page } from '@playwright/test';
import { storageStateFor } from './support/users';

/**
 * Not-found pages answer a real 404 (not a 200 with a "Not found" body); the failover wizard
 * reaches the whole journal and puts focus on each step's heading; pages fit a phone, with an
 * operation's decision first; people's words instead of raw forms. The wizard runs on Globex's
 * customer portal group (24 h of journal): ERP is failed over by the operation-safety spec.
 */

const GROUP = 'grp_globex_erp';
const WIZARD_GROUP = 'grp_globex_web';
const status = async (page: Page, path: string) => (await page.goto(path))?.status();

test.describe('not found answers 404', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });
  test('for a client: a missing group, another tenant’s group and wizard, a missing operation and request', async ({ page }) => {
    for (const path of ['/groups/grp_nope', `/groups/${GROUP}`, `/groups/${GROUP}/failover`, '/groups/grp_nope/failover', '/operations/op_nope', '/requests/sr_nope']) {
      expect(await status(page, path), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    }
    expect(await status(page, '/groups/grp_acme_web')).toBe(200);
  });
});

test.describe('not found answers 404 for a read-only user', () => {
  test.use({ storageState: storageStateFor('acmeUser') });
  test('another tenant’s group and its wizard', async ({ page }) => {
    expect(await status(page, `/groups/${GROUP}`)).toBe(404);
    expect(await status(page, `/groups/${GROUP}/failover`)).toBe(404);
  });
});

test.describe('not found answers 404 for staff', () => {
  test.use({ storageState: storageStateFor('staff') });
  test('in the provider console, and acting for a tenant', async ({ page }) => {
    for (const path of ['/staff/tenants/ten_nope', '/staff/sites/nowhere', '/staff/requests/sr_nope']) expect(await status(page, path), path).toBe(404);
    await page.goto('/staff/tenants/ten_acme');
    await page.getByTestId('act-for-tenant').click();
    await expect(page.getByTestId('tenant-name')).toHaveText(/Acme/);
    expect(await status(page, `/groups/${GROUP}`)).toBe(404);
    expect(await status(page, '/operations/op_nope')).toBe(404);
    expect(await status(page, '/groups/grp_acme_web')).toBe(200);
  });
});

test.describe('failover wizard', () => {
  test.use({ storageState: storageStateFor('globexAdmin') });

  test('reaches checkpoints hours back: a date-time filter, older/newer paging, any point in time', async ({ page }) => {
    await page.goto(`/groups/${WIZARD_GROUP}/failover`);
    await expect(page.getByTestId('journal-extent')).toContainText(/The journal holds [\d,]+ checkpoints, from .* UTC to now/);

    await page.getByRole('radio', { name: /Choose a checkpoint/ }).check();
    const table = page.getByTestId('journal-table');
    const firstTime = async () => (await table.locator('tbody tr').first().locator('td').nth(1).innerText()).trim();
    const newest = await firstTime();
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(firstTime).not.toBe(newest);
    await page.getByRole('button', { name: 'Newer' }).click();
    await expect.poll(firstTime).toBe(newest);

    // Six hours back: far past the newest 300 checkpoints the old list stopped at.
    const to = await pointHoursBefore(page, 6);
    await page.getByLabel('To (UTC)').fill(to.input);
    await expect.poll(async () => shownMs(await firstTime())).toBeLessThanOrEqual(to.ms);
    const row = table.locator('tbody tr').first();
    await row.getByRole('radio').check();
    const chosen = (await row.locator('td').nth(1).innerText()).trim();
    const option = page.locator('label').filter({ has: page.getByRole('radio', { name: /Choose a checkpoint/ }) });
    await expect(option).toContainText(chosen);
    await expect(option).toContainText(/data loss 6 h/);

    // Any point in time: the server resolves it to the newest checkpoint at or before it.
    await page.getByRole('radio', { name: /Any point in time/ }).check();
    const point = await pointHoursBefore(page, 5);
    await page.getByLabel('Date and time (UTC)').fill(point.input);
    await expect(page.getByTestId('point-resolution')).toContainText(/Recovers to the checkpoint of .* UTC .*data loss 5 h/);

    // The choice reaches the pre-flight checks, which are written for people.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('preflight-loss')).toHaveText(/^5 h/, { timeout: 15_000 });
    const checks = page.getByTestId('preflight-checks');
    await expect(checks).toContainText('The group is ready (Meeting SLA).');
    expect(await checks.innerText()).not.toMatch(/meeting-sla|\((zurich|london|jersey|guernsey|toronto|vancouver|singapore|bermuda)\)|\d{4}-\d\d-\d\dT/);
  });

  test('moving between steps puts focus on the step heading', async ({ page }) => {
    await page.goto(`/groups/${WIZARD_GROUP}/failover`);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { name: 'Step 2 of 4: Options' })).toBeFocused();
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByRole('heading', { name: 'Step 1 of 4: Recovery point' })).toBeFocused();
  });

  test('an operation: its label in the breadcrumb and the title; on a phone its decision comes before the steps', async ({ page }) => {
    await page.goto('/operations');
    await page.getByTestId('operation-row').filter({ hasText: 'ERP' }).filter({ hasText: 'Test failover' }).first().getByRole('link').click();
    await expect(page).toHaveURL(/\/operations\/op_/);
    const crumbs = page.getByRole('navigation', { name: /breadcrumb/i });
    await expect(crumbs).toContainText(/Test failover · ERP · \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/);
    await expect(crumbs).not.toContainText('op_');
    await page.setViewportSize({ width: 390, height: 844 });
    const actions = await page.getByRole('heading', { name: 'Actions' }).boundingBox();
    const steps = await page.getByRole('heading', { name: 'Steps' }).boundingBox();
    expect(actions!.y).toBeLessThan(steps!.y);
  });
});

test.describe('pages fit a phone (390 px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const fits = async (page: Page, path: string) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  };
  test.describe('client', () => {
    test.use({ storageState: storageStateFor('acmeAdmin') });
    test('the dashboard', async ({ page }) => fits(page, '/'));
  });
  test.describe('client administrator', () => {
    test.use({ storageState: storageStateFor('globexAdmin') });
    test('the wizard with the journal open', async ({ page }) => {
      await page.goto(`/groups/${WIZARD_GROUP}/failover`);
      await page.getByRole('radio', { name: /Choose a checkpoint/ }).check();
      await expect(page.getByTestId('journal-table').locator('tbody tr')).toHaveCount(25);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });
  test.describe('staff', () => {
    test.use({ storageState: storageStateFor('staff') });
    test('a tenant, sites and maintenance', async ({ page }) => {
      for (const path of ['/staff/tenants/ten_acme', '/staff/sites', '/staff/maintenance']) await fits(page, path);
    });
  });
});

/** A time `hours` before the portal's (simulated) now, as the wizard's UTC fields take it. */
async function pointHoursBefore(page: Page, hours: number) {
  const nowIso = await page.getByTestId('failover-wizard').getAttribute('data-now');
  const ms = Date.parse(nowIso!) - hours * 3600_000;
  return { ms, input: new Date(ms).toISOString().slice(0, 19) };
}

/** "7 Dec 2026, 06:12:05 UTC" (lib/format's formatDateTime) as epoch milliseconds. */
const shownMs = (text: string) => Date.parse(text.replace(',', ''));
