import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { users } from '@/db/schema';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as health } from '../health/route';
import { GET as getGroup } from '../v1/groups/[id]/route';
import { GET as metrics } from './route';

let db: DB;
const tokenFor = (email: string) => {
  const user = db.select().from(users).where(eq(users.email, email)).get()!;
  return insertApiToken(db, { userId: user.id, name: 'scraper', expiresAt: new Date(Date.now() + 60_000) }).token;
};

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
});

describe('GET /api/health', () => {
  it('reports the database and, without a running engine, that it is starting', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', engine: 'starting' });
  });
});

describe('GET /api/metrics', () => {
  it('is for staff only', async () => {
    expect((await callRoute(metrics, apiRequest('/api/metrics'))).status).toBe(401);
    const res = await callRoute(metrics, apiRequest('/api/metrics', { bearer: tokenFor('admin@acme.test') }));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('exposes process, HTTP and replication metrics in Prometheus text', async () => {
    const res = await callRoute(metrics, apiRequest('/api/metrics', { bearer: tokenFor('staff@calligo.test') }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/cloudshield_protection_groups\{status="meeting-sla"\} \d+/);
    expect(text).toMatch(/cloudshield_group_rpo_target_seconds\{tenant="acme",group="grp_acme_web",group_name="Customer web tier"\} 300/);
    expect(text).toMatch(/cloudshield_http_requests_total\{method="GET",route="\/api\/metrics",status="403"\} 1/);
  });

  it('labels HTTP metrics by route template: requests for any number of made-up ids add no series', async () => {
    for (let i = 0; i < 25; i += 1) {
      const id = `junk-${i}-${'x'.repeat(i)}`;
      const res = await callRoute(getGroup, apiRequest(`/api/v1/groups/${id}`), { id });
      expect(res.status).toBe(401);
    }
    const staff = tokenFor('staff@calligo.test');
    await callRoute(getGroup, apiRequest('/api/v1/groups/grp_acme_web', { bearer: staff }), { id: 'grp_acme_web' });
    const text = await (await callRoute(metrics, apiRequest('/api/metrics', { bearer: staff }))).text();
    const groupSeries = text.split('\n').filter((l) => l.startsWith('cloudshield_http_requests_total{') && l.includes('/api/v1/groups/'));
    expect(groupSeries).toEqual([
      'cloudshield_http_requests_total{method="GET",route="/api/v1/groups/:id",status="401"} 25',
      'cloudshield_http_requests_total{method="GET",route="/api/v1/groups/:id",status="200"} 1',
    ]);
    expect(text).not.toContain('junk-');
  });
});
