import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { alerts, auditLog } from '@/db/schema';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { createGroup } from '@/lib/domain/groups/groups';
import { createPlan } from '@/lib/domain/recovery/plans';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import * as alertAck from './alerts/[id]/ack/route';
import * as alertList from './alerts/route';
import * as auditRoute from './audit/route';
import * as checkpointsRoute from './groups/[id]/checkpoints/route';
import * as groupRoute from './groups/[id]/route';
import * as rpoRoute from './groups/[id]/rpo/route';
import * as groupsRoute from './groups/route';
import * as recoveryPlanRoute from './recovery-plans/[id]/route';
import * as recoveryPlansRoute from './recovery-plans/route';
import * as recoveryReportRoute from './reports/recovery/route';
import * as slaRoute from './reports/sla/route';
import * as sitesRoute from './sites/route';
import * as vmsRoute from './vms/route';

/**
 * Every endpoint of the tenant-scoped resources × every kind of caller, through the real
 * apiRoute wrapper and bearer-token authentication. Refusals carry a malformed or invalid body
 * on purpose: 401/403/404 must come before validation. A refused write must change nothing;
 * a 403 must leave a 'denied' audit entry.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

type Caller = 'anonymous' | 'user' | 'admin' | 'otherAdmin' | 'staff';
const CALLERS: Caller[] = ['anonymous', 'user', 'admin', 'otherAdmin', 'staff'];
type Handler = Parameters<typeof callRoute>[0];
type Case = {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  /** Fresh target per call (e.g. a group to delete); returns the route params and path. */
  setup?: () => Promise<{ params: Record<string, string>; path: string }>;
  params?: Record<string, string>;
  body?: unknown | (() => unknown);
  expected: Record<Caller, number>;
};

let db: DB;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
let throwaway = 0;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  const expiresAt = new Date(Date.now() + 3600_000);
  for (const [caller, userId] of [['user', 'usr_user_acme'], ['admin', 'usr_admin_acme'], ['otherAdmin', 'usr_admin_globex'], ['staff', 'usr_staff_calligo']] as const) {
    tokens[caller] = insertApiToken(db, { userId, name: 'access test', expiresAt }).token;
  }
  db.insert(alerts).values({ id: 'al_acme', tenantId: 'ten_acme', groupId: 'grp_acme_web', code: 'rpo-warning', level: 'warning', message: 'RPO near target', raisedAt: new Date() }).run();
});

const group = 'grp_acme_web';
const validGroup = { name: '', sourceSiteId: 'london', targetSiteId: 'guernsey', rpoTargetSeconds: 300, rtoTargetMinutes: 60, journalHistoryHours: 24 };
const newThrowawayGroup = async () => {
  const g = await createGroup(db, ACME_ADMIN, { ...validGroup, name: `Throwaway ${++throwaway}` });
  return { params: { id: g.id }, path: `/api/v1/groups/${g.id}` };
};

const planTiers = [{ groupIds: ['grp_acme_sql'], delayAfterSeconds: 60 }, { groupIds: ['grp_acme_web'] }];
const newThrowawayPlan = async () => {
  const p = await createPlan(db, ACME_ADMIN, { name: `Throwaway plan ${++throwaway}`, tiers: planTiers });
  return { params: { id: p.id }, path: `/api/v1/recovery-plans/${p.id}` };
};

const all = (status: number): Record<Caller, number> => ({ anonymous: 401, user: status, admin: status, otherAdmin: status, staff: status });
const CASES: Case[] = [
  { name: 'GET /sites', handler: sitesRoute.GET, method: 'GET', path: '/api/v1/sites', expected: all(200) },
  { name: 'GET /vms', handler: vmsRoute.GET, method: 'GET', path: '/api/v1/vms', expected: all(200) },
  { name: 'GET /groups', handler: groupsRoute.GET, method: 'GET', path: '/api/v1/groups', expected: all(200) },
  {
    name: 'POST /groups', handler: groupsRoute.POST, method: 'POST', path: '/api/v1/groups',
    // otherAdmin names Acme's tenant in the body: 404, not 403, and before validation.
    body: () => ({ ...validGroup, name: `Via the API ${++throwaway}`, tenantId: 'ten_acme' }),
    expected: { anonymous: 401, user: 403, admin: 201, otherAdmin: 404, staff: 201 },
  },
  { name: 'GET /groups/{id}', handler: groupRoute.GET, method: 'GET', path: `/api/v1/groups/${group}`, params: { id: group }, expected: { ...all(200), otherAdmin: 404 } },
  {
    name: 'PATCH /groups/{id}', handler: groupRoute.PATCH, method: 'PATCH', path: `/api/v1/groups/${group}`, params: { id: group },
    body: { rtoTargetMinutes: 45 }, expected: { anonymous: 401, user: 403, admin: 200, otherAdmin: 404, staff: 200 },
  },
  {
    name: 'DELETE /groups/{id}', handler: groupRoute.DELETE, method: 'DELETE', path: '', setup: newThrowawayGroup,
    expected: { anonymous: 401, user: 403, admin: 204, otherAdmin: 404, staff: 204 },
  },
  { name: 'GET /groups/{id}/checkpoints', handler: checkpointsRoute.GET, method: 'GET', path: `/api/v1/groups/${group}/checkpoints`, params: { id: group }, expected: { ...all(200), otherAdmin: 404 } },
  {
    name: 'POST /groups/{id}/checkpoints', handler: checkpointsRoute.POST, method: 'POST', path: `/api/v1/groups/${group}/checkpoints`, params: { id: group },
    body: { tag: 'before change' }, expected: { anonymous: 401, user: 403, admin: 201, otherAdmin: 404, staff: 201 },
  },
  { name: 'GET /groups/{id}/rpo', handler: rpoRoute.GET, method: 'GET', path: `/api/v1/groups/${group}/rpo`, params: { id: group }, expected: { ...all(200), otherAdmin: 404 } },
  { name: 'GET /recovery-plans', handler: recoveryPlansRoute.GET, method: 'GET', path: '/api/v1/recovery-plans', expected: all(200) },
  {
    // Naming Acme in the query: another tenant's admin gets 404 whatever the body.
    name: 'POST /recovery-plans', handler: recoveryPlansRoute.POST, method: 'POST', path: '/api/v1/recovery-plans?tenantId=ten_acme',
    body: () => ({ name: `Plan via the API ${++throwaway}`, tiers: planTiers }),
    expected: { anonymous: 401, user: 403, admin: 201, otherAdmin: 404, staff: 201 },
  },
  { name: 'GET /recovery-plans/{id}', handler: recoveryPlanRoute.GET, method: 'GET', path: '', setup: newThrowawayPlan, expected: { ...all(200), otherAdmin: 404 } },
  {
    name: 'PATCH /recovery-plans/{id}', handler: recoveryPlanRoute.PATCH, method: 'PATCH', path: '', setup: newThrowawayPlan,
    body: { description: 'Reviewed' }, expected: { anonymous: 401, user: 403, admin: 200, otherAdmin: 404, staff: 200 },
  },
  {
    name: 'DELETE /recovery-plans/{id}', handler: recoveryPlanRoute.DELETE, method: 'DELETE', path: '', setup: newThrowawayPlan,
    expected: { anonymous: 401, user: 403, admin: 204, otherAdmin: 404, staff: 204 },
  },
  { name: 'GET /alerts', handler: alertList.GET, method: 'GET', path: '/api/v1/alerts', expected: all(200) },
  {
    name: 'POST /alerts/{id}/ack', handler: alertAck.POST, method: 'POST', path: '/api/v1/alerts/al_acme/ack', params: { id: 'al_acme' },
    body: {}, expected: { anonymous: 401, user: 403, admin: 200, otherAdmin: 404, staff: 200 },
  },
  { name: 'GET /audit', handler: auditRoute.GET, method: 'GET', path: '/api/v1/audit', expected: { ...all(200), user: 403 } },
  { name: 'GET /reports/sla', handler: slaRoute.GET, method: 'GET', path: '/api/v1/reports/sla', expected: all(200) },
  { name: 'GET /reports/recovery', handler: recoveryReportRoute.GET, method: 'GET', path: '/api/v1/reports/recovery', expected: all(200) },
];

const TABLES = ['protection_groups', 'group_members', 'boot_groups', 'checkpoints', 'alerts', 'vms', 'recovery_plans'];
const snapshot = () => TABLES.map((t) => JSON.stringify(db.$client.prepare(`select * from ${t} order by rowid`).all())).join('\n');
const deniedCount = () => db.select().from(auditLog).all().filter((e) => e.outcome === 'denied').length;

describe.each(CASES)('$name', (c) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const target = c.setup ? await c.setup() : { params: c.params ?? {}, path: c.path };
    const expected = c.expected[caller];
    const refused = expected >= 400;
    const isWrite = c.method !== 'GET';
    // A refused write gets a body that is not even JSON: the refusal must come first.
    const request = apiRequest(target.path, {
      method: c.method,
      bearer: caller === 'anonymous' ? undefined : tokens[caller],
      ...(isWrite ? (refused ? { raw: '{not json' } : { body: typeof c.body === 'function' ? c.body() : (c.body ?? {}) }) : {}),
      ...(c.name === 'POST /groups' && caller === 'otherAdmin' ? { raw: JSON.stringify({ tenantId: 'ten_acme', name: 42 }) } : {}),
    });
    const before = snapshot();
    const denied = deniedCount();

    const res = await callRoute(c.handler, request, target.params);

    expect(res.status, await res.clone().text()).toBe(expected);
    if (refused) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: expected, title: expect.any(String), detail: expect.any(String) });
      expect(snapshot()).toBe(before);
      expect(deniedCount()).toBe(expected === 403 ? denied + 1 : denied);
    }
    if (expected === 200 && c.method === 'GET') {
      const body = await res.json();
      // Another tenant's admin sees only Globex rows in lists.
      if (caller === 'otherAdmin' && Array.isArray(body.items)) {
        for (const item of body.items) if ('tenantId' in item) expect(item.tenantId).toBe('ten_globex');
      }
    }
  });
});

describe('shapes through the routes', () => {
  it('lists are { items }, paged lists add nextCursor', async () => {
    const groups = await (await callRoute(groupsRoute.GET, apiRequest('/api/v1/groups', { bearer: tokens.user }))).json();
    expect(Object.keys(groups)).toEqual(['items']);
    const cps = await (await callRoute(checkpointsRoute.GET, apiRequest(`/api/v1/groups/${group}/checkpoints?limit=1`, { bearer: tokens.user }), { id: group })).json();
    expect(cps).toEqual({ items: expect.any(Array), nextCursor: expect.anything() });
  });

  it('a client admin with malformed JSON gets 400 naming the body', async () => {
    const res = await callRoute(groupsRoute.POST, apiRequest('/api/v1/groups', { raw: '{nope', bearer: tokens.admin }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([{ field: '(body)', message: 'Malformed JSON' }]);
  });

  it('field errors come back as problem+json with errors[]', async () => {
    const res = await callRoute(groupsRoute.POST, apiRequest('/api/v1/groups', { body: { ...validGroup, name: 'X', rpoTargetSeconds: 5 }, bearer: tokens.admin }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, errors: [{ field: 'rpoTargetSeconds', message: 'RPO target must be at least 30 seconds.' }] });
  });

  it('staff filter lists with ?tenantId=', async () => {
    const res = await callRoute(vmsRoute.GET, apiRequest('/api/v1/vms?tenantId=ten_globex&protected=true', { bearer: tokens.staff }));
    const { items } = await res.json();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((v: { tenantId: string; groupId: string | null }) => v.tenantId === 'ten_globex' && v.groupId)).toBe(true);
  });
});
