import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Decisions a site makes unsafe, and the live failover's options, on Globex's ERP group
 * (Toronto → Vancouver; no other spec takes those sites down), at SIM_SPEED=10:
 * - a live failover's page is marked live; its source shutdown is graceful, then forced;
 * - commit is refused while Vancouver is offline, rollback while Toronto is offline, and a
 *   break-glass rollback needs a written reason, shown on the operation afterwards;
 * - the wizard's shutdown option and grace period; after reverse protection the group offers
 *   "Fail back to Toronto", disabled with the reason while the delta sync runs.
 */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageStateFor('globexAdmin') });

const ERP = 'grp_globex_erp';

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post('/api/v1/auth/token', { data: { email, password: DEMO_PASSWORD, name: 'operation-safety e2e' } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as string;
}

async function setSite(request: APIRequestContext, staff: string, site: string, down: boolean) {
  const res = await request.post(`/api/v1/admin/sites/${site}/outage`, { headers: { authorization: `Bearer ${staff}` }, data: { down } });
  expect(res.ok()).toBe(true);
}

const status = (page: Page) => page.getByTestId('operation-status');

test('commit and rollback refused while a site is offline; a break-glass rollback with its reason', async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = { authorization: `Bearer ${await tokenOf(request, 'admin@globex.test')}` };
  const staff = await tokenOf(request, 'staff@calligo.test');
  const started = await request.post(`/api/v1/groups/${ERP}/failover`, { headers: admin, data: { commitPolicy: 'manual', shutdownGraceSeconds: 30 } });
  expect(started.status()).toBe(202);
  const op = await started.json();

  await page.goto(`/operations/${op.id}`);
  await expect(page.getByTestId('live-marker')).toHaveText('LIVE FAILOVER from Toronto to Vancouver: this changes where production runs. It is not a test.');
  await expect(status(page)).toHaveAttribute('data-status', 'awaiting-commit', { timeout: 120_000 });
  // The directory needs 69 s and the database guest ignores the shutdown: both forced off after 30 s.
  await expect(page.getByTestId('operation-steps')).toContainText('forced off after the 30 s grace period: globex-dc-01, globex-erp-db-01');

  try {
    await setSite(request, staff, 'vancouver', true);
    await expect(page.getByTestId('commit-blocked')).toContainText('Recovery site Vancouver is offline');
    await expect(page.getByRole('button', { name: 'Commit', exact: true })).toBeDisabled();
    const refused = await request.post(`/api/v1/operations/${op.id}/commit`, { headers: admin });
    expect(refused.status()).toBe(409);
    expect(refused.headers()['content-type']).toContain('application/problem+json');
    expect((await refused.json()).siteName).toBe('Vancouver');
    expect(await seriousViolations(page)).toEqual([]);

    await setSite(request, staff, 'vancouver', false);
    await setSite(request, staff, 'toronto', true);
    await expect(page.getByTestId('rollback-blocked')).toContainText('Production site Toronto is offline');
    await expect(page.getByRole('button', { name: 'Commit', exact: true })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Roll back', exact: true })).toBeDisabled();

    await page.getByRole('button', { name: 'Break-glass rollback…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Break-glass rollback' });
    const confirm = dialog.getByRole('button', { name: 'Roll back anyway' });
    await dialog.getByLabel(/to confirm/).fill('ROLL BACK');
    await expect(confirm).toBeDisabled(); // no reason yet
    const reason = 'Vancouver copy corrupt; restoring from tape at Toronto per incident 4711';
    await dialog.getByLabel('Reason (required)').fill(reason);
    await confirm.click();
    await expect(page.getByTestId('operation-break-glass')).toContainText(`by admin@globex.test while Toronto was offline: “${reason}”`);
    await expect(status(page)).toHaveAttribute('data-status', 'rolled-back', { timeout: 30_000 });
    await expect(page.getByTestId('operation-steps')).toContainText('its VMs could not be restarted');
  } finally {
    await setSite(request, staff, 'vancouver', false);
    await setSite(request, staff, 'toronto', false);
  }
});

test('the wizard shuts the source down with a grace period; after reverse protection the group offers the failback', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/groups/${ERP}/failover?mode=failover`);
  const wizard = page.getByTestId('failover-wizard');
  await expect(wizard).toHaveAttribute('data-mode', 'failover');
  await page.getByRole('button', { name: 'Next' }).click();
  const shutdown = page.getByTestId('source-shutdown');
  await expect(shutdown.getByRole('radio', { name: /Shut down gracefully/ })).toBeChecked();
  await shutdown.getByLabel('Grace period (seconds)').fill('45');
  await page.getByRole('checkbox', { name: /Reverse protection/ }).check();
  await page.getByRole('radio', { name: /Auto-commit after the timeout/ }).check();
  await page.getByLabel('Timeout (minutes)').fill('0');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('preflight-verdict')).toHaveText('All pre-flight checks passed.', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('start-summary').locator('..')).toContainText('Source VMs: shut down gracefully first, forced off after 45 s');
  await page.getByRole('button', { name: 'Start live failover' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel(/to confirm/).fill('ERP');
  await confirm.getByRole('button', { name: 'Start live failover' }).click();

  await expect(page).toHaveURL(/\/operations\/op_/);
  await expect(page.getByTestId('operation-steps')).toContainText('any still running after 45 s is powered off');
  await expect(status(page)).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });

  await page.goto(`/groups/${ERP}`);
  const failback = page.getByRole('button', { name: 'Fail back to Toronto' });
  await expect(failback).toBeDisabled();
  await expect(page.getByTestId('failover-blocked')).toContainText('Delta sync to Toronto in progress');
  expect(await seriousViolations(page)).toEqual([]);
});
