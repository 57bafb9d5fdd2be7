import { expect, test, type APIRequestContext, type Request } from '@playwright/test';
import { DEMO_PASSWORD, storageStateFor } from './support/users';

/**
 * Push, not poll: an open group page follows changes through the live stream (GET
 * /api/v1/events) without a reload and without polling. Acme's file group is this spec's.
 */
const GROUP = 'grp_acme_file';

async function bearer(request: APIRequestContext, email: string) {
  const res = await request.post('/api/v1/auth/token', { data: { email, password: DEMO_PASSWORD, name: 'live-updates e2e' } });
  expect(res.status()).toBe(201);
  return { authorization: `Bearer ${(await res.json()).token as string}` };
}

/** The GETs of the page's data (the stream itself excluded) made while `during` runs. */
async function dataGets(page: import('@playwright/test').Page, during: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onRequest = (r: Request) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' && url.pathname.startsWith('/api/v1/') && url.pathname !== '/api/v1/events') seen.push(url.pathname);
  };
  page.on('request', onRequest);
  try {
    await during();
  } finally {
    page.off('request', onRequest);
  }
  return seen;
}

test.describe('an Acme administrator on a group page', () => {
  test.use({ storageState: storageStateFor('acmeAdmin') });

  test('sees a change made elsewhere without a reload, and the page does not poll meanwhile', async ({ page, request }) => {
    test.setTimeout(60_000);
    const headers = await bearer(request, 'admin@acme.test');
    const before = await (await request.get(`/api/v1/groups/${GROUP}`, { headers })).json();
    // Counts the stream's invalidations of this group as the page receives them (test-only wrapper).
    await page.addInitScript((group) => {
      const w = window as unknown as { __pushes: number; EventSource: typeof EventSource };
      w.__pushes = 0;
      const Original = w.EventSource;
      w.EventSource = class extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener('invalidate', (e) => {
            if ((JSON.parse((e as MessageEvent<string>).data) as { topics: string[] }).topics.includes(`group:${group}`)) w.__pushes += 1;
          });
        }
      };
    }, GROUP);
    const pushes = () => page.evaluate(() => (window as unknown as { __pushes: number }).__pushes);
    await page.goto(`/groups/${GROUP}`);
    await expect(page.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    await expect(page.locator('[data-live-status]')).toHaveText('Live');
    await page.waitForTimeout(1_500); // the charts' first load

    // Twelve seconds: the page used to poll the group every 5 s; now it reads the group only when
    // the stream says it changed (replication may move it meanwhile), and nothing else.
    const pushedBefore = await pushes();
    const idle = await dataGets(page, () => page.waitForTimeout(12_000));
    const pushedIdle = (await pushes()) - pushedBefore;
    const reads = (path: string) => idle.filter((p) => p === path).length;
    expect(idle.filter((p) => !p.startsWith(`/api/v1/groups/${GROUP}`))).toEqual([]);
    for (const path of [`/api/v1/groups/${GROUP}`, `/api/v1/groups/${GROUP}/rpo`, `/api/v1/groups/${GROUP}/checkpoints`]) {
      expect(reads(path), `${path}: ${reads(path)} reads for ${pushedIdle} pushes`).toBeLessThanOrEqual(pushedIdle * (path.endsWith('checkpoints') ? 3 : 1));
    }

    // Someone changes the group through the API (as a script would): the tile follows.
    const next = before.rtoTargetMinutes === 180 ? 300 : 180;
    const tile = page.locator('dt', { hasText: 'RTO target' }).first().locator('..');
    let changedAt = 0;
    const pushed = await dataGets(page, async () => {
      const res = await request.patch(`/api/v1/groups/${GROUP}`, { headers, data: { rtoTargetMinutes: next } });
      expect(res.status()).toBe(200);
      changedAt = Date.now();
      await expect(tile).toContainText(`${next / 60} h`, { timeout: 5_000 });
    });
    // Reached the page within a second or so (coalescing window 250 ms, then one refetch).
    expect(Date.now() - changedAt).toBeLessThan(3_000);
    expect(pushed).toContain(`/api/v1/groups/${GROUP}`);
  });

  test('sees the group go down when staff take its source site down', async ({ page, request }) => {
    test.setTimeout(60_000);
    const staff = await bearer(request, 'staff@calligo.test');
    const group = await (await request.get(`/api/v1/groups/${GROUP}`, { headers: await bearer(request, 'admin@acme.test') })).json();
    const site = group.sourceSiteId as string;
    await page.goto(`/groups/${GROUP}`);
    await expect(page.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    const status = page.getByTestId('group-status');
    const initial = await status.getAttribute('data-status');
    expect((await request.post(`/api/v1/admin/sites/${site}/outage`, { headers: staff, data: { down: true } })).ok()).toBe(true);
    try {
      await expect(status).not.toHaveAttribute('data-status', initial ?? '', { timeout: 10_000 });
    } finally {
      expect((await request.post(`/api/v1/admin/sites/${site}/outage`, { headers: staff, data: { down: false } })).ok()).toBe(true);
    }
  });

  test('two tabs share one stream: one /api/v1/events request, both pages follow a change, the other tab takes over when the first closes', async ({ context, request }) => {
    test.setTimeout(90_000);
    const headers = await bearer(request, 'admin@acme.test');
    const streams: string[] = [];
    context.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/events') streams.push(r.url());
    });
    const a = await context.newPage();
    await a.goto(`/groups/${GROUP}`);
    await expect(a.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    const b = await context.newPage();
    await b.goto(`/groups/${GROUP}`);
    // The second tab is live through the first one's stream (relayed on a BroadcastChannel).
    await expect(b.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    await b.waitForTimeout(2_000);
    expect(streams, streams.join('\n')).toHaveLength(1);

    const rto = async () => (await (await request.get(`/api/v1/groups/${GROUP}`, { headers })).json()).rtoTargetMinutes as number;
    const tileOf = (page: typeof a) => page.locator('dt', { hasText: 'RTO target' }).first().locator('..');
    let next = (await rto()) === 120 ? 240 : 120;
    expect((await request.patch(`/api/v1/groups/${GROUP}`, { headers, data: { rtoTargetMinutes: next } })).status()).toBe(200);
    await expect(tileOf(a)).toContainText(`${next / 60} h`, { timeout: 5_000 });
    await expect(tileOf(b)).toContainText(`${next / 60} h`, { timeout: 5_000 });
    expect(streams).toHaveLength(1);

    // The leader closes: the other tab takes the lock and opens the stream, resuming from the last id it was relayed.
    await a.close();
    await expect.poll(() => streams.length, { timeout: 10_000 }).toBe(2);
    expect(new URL(streams[1]).searchParams.get('lastEventId')).toMatch(/^\d+$/);
    await expect(b.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    next = next === 120 ? 240 : 120;
    expect((await request.patch(`/api/v1/groups/${GROUP}`, { headers, data: { rtoTargetMinutes: next } })).status()).toBe(200);
    await expect(tileOf(b)).toContainText(`${next / 60} h`, { timeout: 5_000 });
  });
});

test.describe('staff', () => {
  test.use({ storageState: storageStateFor('staff') });

  test('the request queue shows a request raised elsewhere without a reload or a poll', async ({ page, request }) => {
    test.setTimeout(60_000);
    const headers = await bearer(request, 'admin@acme.test');
    await page.goto('/staff/requests');
    await expect(page.locator('[data-live-status]')).toHaveAttribute('data-live-status', 'live');
    const title = `Live queue ${Date.now().toString(36)}`;
    let raisedAt = 0;
    const res = await request.post('/api/v1/requests', {
      headers,
      data: { kind: 'grow-resources', priority: 'P3', title, description: 'Raised by the live-updates spec.', vdcId: 'vdc_acme_london_production', change: { memoryGb: 8 } },
    });
    expect(res.status()).toBe(201);
    raisedAt = Date.now();
    // The page used to re-render every 15 s; now the `requests` topic re-renders it at once.
    await expect(page.getByTestId('request-queue').getByRole('link', { name: title })).toBeVisible({ timeout: 5_000 });
    expect(Date.now() - raisedAt).toBeLessThan(5_000);
  });
});
