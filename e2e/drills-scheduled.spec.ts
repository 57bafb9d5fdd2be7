import { expect, test, type APIRequestContext } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Scheduled test failovers (issue 17): staff force one application check of Acme's backup
 * server to fail (fault injection); a client admin schedules a drill of "File and backup" every
 * 10 simulated minutes (SIM_SPEED=10: at most a minute of real time away) with the form's cron
 * preview; the system starts the test, stops it after its 5 minutes and records it as failed
 * with the forced check, on the schedule page, the operation page and in the recovery report.
 * The admin then deletes the schedule and staff clear the fault, leaving the demo as seeded
 * (the failed test stays in the history, as any test does).
 *
 * Named to run before failover.spec.ts (specs run in file order on one database): once File and
 * backup replicates into Jersey, Jersey's recovery vDC is full and the drill's pre-flight fails.
 */
const GROUP = 'grp_acme_file';
const VM = 'vm_acme_bkp_01';

async function staffToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/token', { data: { email: 'staff@calligo.test', password: DEMO_PASSWORD, name: 'drills e2e' } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as string;
}

test.describe('a client admin', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('schedules a drill that runs by itself, shows its checks and its result, then deletes the schedule', async ({ page, playwright }) => {
    test.setTimeout(240_000);
    const staff = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const auth = { Authorization: `Bearer ${await staffToken(staff)}` };
    const fault = await staff.post(`/api/v1/vms/${VM}/check-faults`, { headers: auth, data: { reason: 'e2e: show a failed drill' } });
    expect(fault.status()).toBe(201);

    try {
      await page.goto('/');
      await page.getByRole('link', { name: 'Test schedules', exact: true }).click();
      await expect(page).toHaveURL(/\/test-schedules$/);
      await page.getByRole('link', { name: 'New schedule' }).first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('New test schedule');

      const form = page.getByTestId('schedule-form');
      // The shared schema's messages, beside the fields, before anything is sent.
      await form.getByLabel('Cron').fill('0 25 * * *');
      await expect(form.getByTestId('cron-preview')).toContainText('Type a valid cron');
      await form.getByRole('button', { name: 'Create schedule' }).click();
      await expect(form.getByText('Choose at least one group.')).toBeVisible();
      await expect(form.getByLabel('Cron')).toHaveAttribute('aria-invalid', 'true');

      await form.getByLabel('File and backup').check();
      await form.getByLabel('Cron').fill('*/10 * * * *');
      await expect(form.getByTestId('cron-preview')).toContainText('Every 10 minutes');
      await expect(form.getByTestId('cron-preview').getByRole('listitem')).toHaveCount(3);
      await form.getByLabel('Duration (minutes)').fill('5');
      await form.getByLabel('Name (optional)').fill('E2E file drill');
      expect(await seriousViolations(page)).toEqual([]);
      await form.getByRole('button', { name: 'Create schedule' }).click();

      await expect(page).toHaveURL(/\/test-schedules\/tsch_/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('E2E file drill');
      await expect(page.getByText('Every 10 minutes')).toBeVisible();

      // The drill fires within 10 simulated minutes, tests for 5, then stops itself: reload until it has a result.
      const drill = page.getByTestId('drill').filter({ hasText: /Failed|Passed/ }).first();
      await expect(async () => {
        await page.reload();
        await expect(drill).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 200_000, intervals: [3000] });
      await expect(drill).toContainText('Failed');
      await expect(drill).toContainText('acme-bkp-01');
      const checks = page.getByRole('listitem').filter({ has: drill }).getByTestId('app-checks');
      await expect(checks).toBeVisible(); // a failed drill opens its checks
      await expect(checks.getByTestId('app-check-row')).toHaveCount(3);
      await expect(checks).toContainText('Failed (forced)');
      await expect(checks).toContainText('SMB shares');

      // The test failover it ran, started by the system, with the same checks.
      await drill.getByRole('link', { name: 'File and backup' }).click();
      await expect(page).toHaveURL(/\/operations\/op_/);
      await expect(page.getByText('started by system')).toBeVisible();
      const opChecks = page.getByTestId('operation-checks');
      await expect(opChecks).toContainText('E2E file drill');
      await expect(opChecks.getByTestId('app-check-row')).toHaveCount(3);
      const opId = page.url().split('/').pop()!;

      // The evidence report lists it with its checks; the group shows the failed test.
      await page.goto(`/reports?groupId=${GROUP}`);
      const row = page.getByTestId(`report-row-${opId}`);
      await expect(row).toContainText('scheduled drill: E2E file drill');
      await expect(row.getByTestId('report-drill-checks')).toContainText('acme-bkp-01');
      await page.goto(`/groups/${GROUP}`);
      await expect(page.getByRole('heading', { level: 1, name: 'File and backup' })).toBeVisible();
      await expect(page.getByText('Annual test')).toBeVisible();
      await expect(page.locator(`#history a[href="/operations/${opId}"]`).first()).toBeVisible();

      // Delete the schedule, after confirming.
      await page.goto('/test-schedules');
      const scheduleRow = page.getByTestId('test-schedule-row').filter({ hasText: 'E2E file drill' });
      await expect(scheduleRow).toContainText('Every 10 minutes');
      await scheduleRow.getByRole('button', { name: 'Delete E2E file drill' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('Delete the schedule "E2E file drill"?');
      await dialog.getByRole('button', { name: 'Delete schedule' }).click();
      await expect(page).toHaveURL(/\/test-schedules(\?deleted=1)?$/);
      await expect(page.getByText('No test schedules yet')).toBeVisible();
    } finally {
      // Leave the demo as seeded: no schedule left firing, no fault left injected.
      const left = await (await page.request.get('/api/v1/test-schedules')).json();
      for (const s of left.items as { id: string; name: string }[]) if (s.name === 'E2E file drill') await page.request.delete(`/api/v1/test-schedules/${s.id}`);
      expect((await staff.delete(`/api/v1/vms/${VM}/check-faults`, { headers: auth })).status()).toBe(200);
      await staff.dispose();
    }
  });
});
