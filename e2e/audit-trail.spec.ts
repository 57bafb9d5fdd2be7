import { expect, test } from '@playwright/test';
import { storageStateFor } from './support/users';

/**
 * The audit trail as an auditor reads it, at SIM_SPEED=10 (the simulated clock runs ahead of
 * the real one): a test failover of Globex's customer portal with an edit of another group in
 * the middle. The entries come newest first in the order they happened, on the real clock,
 * with the simulated time beside the ones about the estate; what the engine did reads as
 * "System"; every target has its name. The same in the API and the CSV export.
 */
test.use({ storageState: storageStateFor('globexAdmin') });

type Entry = { id: string; time: string; simulatedTime: string | null; timeClock: string; action: string; actorRole: string | null; targetId: string | null; targetName: string | null };

test('an operation and a group edit interleave in true order, on one clock, named, with the system labelled', async ({ page }) => {
  test.setTimeout(150_000);
  const api = page.request;
  const started = await api.post('/api/v1/groups/grp_globex_web/test-failover', { data: {} });
  expect(started.status()).toBe(202);
  const op: { id: string } = await started.json();
  const status = async () => ((await (await api.get(`/api/v1/operations/${op.id}`)).json()) as { status: string }).status;
  await expect.poll(status, { timeout: 90_000 }).toBe('testing');
  expect((await api.patch('/api/v1/groups/grp_globex_erp', { data: { rpoTargetSeconds: 420 } })).ok()).toBe(true);
  expect((await api.post(`/api/v1/operations/${op.id}/stop-test`, { data: { result: 'passed' } })).ok()).toBe(true);
  await expect.poll(status, { timeout: 60_000 }).toBe('completed');

  // The API: newest first by id, the times agree with that order, the system and the names are there.
  const { items } = (await (await api.get('/api/v1/audit?limit=100')).json()) as { items: Entry[] };
  const ours = items.filter((e) => e.targetId === op.id || (e.action === 'group.update' && e.targetId === 'grp_globex_erp'));
  expect(ours.map((e) => [e.action, e.actorRole, e.targetName])).toEqual([
    ['operation.completed', 'system', 'Customer portal — Test failover'],
    ['operation.stop-test', 'client_admin', 'Customer portal — Test failover'],
    ['group.update', 'client_admin', 'ERP'],
    ['operation.start', 'client_admin', 'Customer portal — Test failover'],
  ]);
  const times = items.map((e) => Date.parse(e.time));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(ours.every((e) => e.timeClock === 'real' && e.simulatedTime !== null)).toBe(true);

  // The page shows the same order, the real times never jumping, "System" and the names.
  await page.goto('/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const pageTimes = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-time') ?? ''))).map(Date.parse);
  expect(pageTimes).toEqual([...pageTimes].sort((a, b) => b - a));
  const pageIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
  expect(pageIds.filter((id) => ours.some((e) => e.id === id))).toEqual(ours.map((e) => e.id));
  const row = (e: Entry) => page.locator(`[data-testid="audit-row"][data-id="${e.id}"]`);
  await expect(row(ours[0]).getByTestId('audit-actor')).toContainText('System');
  await expect(row(ours[0]).getByTestId('audit-target')).toContainText('Customer portal — Test failover');
  await expect(row(ours[0]).getByTestId('audit-target')).toContainText(op.id);
  await expect(row(ours[2]).getByTestId('audit-target')).toContainText('ERP');
  await expect(row(ours[3])).toContainText('sim ');

  // The CSV export carries the names, the simulated time and "System".
  const csv = await (await api.get('/audit/export.csv')).text();
  expect(csv.split('\r\n')[0]).toBe('Entry,Time (UTC),Clock of time,Simulated time (UTC),Actor,Role,Action,Target type,Target,Target id,Outcome,Source IP,Details,Count,Last time (UTC)');
  const completedLine = csv.split('\r\n').find((l) => l.startsWith(`${ours[0].id},`));
  expect(completedLine).toContain(`,System,system,operation.completed,operation,Customer portal — Test failover,${op.id},success,`);
});

test.describe('provider staff', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('read the whole service\'s trail in the console, or one tenant\'s, named and in order', async ({ page }) => {
    const api = page.request;
    // A service-wide action of their own: a fault on a link no demo group replicates over, injected and cleared.
    const outage = '/api/v1/admin/links/bermuda--singapore/outage';
    expect((await api.post(outage, { data: { down: true } })).ok()).toBe(true);
    expect((await api.post(outage, { data: { down: false } })).ok()).toBe(true);

    await page.goto('/staff/audit');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const rows = page.getByTestId('audit-row');
    const end = rows.and(page.locator('[data-action="link.outage.end"]')).first();
    await expect(end.getByTestId('audit-actor')).toContainText('staff@calligo.test');
    await expect(end.getByTestId('audit-target')).toContainText('Bermuda ↔ Singapore');
    await expect(end).toContainText('sim ');
    const times = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-time') ?? ''))).map(Date.parse);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    await page.getByLabel('Tenant').selectOption({ label: 'Globex Logistics' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/tenantId=ten_globex/);
    await expect(rows.first()).toBeVisible();
    await expect(rows.and(page.locator('[data-action^="link."]'))).toHaveCount(0);
  });
});
