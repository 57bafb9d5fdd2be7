import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Recovery plans: a client admin builds a plan of Acme's three groups in tiers with the editor
 * (the shared schema's messages beside the fields), reorders a tier, and deletes the plan after
 * confirming; a user reads the same plan without any control to change it. Acme's groups:
 * Policy database (grp_acme_sql), Customer web tier (grp_acme_web), File and backup (grp_acme_file).
 */
const NAME = `E2E site loss ${Date.now()}`;

test.describe.configure({ mode: 'serial' });

test.describe('a client admin', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('builds a plan in tiers, sees the field errors first, then reorders and deletes it', async ({ page }) => {
    // Many steps, two axe passes, on a two-core machine that also runs the simulator.
    test.setTimeout(120_000);
    await page.goto('/');
    await page.getByRole('link', { name: 'Recovery', exact: true }).click();
    await expect(page).toHaveURL(/\/recovery$/);
    await page.getByRole('link', { name: 'Recovery plans' }).click();
    await expect(page).toHaveURL(/\/recovery\/plans$/);
    await page.getByRole('link', { name: 'New plan' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New recovery plan');

    const editor = page.getByTestId('recovery-plan-editor');
    await editor.getByLabel('Add a protection group to tier 1').selectOption('grp_acme_sql');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(editor.getByTestId('edit-tier-1')).toContainText('Policy database');
    await expect(editor.getByTestId('edit-tier-1')).toContainText('Boot order:');
    await editor.getByLabel('Delay after this tier (seconds)').first().fill('7200');
    await editor.getByRole('button', { name: 'Add tier' }).click();
    await editor.getByRole('button', { name: 'Create plan' }).click();

    // The schema's messages, beside their fields.
    await expect(editor.getByText('Plan name is required.')).toBeVisible();
    await expect(editor.getByLabel('Plan name')).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByText('Delay after the tier must be at most 3,600 seconds.')).toBeVisible();
    await expect(editor.getByTestId('edit-tier-2')).toContainText('Each tier needs at least one group.');

    await editor.getByLabel('Plan name').fill(NAME);
    await editor.getByLabel('Delay after this tier (seconds)').first().fill('120');
    // A group already in tier 1 is not offered to tier 2.
    const tier2Add = editor.getByLabel('Add a protection group to tier 2');
    await expect(tier2Add.locator('option[value="grp_acme_sql"]')).toHaveCount(0);
    await tier2Add.selectOption('grp_acme_web');
    await editor.getByTestId('edit-tier-2').getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('button', { name: 'Add tier' }).click();
    await editor.getByLabel('Add a protection group to tier 3').selectOption('grp_acme_file');
    await editor.getByTestId('edit-tier-3').getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('button', { name: 'Create plan' }).click();

    await expect(page).toHaveURL(/\/recovery\/plans\/rpl_/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);
    const view = page.getByTestId('recovery-plan-view');
    await expect(view.getByTestId('plan-tier-1')).toContainText('Policy database');
    await expect(view).toContainText('When every VM of tier 1 is up, wait 2 m, then start tier 2');
    await expect(view.getByTestId('plan-tier-3')).toContainText('File and backup');

    // Reorder by keyboard-operable buttons: tier 3 up.
    await view.getByRole('button', { name: 'Edit plan' }).click();
    await expect(page.getByLabel('Plan name')).toBeFocused();
    await page.getByRole('button', { name: 'Move tier 3 up (start it earlier)' }).click();
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expect(view.getByTestId('plan-tier-2')).toContainText('File and backup');
    await expect(view.getByTestId('plan-tier-3')).toContainText('Customer web tier');
    await expect(page.getByRole('button', { name: 'Edit plan' })).toBeFocused();

    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit plan' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Discard changes' }).click();

    // Deleting asks first; cancelling keeps the plan.
    await page.getByRole('button', { name: 'Delete plan…' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${NAME}”?` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Delete plan…' }).click();
    await dialog.getByRole('button', { name: 'Delete plan' }).click();
    await expect(page).toHaveURL(/\/recovery\/plans(\?|$)/);
    await expect(page.getByRole('link', { name: NAME })).toHaveCount(0);
  });

  for (const path of ['/recovery/plans', '/recovery/plans/new']) {
    test(`axe: ${path} has no serious or critical violations`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test.describe('a user', () => {
  test.use({ storageState: storageStateFor('acmeUser') });

  test('reads a plan without controls to change it', async ({ page, request }) => {
    // Arrange through the API as the admin would (the user's own token may not write).
    const admin = await request.post('/api/v1/auth/token', { data: { email: 'admin@acme.test', password: DEMO_PASSWORD, name: 'recovery-plans e2e' } });
    const { token } = await admin.json();
    const created = await request.post('/api/v1/recovery-plans', {
      headers: { authorization: `Bearer ${token}` },
      data: { name: `${NAME} (read)`, tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 60 }, { groupIds: ['grp_acme_web'] }] },
    });
    expect(created.status()).toBe(201);
    const plan = await created.json();

    await page.goto('/recovery/plans');
    await expect(page.getByRole('link', { name: 'New plan' })).toHaveCount(0);
    await page.getByRole('link', { name: `${NAME} (read)` }).click();
    await expect(page.getByTestId('plan-tier-1')).toContainText('Policy database');
    await expect(page.getByRole('button', { name: 'Edit plan' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete plan…' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    await request.delete(`/api/v1/recovery-plans/${plan.id}`, { headers: { authorization: `Bearer ${token}` } });
  });
});
