import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as csv } from '@/app/(portal)/reports/recovery-report.csv/route';
import { GET } from './route';

/** GET /api/v1/reports/recovery and the portal's CSV of it: one schema, one answer. */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let token = '';

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  token = insertApiToken(db, { userId: 'usr_user_acme', name: 'report test', expiresAt: new Date(Date.now() + 3600_000) }).token;
});

const get = (handler: typeof GET, path: string, bearer?: string) => callRoute(handler, apiRequest(path, { bearer }));

describe('GET /api/v1/reports/recovery', () => {
  it('answers the tenant’s operations with their outcome and per-VM RTO', async () => {
    const res = await get(GET, '/api/v1/reports/recovery?type=test-failover', token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.truncated).toBe(false);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((o: { type: string; groupId: string }) => o.type === 'test-failover' && o.groupId.startsWith('grp_acme_'))).toBe(true);
    expect(body.items[0]).toMatchObject({ outcome: 'passed', vms: expect.arrayContaining([expect.objectContaining({ vmId: expect.any(String), rtoSeconds: expect.any(Number) })]) });
  });

  it('refuses an unknown type with a problem naming the field, and a caller without credentials', async () => {
    const bad = await get(GET, '/api/v1/reports/recovery?type=snapshot', token);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((await bad.json()).errors).toEqual([{ field: 'type', message: 'type must be test-failover, failover, move or failback.' }]);
    expect((await get(GET, '/api/v1/reports/recovery')).status).toBe(401);
  });
});

describe('GET /reports/recovery-report.csv', () => {
  it('holds the same operations as the API for the same filters', async () => {
    const api = await (await get(GET, '/api/v1/reports/recovery?type=test-failover&result=passed', token)).json();
    const res = await get(csv, '/reports/recovery-report.csv?type=test-failover&result=passed', token);
    expect(res.headers.get('content-disposition')).toContain('dr-recovery-report.csv');
    const rows = (await res.text()).trim().split(/\r?\n/).slice(1);
    expect(rows.map((r) => r.split(',').at(-1))).toEqual(api.items.map((o: { id: string }) => o.id));
    expect(rows.every((r) => r.startsWith('Test failover,') && r.includes(',passed,'))).toBe(true);
    expect((await get(csv, '/reports/recovery-report.csv?from=yesterday', token)).status).toBe(400);
  });
});
