/**
 * GET /what-if by every role: anonymous 401; user, client_admin and staff 200 (client roles
 * pinned to their tenant); another tenant's plan 404; a malformed siteId 400 naming it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { recoveryPlans, sites } from '@/db/schema';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
let db: DB;
const tokens: Record<'admin' | 'user' | 'globex' | 'staff', string> = { admin: '', user: '', globex: '', staff: '' };
type Who = keyof typeof tokens | 'anonymous';
const get = (query: string, who: Who) => callRoute(GET, apiRequest(`/api/v1/what-if?${query}`, { bearer: who === 'anonymous' ? undefined : tokens[who] }));

beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.globex = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
  setSimulatorForTests(new FakeSimulator(NOW));
  for (const g of ['grp_acme_web', 'grp_acme_sql', 'grp_globex_web']) writeJournal(db, g, NOW);
  db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
  db.insert(recoveryPlans).values({
    id: 'rpl_acme_db_first', tenantId: 'ten_acme', name: 'Database first',
    tiers: [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 30 }, { groupIds: ['grp_acme_web'], delayAfterSeconds: 0 }],
    createdAt: new Date(NOW), updatedAt: new Date(NOW),
  }).run();
});
afterAll(() => setSimulatorForTests(undefined));

describe('GET /api/v1/what-if', () => {
  it('401 anonymous', async () => {
    expect((await get('siteId=london', 'anonymous')).status).toBe(401);
  });

  it.each(['user', 'admin'] as const)('%s: their own tenant\'s groups in London', async (who) => {
    const res = await get('siteId=london&tenantId=ten_globex', who); // a client's tenantId is ignored
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ siteId: 'london', siteName: 'London', tenantId: 'ten_acme', summary: expect.stringMatching(/^London is offline now: 2 groups \(7 VMs\) of Acme Insurance/) });
    expect(body.groups.map((g: { groupId: string }) => g.groupId)).toEqual(['grp_acme_web', 'grp_acme_sql']);
    expect(body.groups[0]).toMatchObject({
      groupId: 'grp_acme_web', tenantName: 'Acme Insurance', plannedRtoSeconds: 216, predictedRtoSeconds: 216, recoverySiteName: 'Zurich',
      capacityOk: true, meetsRpoTarget: expect.any(Boolean), meetsRtoTarget: true, dataLossSeconds: expect.any(Number),
    });
    expect(body.recoverySites).toEqual([]);
  });

  it('a plan of the tenant orders the tiers', async () => {
    const body = await (await get('siteId=london&planId=rpl_acme_db_first', 'user')).json();
    expect(body.planName).toBe('Database first');
    // The database (14 + 192 + 120 + 155 = 481 s) first, 30 s, then the web tier's 216 s.
    expect(body.groups.find((g: { groupId: string }) => g.groupId === 'grp_acme_web')).toMatchObject({ tier: 2, predictedRtoSeconds: 727 });
  });

  it('another tenant\'s plan is 404', async () => {
    const res = await get('siteId=london&planId=rpl_acme_db_first', 'globex');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('an unknown site is 404, a malformed one 400 naming siteId', async () => {
    expect((await get('siteId=atlantis', 'admin')).status).toBe(404);
    for (const q of ['siteId=not%20a%20site!', '']) {
      const res = await get(q, 'admin');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json();
      expect(JSON.stringify(body)).toContain('siteId');
    }
  });

  it('staff: every tenant with the recovery sites\' physical capacity, or one tenant', async () => {
    const all = await (await get('siteId=singapore', 'staff')).json();
    expect(all.tenantId).toBeNull();
    expect(all.groups).toMatchObject([{ groupId: 'grp_globex_web', tenantName: 'Globex Logistics', recoverySiteDown: true, capacityOk: false }]);
    expect(all.verdict).toBe('cannot-recover');
    const london = await (await get('siteId=london', 'staff')).json();
    expect(london.recoverySites.map((s: { siteId: string }) => s.siteId)).toEqual(['zurich', 'jersey']);
    const globex = await get('siteId=london&tenantId=ten_globex', 'staff');
    expect(globex.status).toBe(200);
    expect((await globex.json()).groups).toEqual([]);
    expect((await get('siteId=london&tenantId=ten_nobody', 'staff')).status).toBe(404);
  });
});
