import { expect, test, type APIRequestContext } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * The client portal: a user reads status and a group's RPO chart without admin controls; the
 * dashboard follows the engine live; an administrator edits a group, its recovery plan and its
 * VMs; every main page passes axe. Acme's Policy database (grp_acme_sql, London → Jersey) is
 * this spec's group: failover.spec works on the web and file groups, and the link cut here
 * (Jersey–London) carries only Policy database's replication.
 */
// Tests run in file order in one worker (the edits come after the reads that expect the seed).
const GROUP = 'grp_acme_sql';

async function staffToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/token', { data: { email: 'staff@calligo.test', password: DEMO_PASSWORD, name: 'portal e2e' } });
  expect(res.status()).toBe(201);
  return (await res.json()).token as string;
}

test.describe('a user', () => {
  test.use({ storageState: storageStateFor('acmeUser') });

  test('reads protection status and a group RPO chart, and sees no admin controls', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('protection-headline')).toContainText('meeting SLA');
    await expect(page.getByTestId(`rpo-row-${GROUP}`)).toContainText('/ 5 m');
    // File and backup has never been tested (earlier specs may have tested the others).
    await expect(page.getByTestId('test-compliance-card')).toContainText(/groups? overdue or never tested/);
    await expect(page.getByTestId('availability-percent')).toContainText('%');

    await page.goto('/groups');
    const row = page.getByTestId(`group-row-${GROUP}`);
    await expect(row).toContainText('London');
    await expect(row).toContainText('Jersey');
    await expect(page.getByRole('link', { name: 'Create protection group' })).toHaveCount(0);
    await page.getByLabel('Search by name').fill('policy');
    await expect(page.getByTestId('groups-table').locator('tbody tr')).toHaveCount(1);

    await row.getByRole('link', { name: 'Policy database', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Policy database' })).toBeVisible();
    // The chart is an SVG drawn from real samples: a curve through many points, under a target line.
    const curve = page.getByTestId('rpo-chart').locator('svg [data-series="rpo"] [data-line]');
    const segments = async () => (((await curve.getAttribute('d')) ?? '').match(/-?[\d.]+ -?[\d.]+/g) ?? []).length - 1;
    await expect.poll(segments, { timeout: 20_000 }).toBeGreaterThan(20);
    await expect(page.getByTestId('rpo-chart')).toContainText('Target 5 m');
    await page.getByRole('button', { name: '7 d' }).click();
    await expect(page.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(segments).toBeGreaterThan(20);

    // No way into the failover wizard (the operation history below still lists past tests).
    await expect(page.locator(`a[href^="/groups/${GROUP}/failover"]`)).toHaveCount(0);
    for (const name of ['Live failover', 'Move']) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
    await expect(page.getByTestId('operation-history')).toContainText('Passed');
    for (const name of ['Edit settings', 'Edit recovery plan', 'Save settings', 'Save recovery plan', 'Tag checkpoint', 'Delete group…']) await expect(page.getByRole('button', { name })).toHaveCount(0);
    await page.goto('/vms');
    await expect(page.getByTestId('vms-table')).toBeVisible();
    await expect(page.getByRole('button', { name: /to a group|^Remove / })).toHaveCount(0);
    await page.goto('/alerts');
    await expect(page.getByRole('button', { name: /^Acknowledge/ })).toHaveCount(0);
  });
});

test.describe('the dashboard', () => {
  test.use({ storageState: storageStateFor('acmeUser') });

  test('follows a status change made by the engine, without a reload', async ({ page, request }) => {
    await page.goto('/');
    const row = page.getByTestId(`rpo-row-${GROUP}`);
    await expect(row).toHaveAttribute('data-status', 'meeting-sla', { timeout: 30_000 });
    await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

    const headers = { authorization: `Bearer ${await staffToken(request)}` };
    const link = '/api/v1/admin/links/jersey--london/outage';
    expect((await request.post(link, { headers, data: { down: true } })).ok()).toBe(true);
    try {
      await expect(row).not.toHaveAttribute('data-status', 'meeting-sla', { timeout: 30_000 });
      await expect(page.getByTestId('protection-headline')).toContainText('Policy database');
      expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    } finally {
      await request.post(link, { headers, data: { down: false } });
    }
  });
});

test.describe('a client admin', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('saving settings someone else changed meanwhile is refused, saying who, and undoes nothing', async ({ page, request }) => {
    const group = 'grp_acme_file';
    await page.goto(`/groups/${group}`);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    const settings = page.getByTestId('group-settings');
    // Staff change the group through the API while the form is open.
    const headers = { authorization: `Bearer ${await staffToken(request)}` };
    expect((await request.patch(`/api/v1/groups/${group}`, { headers, data: { rtoTargetMinutes: 75 } })).ok()).toBe(true);

    await settings.getByLabel('RTO target (minutes)').fill('20');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings).toContainText('changed since you loaded it (last by staff@calligo.test');
    const now = await (await request.get(`/api/v1/groups/${group}`, { headers })).json();
    expect(now.rtoTargetMinutes).toBe(75);

    await page.reload();
    await expect(page.getByTestId('group-settings')).toContainText('1 h 15 m');
  });

  test('edits a group: field errors next to the field, then settings and recovery plan saved', async ({ page }) => {
    await page.goto(`/groups/${GROUP}`);
    // Read first: the settings and the plan turn into forms only on Edit.
    await expect(page.getByLabel('RPO alert target (seconds)')).toHaveCount(0);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    const settings = page.getByTestId('group-settings');
    const rpo = settings.getByLabel('RPO alert target (seconds)');
    await expect(settings.getByLabel('Name', { exact: true })).toBeFocused();
    await rpo.fill('10');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByText('RPO target must be at least 30 seconds.')).toBeVisible();
    await expect(rpo).toHaveAttribute('aria-invalid', 'true');

    await rpo.fill('240');
    await settings.getByLabel('RTO target (minutes)').fill('45');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('toasts')).toContainText('Settings saved');
    await expect(settings).toContainText('45 m');
    await expect(page.getByRole('button', { name: 'Edit settings' })).toBeFocused();

    await page.getByRole('button', { name: 'Edit recovery plan' }).click();
    const plan = page.getByTestId('recovery-plan-editor');
    await plan.getByRole('button', { name: 'Add boot group' }).click();
    await plan.getByLabel('Boot group 3 name').fill('Reporting');
    await plan.getByLabel('Then wait (seconds)').last().fill('30');
    await plan.getByLabel('Boot group of acme-sql-02').selectOption({ label: '3. Reporting' });
    await plan.getByRole('button', { name: 'Save recovery plan' }).click();
    await expect(page.getByTestId('toasts')).toContainText('Recovery plan saved');

    await expect(page.getByTestId('recovery-plan')).toContainText('Reporting');

    await page.reload();
    await expect(page.getByTestId('group-settings')).toContainText('45 m');
    await expect(page.getByTestId('summary-rpo')).toContainText('/ 4 m');
    await expect(page.getByTestId('recovery-plan')).toContainText('Reporting');
    await expect(page.getByTestId('member-vm_acme_sql_02')).toContainText('Reporting');
  });

  test('adds a VM to a group from the VM list', async ({ page, request }) => {
    // The web tier, recovering to Zurich: Jersey's recovery vDC is full by now, since File and
    // backup, failed over with reverse protection by an earlier spec, replicates into it (adding
    // a VM to Policy database is then refused for storage, as it should be).
    const WEB = 'grp_acme_web';
    await page.goto('/vms?group=none');
    await page.getByTestId('vm-row-vm_acme_test_01').getByRole('button', { name: 'Add acme-test-01 to a group' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Protection group').selectOption({ label: 'Customer web tier' });
    await dialog.getByRole('button', { name: 'Add to group' }).click();
    await expect(page.getByTestId('toasts')).toContainText('Added to “Customer web tier”');

    await page.goto('/vms?q=acme-test-01');
    await expect(page.getByTestId('vm-row-vm_acme_test_01')).toContainText('Customer web tier');
    await page.goto(`/groups/${WEB}`);
    await expect(page.getByTestId('member-vm_acme_test_01')).toBeVisible();

    // Leave the group as it was: a VM in its initial sync keeps the group from failing over,
    // which the recovery-run spec does later.
    const token = (await (await request.post('/api/v1/auth/token', { data: { email: 'admin@acme.test', password: DEMO_PASSWORD, name: 'portal e2e cleanup' } })).json()).token as string;
    const headers = { authorization: `Bearer ${token}` };
    const group = await (await request.get(`/api/v1/groups/${WEB}`, { headers })).json();
    const vmIds = (group.members as { vmId: string }[]).map((m) => m.vmId).filter((id) => id !== 'vm_acme_test_01');
    expect((await request.patch(`/api/v1/groups/${WEB}`, { headers, data: { vmIds } })).ok()).toBe(true);
  });

  test('creates a group (errors next to the fields first) and deletes it with its typed name', async ({ page }) => {
    await page.goto('/groups/new');
    await expect(page.getByText('An alert threshold, not the checkpoint frequency')).toBeVisible();
    await page.getByRole('button', { name: 'Create protection group' }).click();
    await expect(page.getByText('Name is required.')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Name', { exact: true }).fill('Jump host');
    await page.getByLabel('Production site').selectOption('london');
    await page.getByLabel('Recovery site').selectOption('zurich');
    await page.getByRole('checkbox', { name: /acme-jump-01/ }).check();
    await page.getByRole('button', { name: 'Create protection group' }).click();
    await expect(page).toHaveURL(/\/groups\/grp_/);
    await expect(page.getByRole('heading', { level: 1, name: 'Jump host' })).toBeVisible();
    await expect(page.getByTestId('members-card')).toContainText('acme-jump-01');

    await page.getByRole('button', { name: 'Delete group…' }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Delete group' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('Jump host');
    await confirm.click();
    await expect(page).toHaveURL(/\/groups(\?|$)/);
    await expect(page.getByTestId('groups-table')).not.toContainText('Jump host');
  });

  test('an unknown or foreign group id is a 404', async ({ page }) => {
    for (const id of ['grp_nope', 'grp_globex_erp']) {
      await page.goto(`/groups/${id}`);
      await expect(page.getByText('Not found')).toBeVisible();
    }
  });

  test('downloads the DR test evidence as CSV and reads the runbook', async ({ page }) => {
    await page.goto('/reports');
    await expect(page.getByRole('table', { name: 'Recovery report' })).toContainText('Policy database');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('dr-recovery-report.csv');
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toBe('Type,Group,Started,Finished,Started by,Checkpoint,Data loss,RTO achieved,RTO target,RTO met,RTO per VM,Result,Notes,Scheduled drill,Application checks,Operation');
    expect(rows.some((r) => r.startsWith('Test failover,Policy database,') && r.includes('admin@acme.test') && r.includes(',passed,'))).toBe(true);
    // Acme's evidence only: Globex's ERP tests never appear.
    expect(csv).not.toContain('ERP');

    await page.getByRole('link', { name: 'DR runbook' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('DR runbook — Acme Insurance');
    await expect(page.getByRole('table', { name: 'Responsibilities of the client and the provider' })).toContainText('Declare a disaster');
    // Highest priority first, with its boot order.
    await expect(page.getByRole('heading', { name: '1. Policy database' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Boot order of Policy database' })).toContainText('acme-dc-01');
  });

  for (const path of ['/', '/groups', `/groups/${GROUP}`, '/groups/new', '/vms', '/alerts', '/reports', '/reports/runbook', '/audit', '/settings', '/api-reference', '/what-if']) {
    test(`axe: ${path} has no serious or critical violations`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
