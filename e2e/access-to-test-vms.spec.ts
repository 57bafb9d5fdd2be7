import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/users';

/**
 * Test access end to end, at SIM_SPEED=10: a test failover of Acme's policy database lists each
 * test VM that is up with its test address and how to reach it over Acme's VPN; its console
 * page shows the boot log on the test network; stopping the test removes the list (the group
 * returns to replicating, as seeded, with one more test on record).
 *
 * Named to run before failover.spec.ts and recovery-run.spec.ts (specs run in file order on one
 * database): those leave File and backup replicating into Jersey and the policy database failed
 * over, after which Jersey's recovery vDC is full and this test could not pass its pre-flight.
 */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageStateFor('acmeAdmin') });

test('a running test lists its VMs with their test addresses; a VM’s console shows its boot log', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/groups/grp_acme_sql');
  // The group page shows each NIC's test and live address before anything starts.
  await expect(page.getByTestId('test-address-vm_acme_dc_01-0')).toContainText('10.10.0.5');

  await page.goto('/groups/grp_acme_sql/failover');
  await expect(page.getByTestId('failover-wizard')).toHaveAttribute('data-mode', 'test-failover');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('preflight-verdict')).toHaveText('All pre-flight checks passed.', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Start test failover' }).click();
  await expect(page).toHaveURL(/\/operations\/op_/);
  const operationUrl = page.url();

  try {
    // The directory boots first; its row appears once its boot group is done.
    const row = page.getByTestId('test-access').getByTestId('access-vm_acme_dc_01');
    await expect(row).toBeVisible({ timeout: 60_000 });
    const address = (await row.getByTestId('access-address').first().textContent())?.trim();
    expect(address).toBe('10.10.0.5');
    await expect(row).toContainText('Site-to-site VPN');

    await row.getByRole('link', { name: 'Open the console of acme-dc-01' }).click();
    await expect(page).toHaveURL(/\/console\/vm_acme_dc_01$/);
    await expect(page.getByRole('heading', { name: 'Console: acme-dc-01' })).toBeVisible();
    await expect(page.getByTestId('console-log')).toContainText(`${address}`);
    await expect(page.getByTestId('console-log')).toContainText('dr-test-isolated');
    await expect(page.getByTestId('console-address').first()).toHaveText(address!);
  } finally {
    // Leave the demo data as seeded: stop the test.
    await page.goto(operationUrl);
    const stop = page.getByRole('button', { name: 'Stop test' });
    await expect(stop).toBeVisible({ timeout: 90_000 });
    await stop.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /Passed/ }).check();
    await dialog.getByRole('button', { name: 'Stop test' }).click();
    await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  }
  await expect(page.getByTestId('test-access')).toHaveCount(0);
});
