import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { createToken } from '@/lib/domain/accounts/tokens';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { apiRequest, callRoute, serveTestDb, issueTestToken } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as postWindow } from './admin/maintenance-windows/route';
import { POST as siteOutage } from './admin/sites/[id]/outage/route';
import { GET as adminSla } from './admin/sla/route';
import { POST as postTenant } from './admin/tenants/route';
import { GET as getAudit } from './audit/route';
import { POST as postGroup } from './groups/route';
import { PATCH as patchGroup } from './groups/[id]/route';
import { POST as tagCheckpoint } from './groups/[id]/checkpoints/route';
import { POST as failover } from './groups/[id]/failover/route';
import { GET as rpo } from './groups/[id]/rpo/route';
import { POST as postRequest } from './requests/route';
import { GET as reportSla } from './reports/sla/route';
import { POST as postUser } from './users/route';

/**
 * Input the API must refuse, whichever endpoint it reaches: impossible or out-of-range dates,
 * text that would display as something else, bodies not declared as JSON, booleans sent as
 * text. Each refusal is a problem+json naming the field, and changes nothing.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const TABLES = ['tenants', 'vdcs', 'sites', 'outages', 'maintenance_windows', 'protection_groups', 'group_members', 'boot_groups', 'checkpoints', 'operations', 'service_requests', 'users', 'api_tokens', 'audit_log'];

let db: DB;
const tokens = { user: '', admin: '', staff: '' };

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  setSimulatorForTests(null);
  const issue = (userId: string) => issueTestToken(db, userId);
  tokens.user = issue('usr_user_acme');
  tokens.admin = issue('usr_admin_acme');
  tokens.staff = issue('usr_staff_calligo');
});

// A bearer token's last use is bookkeeping of authentication, not a change the input made.
const digest = (tables = TABLES) =>
  JSON.stringify(tables.map((t) => db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all().map((r) => ({ ...(r as object), last_used_at: undefined }))));

type Handler = Parameters<typeof callRoute>[0];
type Send = {
  handler: Handler;
  path: string;
  method?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  as?: keyof typeof tokens;
  params?: Record<string, string>;
  /** A refused role's attempt is audited (a denial): the one row it may add. */
  denied?: boolean;
};

/** Sends the request and checks the refusal left every table as it was. */
async function refused(req: Send): Promise<{ status: number; type: string | null; problem: { detail: string; errors?: { field: string; message: string }[] } }> {
  const tables = req.denied ? TABLES.filter((t) => t !== 'audit_log') : TABLES;
  const before = digest(tables);
  const res = await callRoute(
    req.handler,
    apiRequest(req.path, { method: req.method ?? (req.body === undefined && req.raw === undefined ? 'GET' : 'POST'), body: req.body, raw: req.raw, headers: req.headers, bearer: tokens[req.as ?? 'admin'] }),
    req.params ?? {},
  );
  expect(digest(tables)).toBe(before);
  return { status: res.status, type: res.headers.get('content-type'), problem: await res.json() };
}

const fieldsOf = (p: { errors?: { field: string }[] }) => p.errors?.map((e) => e.field);

const window = { siteId: 'london', startsAt: '2099-01-02T10:00:00Z', endsAt: '2099-01-02T12:00:00Z', description: 'Storage firmware' };

describe('dates', () => {
  it.each([
    ['an impossible calendar date', { startsAt: '2026-02-30T00:00:00Z' }, 'startsAt', 'real date and time'],
    ['a six-digit year', { startsAt: '275760-09-13T00:00:00Z' }, 'startsAt', 'real date and time'],
    ['a bare date', { startsAt: '2099-01-02' }, 'startsAt', 'real date and time'],
    ['the year 0099', { endsAt: '0099-01-02T12:00:00Z' }, 'endsAt', 'between the years 2000 and 2099'],
    ['empty fields (the form left blank)', { startsAt: '', endsAt: '' }, 'startsAt', 'Start time is required.'],
  ])('a maintenance window with %s is a 400 naming the field, not a 500', async (_, change, field, message) => {
    const { status, type, problem } = await refused({ handler: postWindow, path: '/api/v1/admin/maintenance-windows', body: { ...window, ...change }, as: 'staff' });
    expect(status).toBe(400);
    expect(type).toMatch(/application\/problem\+json/);
    expect(problem.errors![0]).toEqual({ field, message: expect.stringContaining(message) });
    expect(problem.detail).toContain(`${field}: `);
  });

  it.each([
    [reportSla, '/api/v1/reports/sla?month=0099-01', 'user'],
    [reportSla, '/api/v1/reports/sla?month=1999-12', 'user'],
    [adminSla, '/api/v1/admin/sla?month=0099-01', 'staff'],
    [adminSla, '/api/v1/admin/sla?month=2026-2', 'staff'],
  ] as const)('a report month outside YYYY-MM of this century is a 400 naming month (%#)', async (handler, path, as) => {
    const { status, problem } = await refused({ handler, path, as });
    expect(status).toBe(400);
    expect(fieldsOf(problem)).toEqual(['month']);
  });

  it('time ranges and points in time use the same field', async () => {
    const range = await refused({ handler: rpo, path: '/api/v1/groups/grp_acme_web/rpo?from=2026-02-30T00:00:00Z', params: { id: 'grp_acme_web' } });
    expect([range.status, fieldsOf(range.problem)]).toEqual([400, ['from']]);
    const audit = await refused({ handler: getAudit, path: '/api/v1/audit?to=2026-01-01' });
    expect([audit.status, fieldsOf(audit.problem)]).toEqual([400, ['to']]);
    const point = await refused({ handler: failover, path: '/api/v1/groups/grp_acme_web/failover', body: { pointInTime: '0099-01-01T00:00:00Z' }, params: { id: 'grp_acme_web' } });
    expect([point.status, fieldsOf(point.problem)]).toEqual([400, ['pointInTime']]);
  });
});

describe('display text', () => {
  const NUL = 'web\u0000tier';
  const RLO = 'web\u202Eexe.reit';
  const LONE = 'web\uD800tier';

  it.each([
    ['NUL', NUL, 'U+0000'],
    ['a right-to-left override', RLO, 'U+202E'],
    ['a lone surrogate', LONE, 'unpaired surrogate'],
  ])('a group name holding %s is refused with 400 naming the field', async (_, name, why) => {
    const body = { name, sourceSiteId: 'london', targetSiteId: 'jersey', rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24 };
    const created = await refused({ handler: postGroup, path: '/api/v1/groups', body });
    expect([created.status, created.problem.errors]).toEqual([400, [{ field: 'name', message: expect.stringContaining(why) }]]);
    const renamed = await refused({ handler: patchGroup, path: '/api/v1/groups/grp_acme_web', method: 'PATCH', body: { name }, params: { id: 'grp_acme_web' } });
    expect([renamed.status, fieldsOf(renamed.problem)]).toEqual([400, ['name']]);
  });

  it.each([
    ['description of a group', patchGroup, '/api/v1/groups/grp_acme_web', { description: `Line one\n${RLO}` }, 'description', 'admin', 'PATCH'],
    ['boot group name', patchGroup, '/api/v1/groups/grp_acme_web', { recoveryPlan: { bootGroups: [{ name: NUL, vmIds: [] }] } }, 'recoveryPlan.bootGroups.0.name', 'admin', 'PATCH'],
    ['test network name', patchGroup, '/api/v1/groups/grp_acme_web', { testNetwork: { mode: 'keep-ip', network: RLO } }, 'testNetwork.network', 'admin', 'PATCH'],
    ['checkpoint tag', tagCheckpoint, '/api/v1/groups/grp_acme_web/checkpoints', { tag: RLO }, 'tag', 'admin', 'POST'],
    ['maintenance description', postWindow, '/api/v1/admin/maintenance-windows', { ...window, description: NUL }, 'description', 'staff', 'POST'],
    ['service request title', postRequest, '/api/v1/requests', { kind: 'other', priority: 'P3', title: LONE, description: 'x' }, 'title', 'admin', 'POST'],
    ['tenant name', postTenant, '/api/v1/admin/tenants', { name: RLO, slug: 'initech', connection: 'vpn', externalBandwidthMbps: 200, interSiteBandwidthMbps: 100, monthlyChargeCents: 1 }, 'name', 'staff', 'POST'],
    ['user name', postUser, '/api/v1/users', { name: NUL, email: 'new@acme.test' }, 'name', 'admin', 'POST'],
  ] as const)('the same rule guards the %s', async (_, handler, path, body, field, as, method) => {
    // JSON.stringify sends the lone surrogate as the \\uD800 escape a client would.
    const { status, problem } = await refused({ handler, path, method, body, as, params: { id: 'grp_acme_web' } });
    expect([status, fieldsOf(problem)]).toEqual([400, [field]]);
  });

  it('and the name of an API token (created from a session, so through the domain)', () => {
    const before = digest();
    expect(() => createToken(db, ACME_ADMIN, { name: RLO })).toThrow(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'name' })] }));
    expect(digest()).toBe(before);
  });
});

describe('bodies must be JSON', () => {
  const body = JSON.stringify({ name: 'Plain text group', sourceSiteId: 'london', targetSiteId: 'jersey', rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24 });

  it.each(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('a body sent as %s is refused with 415, naming Content-Type', async (type) => {
    const { status, type: answered, problem } = await refused({ handler: postGroup, path: '/api/v1/groups', raw: body, headers: { 'content-type': type } });
    expect(status).toBe(415);
    expect(answered).toMatch(/application\/problem\+json/);
    expect(problem).toMatchObject({ status: 415, title: 'Unsupported media type', errors: [{ field: 'Content-Type' }] });
  });

  it('authorisation still comes first: a role that may not act hears 403 whatever the body', async () => {
    const { status } = await refused({ handler: postGroup, path: '/api/v1/groups', raw: body, headers: { 'content-type': 'text/plain' }, as: 'user', denied: true });
    expect(status).toBe(403);
  });

  it('JSON with a charset, or a +json type, is read', async () => {
    const res = await callRoute(postGroup, apiRequest('/api/v1/groups', { raw: body, headers: { 'content-type': 'application/json; charset=utf-8' }, bearer: tokens.admin }));
    expect(res.status).toBe(201);
    const merge = await callRoute(
      patchGroup,
      apiRequest('/api/v1/groups/grp_acme_web', { method: 'PATCH', raw: JSON.stringify({ rtoTargetMinutes: 45 }), headers: { 'content-type': 'application/merge-patch+json' }, bearer: tokens.admin }),
      { id: 'grp_acme_web' },
    );
    expect(merge.status).toBe(200);
  });
});

describe('booleans are JSON booleans', () => {
  it.each(['true', 'false', 1, 'yes'])('{"down": %j} on a site outage is a 400 naming down', async (down) => {
    const { status, problem } = await refused({ handler: siteOutage, path: '/api/v1/admin/sites/zurich/outage', body: { down }, as: 'staff', params: { id: 'zurich' } });
    expect([status, fieldsOf(problem)]).toEqual([400, ['down']]);
  });

  it('so are the options of a failover', async () => {
    const { status, problem } = await refused({ handler: failover, path: '/api/v1/groups/grp_acme_web/failover', body: { shutdownSource: 'false' }, params: { id: 'grp_acme_web' } });
    expect([status, fieldsOf(problem)]).toEqual([400, ['shutdownSource']]);
  });
});
