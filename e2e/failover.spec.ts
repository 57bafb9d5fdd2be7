import { expect, test, type Page } from '@playwright/test';
import { storageStateFor } from './support/users';

/**
 * Failover operations end to end, at SIM_SPEED=10 (playwright.config.ts): a test failover of
 * Acme's web tier through the wizard, stopped with a result; a live failover of Acme's file
 * group with reverse protection, committed (so the group ends replicating again, reversed).
 * A user watching the same operation sees no action buttons.
 */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageStateFor('acmeAdmin') });

const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();

async function throughChecks(page: Page) {
  await next(page); // recovery point → options
  await next(page); // options → pre-flight
  await expect(page.getByTestId('preflight-verdict')).toHaveText('All pre-flight checks passed.', { timeout: 15_000 });
  await next(page);
}

test('a client_admin runs a test failover, follows it and stops it with a result; a user only watches', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto('/groups/grp_acme_web/failover');
  const wizard = page.getByTestId('failover-wizard');
  await expect(wizard).toHaveAttribute('data-mode', 'test-failover');
  await expect(page.getByRole('radio', { name: /Latest checkpoint/ })).toBeChecked();
  await throughChecks(page);
  await page.getByRole('button', { name: 'Start test failover' }).click();

  await expect(page).toHaveURL(/\/operations\/op_/);
  await expect(page.getByTestId('operation-steps')).toContainText('Boot group 1');
  await expect(page.getByRole('progressbar').first()).toBeVisible();
  const stop = page.getByRole('button', { name: 'Stop test' });
  await expect(stop).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('operation-rto')).not.toHaveText('—');

  const viewer = await browser.newContext({ storageState: storageStateFor('acmeUser') });
  const userPage = await viewer.newPage();
  await userPage.goto(page.url());
  await expect(userPage.getByTestId('operation-status')).toHaveAttribute('data-status', 'testing');
  await expect(userPage.getByRole('button', { name: /Stop test|Commit|Roll back/ })).toHaveCount(0);
  await userPage.goto('/groups/grp_acme_web/failover');
  await expect(userPage.getByText('Only client administrators run failovers')).toBeVisible();
  await viewer.close();

  await stop.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /Passed/ }).check();
  await dialog.getByLabel('Notes').fill('Quote site answered on the isolated test network.');
  await dialog.getByRole('button', { name: 'Stop test' }).click();
  await expect(page.getByTestId('operation-result')).toHaveText('Passed');
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
});

test('a client_admin runs a live failover with reverse protection and commits it', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/groups/grp_acme_file/failover');
  await page.getByRole('radiogroup', { name: 'Kind of operation' }).getByText('Live failover').click();
  const wizard = page.getByTestId('failover-wizard');
  await expect(wizard).toHaveAttribute('data-mode', 'failover');
  await expect(wizard).toContainText('LIVE FAILOVER');
  await next(page);
  await page.getByRole('checkbox', { name: /Reverse protection/ }).check();
  await expect(page.getByTestId('reverse-consequence')).toContainText('replicates back');
  await next(page);
  await expect(page.getByTestId('preflight-verdict')).toHaveText('All pre-flight checks passed.', { timeout: 15_000 });
  await next(page);
  await page.getByRole('button', { name: 'Start live failover' }).click();
  const confirm = page.getByRole('dialog');
  const start = confirm.getByRole('button', { name: 'Start live failover' });
  await expect(start).toBeDisabled();
  await confirm.getByLabel(/to confirm/).fill('File and backup');
  await start.click();

  await expect(page).toHaveURL(/\/operations\/op_/);
  const commit = page.getByRole('button', { name: 'Commit' });
  await expect(commit).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'awaiting-commit');
  await commit.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
  await expect(page.getByTestId('operation-steps')).toContainText('Replicating back to Jersey');

  await page.goto('/operations');
  await expect(page.getByTestId('operation-row').first()).toContainText('File and backup');
});
