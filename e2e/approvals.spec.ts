import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support/sign-in';
import { storageStateFor } from './support/users';

/**
 * Four-eyes approval (issue 17) end to end: Acme's administrator turns approval on and asks for
 * a live failover of the web tier; nothing starts. Acme's second administrator sees the request
 * on the dashboard, approves it on the Approvals page, and the operation starts as asked. Then
 * everything goes back as seeded: the failover is rolled back and approval turned off again.
 */
test.describe.configure({ mode: 'serial' });
test.use({ storageState: storageStateFor('acmeAdmin') });

const next = (page: Page) => page.getByRole('button', { name: 'Next' }).click();

async function setApproval(page: Page, on: boolean) {
  await page.goto('/settings');
  const card = page.getByTestId('approval-settings');
  const toggle = card.getByTestId('approval-toggle');
  if ((await toggle.isChecked()) === on) return;
  await toggle.setChecked(on);
  await card.getByRole('button', { name: 'Save approval settings' }).click();
  await expect(page.getByText('Approval settings saved.').first()).toBeVisible();
}

async function asAdmin2(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, 'admin2@acme.test');
  await expect(page).toHaveURL(/\/$/);
  return page;
}

test('one administrator asks for a live failover, another approves it, and it starts', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await setApproval(page, true);
  let operationUrl: string | null = null;
  try {
    await page.goto('/groups/grp_acme_web/failover?mode=failover');
    await expect(page.getByTestId('failover-wizard')).toHaveAttribute('data-mode', 'failover');
    await next(page); // recovery point → options
    await next(page); // options → pre-flight
    await expect(page.getByTestId('preflight-verdict')).toHaveText('All pre-flight checks passed.', { timeout: 15_000 });
    await next(page);
    await expect(page.getByTestId('approval-note')).toContainText('second client administrator');
    await page.getByLabel('Reason (shown to the approver)').fill('Quarterly DR exercise agreed with the business');
    await page.getByRole('button', { name: 'Send live failover for approval' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send for approval' }).click();
    const sent = page.getByTestId('sent-for-approval');
    await expect(sent).toContainText('Sent for approval');
    await sent.getByRole('link', { name: /Approvals page/ }).click();
    const mine = page.getByTestId('approval').filter({ hasText: 'Customer web tier' }).first();
    await expect(mine).toHaveAttribute('data-status', 'pending');
    await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0); // not your own
    await expect(mine).toContainText('the requester cannot approve');

    const other = await asAdmin2(browser);
    const banner = other.getByTestId('pending-approvals');
    await expect(banner).toContainText('Live failover of Customer web tier, asked by admin@acme.test');
    await banner.getByRole('link', { name: /Review/ }).click();
    const request = other.getByTestId('approval').filter({ hasText: 'Customer web tier' }).first();
    await expect(request).toContainText('Quarterly DR exercise agreed with the business');
    await expect(request.getByTestId('expires-in')).toContainText('expires in');
    await request.getByRole('button', { name: 'Approve' }).click();
    const dialog = other.getByRole('dialog');
    await dialog.getByLabel('Comment (optional)').fill('Agreed, go ahead');
    await dialog.getByRole('button', { name: 'Approve and start' }).click();
    await expect(other).toHaveURL(/\/operations\/op_/);
    operationUrl = other.url();
    await expect(other.getByRole('main')).toContainText('started by admin@acme.test, approved by admin2@acme.test');
    await expect(other.getByTestId('operation-steps')).toContainText('Boot group 1');
    await other.context().close();

    // Clean-up: roll the failover back once it awaits its decision; the group replicates as before.
    await page.goto(operationUrl);
    const rollback = page.getByRole('button', { name: 'Roll back', exact: true });
    await expect(rollback).toBeEnabled({ timeout: 90_000 });
    await rollback.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
    await expect(page.getByTestId('operation-status')).toHaveAttribute('data-status', 'rolled-back', { timeout: 60_000 });
  } finally {
    await setApproval(page, false);
  }
  await page.goto('/approvals');
  await expect(page.getByTestId('approval-off')).toBeVisible();
  await expect(page.getByTestId('approval').first()).toHaveAttribute('data-status', 'approved');
});
