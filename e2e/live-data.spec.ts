import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Live data tells the truth: a page cut off from the server stops saying it is live; during an
 * outage the charts shade it and the explanation names it with the RPO the chart shows; open
 * alerts carry the current figure beside the one they were raised with. Globex's ERP group
 * (Toronto → Vancouver) is this spec's: no other spec touches that link.
 */
const GROUP = 'grp_globex_erp';
const LINK = '/api/v1/admin/links/toronto--vancouver/outage';

async function staffHeaders(request: APIRequestContext) {
  const res = await request.post('/api/v1/auth/token', { data: { email: 'staff@calligo.test', password: DEMO_PASSWORD, name: 'live-data e2e' } });
  expect(res.status()).toBe(201);
  return { authorization: `Bearer ${(await res.json()).token as string}` };
}

test.describe('a Globex user', () => {
  test.use({ storageState: storageStateFor('globexAdmin') });

  test('sees the figures turn amber, then red, with words, when the server stops answering', async ({ page }) => {
    await page.clock.install();
    // Without the live stream (components/live), as when a proxy drops it: the page falls back to
    // polling, and the freshness mark counts the age of the figures again.
    await page.route('**/api/v1/events', (route) => route.abort('connectionrefused'));
    await page.goto('/groups');
    const freshness = page.getByTestId('freshness');
    await expect(freshness).toHaveAttribute('data-state', 'live');
    await expect(freshness).toContainText('Live');
    await expect(page.getByText('updates every 5 s')).toHaveCount(0);

    // The server becomes unreachable for the page's polls.
    await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    // The clock moves on a second at a time until the mark changes: a read already under way when
    // the server went away may still have landed, so the age counts from whenever the last one did.
    const stateAfterTicks = (state: string) =>
      expect.poll(async () => (await page.clock.runFor(1_000), freshness.getAttribute('data-state')), { timeout: 30_000 }).toBe(state);
    await stateAfterTicks('delayed');
    await expect(freshness).toContainText('Updates delayed');
    await stateAfterTicks('stale');
    await expect(freshness).toContainText('Not updating');
    await expect(freshness).toContainText(/updated 2\d s ago/);
    await expect(freshness.getByRole('status')).toContainText('may be out of date');

    await page.unroute('**/api/v1/**');
    await page.unroute('**/api/v1/events');
    // The stream reconnects (its retry timer, at most 15 s) and the figures are current again.
    await page.clock.runFor(16_000);
    await expect(freshness).toHaveAttribute('data-state', 'live');
  });

  test('during a link outage: shaded charts, an explanation that names it, alerts with the current RPO', async ({ page, request }) => {
    test.setTimeout(90_000);
    const headers = await staffHeaders(request);
    expect((await request.post(LINK, { headers, data: { down: true } })).ok()).toBe(true);
    try {
      await page.goto(`/groups/${GROUP}`);
      const verdict = page.getByTestId('traffic-verdict');
      await expect(verdict).toContainText('Link Toronto–Vancouver down: replication was paused', { timeout: 20_000 });
      await expect(verdict).not.toContainText('kept up');
      await expect(page.getByTestId('rpo-chart')).toContainText('Outage (site or link down)');
      await expect(page.getByTestId('rpo-chart').locator('svg rect[data-outage]')).not.toHaveCount(0);

      // At 10 simulated seconds per second the RPO passes 80 % of its 5 min target within ~25 s.
      await page.goto(`/alerts?groupId=${GROUP}`);
      const now = page.getByTestId('alerts-table').getByTestId('alert-now').first();
      await expect(now).toContainText(/^Now: RPO \d/, { timeout: 60_000 });
    } finally {
      await request.post(LINK, { headers, data: { down: false } });
    }
  });
});
