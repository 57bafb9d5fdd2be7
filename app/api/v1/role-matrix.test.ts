import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { DB } from '@/lib/domain/core/database';
import { alerts } from '@/db/schema';
import { ROUTES, type RouteDoc } from '@/lib/api/openapi-routes';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { createServiceRequest } from '@/lib/domain/staff/service-requests';
import { createPlan } from '@/lib/domain/recovery/plans';
import { createTestSchedule } from '@/lib/domain/drills/schedules';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { ACME_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';

/**
 * Every documented endpoint (lib/api/openapi-routes.ts, itself checked against every route.ts by
 * lib/api/openapi.test.ts) × every kind of caller, derived from the roles each endpoint names:
 * anonymous → 401; a role the endpoint does not name → 403 with a 'denied' audit entry; Globex's
 * administrator naming an Acme resource → 404; the others pass authorisation. Every refused
 * call leaves the domain tables exactly as they were.
 *
 * Allowed writes never change anything here either: a body gets a wrong type in every field
 * (→ 400 after authorisation) and a body-less write names an id that does not exist (→ 404).
 * The dedicated tests of each resource cover the successful writes.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

type Caller = 'anonymous' | 'user' | 'admin' | 'otherAdmin' | 'staff';
const CALLERS: Caller[] = ['anonymous', 'user', 'admin', 'otherAdmin', 'staff'];
const ROLE_OF = { user: 'user', admin: 'client_admin', otherAdmin: 'client_admin', staff: 'staff' } as const;
const USER_IDS = { user: 'usr_user_acme', admin: 'usr_admin_acme', otherAdmin: 'usr_admin_globex', staff: 'usr_staff_calligo' } as const;
/** Path parameters that name a tenant's resource: another tenant's caller must get 404. */
const TENANT_SCOPED = ['/groups/{id}', '/operations/{id}', '/recovery-runs/{id}', '/alerts/{id}', '/requests/{id}', '/tokens/{id}', '/users/{id}', '/recovery-plans/{id}', '/webhooks/{id}', '/test-schedules/{id}', '/vms/{id}', '/approvals/{id}'];
/** Tables whose rows a refused call must not touch (the audit trail grows on purpose; tokens record their use). */
const DOMAIN_TABLES = [
  'tenants', 'vdcs', 'storage_volumes', 'sites', 'site_links', 'outages', 'maintenance_windows', 'vms', 'protection_groups', 'group_members',
  'boot_groups', 'checkpoints', 'operations', 'operation_steps', 'alerts', 'service_requests', 'service_request_comments', 'users',
  'recovery_runs', 'recovery_run_groups', 'recovery_plans', 'webhook_endpoints', 'webhook_deliveries', 'notification_preferences',
  'test_schedules', 'test_drills', 'vm_app_checks', 'app_check_faults',
  'approvals',
];

const modules = import.meta.glob('./**/route.ts');
let db: DB;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  const expiresAt = new Date(Date.now() + 3600_000);
  for (const caller of ['user', 'admin', 'otherAdmin', 'staff'] as const) tokens[caller] = insertApiToken(db, { userId: USER_IDS[caller], name: 'matrix', expiresAt }).token;
  db.insert(alerts).values({ id: 'al_matrix', tenantId: 'ten_acme', groupId: 'grp_acme_web', code: 'rpo-warning', level: 'warning', message: 'RPO near target', raisedAt: new Date() }).run();
  const request = await createServiceRequest(db, ACME_ADMIN, { kind: 'other', priority: 'P3', title: 'Matrix request', description: 'For the role matrix' });
  const acmeToken = insertApiToken(db, { userId: 'usr_admin_acme', name: 'acme script', expiresAt });
  // A finished run of Acme's: the run paths' real id (resource "recovery-runs").
  db.$client.prepare("INSERT INTO recovery_runs (id, tenant_id, type, status, tier_delays, options, started_by, started_by_email, started_at) VALUES ('run_matrix', 'ten_acme', 'test-failover', 'cancelled', '[0]', '{}', 'usr_admin_acme', 'admin@acme.test', ?)").run(Date.now());
  const plan = await createPlan(db, ACME_ADMIN, { name: 'Matrix plan', tiers: [{ groupIds: ['grp_acme_sql'] }, { groupIds: ['grp_acme_web'] }] });
  // An Acme webhook endpoint with one delivery, written directly (creating one resolves its URL).
  db.$client.prepare("INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret, enabled, created_by, created_at) VALUES ('whe_matrix', 'ten_acme', 'https://hooks.example.com/in', '[\"site.down\"]', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 1, 'usr_admin_acme', ?)").run(Date.now());
  db.$client.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, message_id, event_type, payload, attempt, status, first_attempt_at, created_at) VALUES ('whd_matrix', 'whe_matrix', 'msg_matrix', 'site.down', '{}', 1, 'failed', ?, ?)").run(Date.now(), Date.now());
  // A pending request of Acme's admin (the approval paths' real id: their own, so no decision passes here).
  db.$client.prepare("INSERT INTO approvals (id, tenant_id, kind, type, group_ids, request, status, requested_by, requested_by_email, requested_by_role, requested_at, expires_at) VALUES ('apr_matrix', 'ten_acme', 'operation', 'failover', '[\"grp_acme_web\"]', '{\"body\":{}}', 'pending', 'usr_admin_acme', 'admin@acme.test', 'client_admin', ?, ?)").run(Date.now(), Date.now() + 3600_000);
  Object.assign(ids, {
    approval: 'apr_matrix',
    'recovery-run': 'run_matrix',
    webhook: 'whe_matrix',
    group: 'grp_acme_web',
    operation: db.$client.prepare("SELECT id FROM operations WHERE tenant_id = 'ten_acme' LIMIT 1").pluck().get() as string,
    alert: 'al_matrix',
    request: request.id,
    token: db.$client.prepare('SELECT id FROM api_tokens WHERE token_hash = (SELECT token_hash FROM api_tokens WHERE prefix = ?)').pluck().get(acmeToken.token.slice(0, 9)) as string,
    user: 'usr_user_acme',
    'recovery-plan': plan.id,
    'test-schedule': (await createTestSchedule(db, ACME_ADMIN, { groupIds: ['grp_acme_web'], cron: '0 2 * * 0', durationMinutes: 60 })).id,
    vm: db.$client.prepare("SELECT id FROM vms WHERE tenant_id = 'ten_acme' LIMIT 1").pluck().get() as string,
  });
});

/** The real id of an Acme resource for each path parameter, or a missing one. */
function pathFor(route: RouteDoc, missing: boolean): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const resource = /\/([\w-]+)\/\{id\}/.exec(route.path)?.[1] ?? '';
    let value: string;
    if (missing) value = `zz_missing_${name}`;
    else if (name === 'vdcId') value = 'vdc_acme_zurich_recovery';
    else if (resource === 'tenants') value = 'ten_acme';
    else if (resource === 'sites') value = 'london';
    else if (resource === 'links') value = 'london--zurich';
    else if (resource === 'maintenance-windows') value = 'mw_missing';
    else value = ids[resource.replace(/s$/, '')] ?? `zz_unknown_${resource}`;
    params[name] = value;
    return value;
  });
  return { url, params };
}

/** A body whose every field has the wrong type: valid JSON, refused by the schema. */
function wrongBody(schema: z.ZodType | undefined): Record<string, unknown> {
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> }; schema?: { shape?: Record<string, unknown> } } } | undefined);
  const keys = Object.keys(shape?.shape ?? shape?.def?.in?.shape ?? shape?.def?.schema?.shape ?? {});
  return Object.fromEntries((keys.length ? keys : ['value']).map((k) => [k, [{ wrong: true }]]));
}

/** A bearer token cannot mint tokens (a leaked one could keep itself alive) nor change the password: sessions only. */
const SESSION_ONLY = ['post /api/v1/tokens', 'put /api/v1/me/password', 'post /api/v1/me/totp', 'put /api/v1/me/totp', 'delete /api/v1/me/totp', 'post /api/v1/me/totp/recovery-codes'];

function expected(route: RouteDoc, caller: Caller): 'allowed' | 401 | 403 | 404 {
  if (route.roles.includes('anonymous')) return 'allowed';
  if (caller === 'anonymous') return 401;
  if (SESSION_ONLY.includes(`${route.method} ${route.path}`)) return 403;
  if (!route.roles.includes(ROLE_OF[caller])) return 403;
  if (caller === 'otherAdmin' && TENANT_SCOPED.some((p) => route.path.includes(p))) return 404;
  return 'allowed';
}

const digest = () => JSON.stringify(DOMAIN_TABLES.map((t) => db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
// Repeated refusals within a minute are one entry with a count (lib/core/audit.ts): count them all.
const denials = () => db.$client.prepare("SELECT coalesce(sum(count), 0) FROM audit_log WHERE outcome = 'denied'").pluck().get() as number;

async function call(route: RouteDoc, caller: Caller, missingIds: boolean): Promise<Response> {
  const file = `./${route.path.replace('/api/v1/', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
  const load = modules[file];
  if (!load) throw new Error(`no route module ${file}`);
  const handler = ((await load()) as Record<string, Parameters<typeof callRoute>[0]>)[route.method.toUpperCase()];
  const { url, params } = pathFor(route, missingIds);
  const hasBody = route.method !== 'get' && route.body !== undefined;
  let bearer = caller === 'anonymous' ? undefined : tokens[caller];
  // Revoking the presented token: use a throwaway one so the caller keeps theirs.
  if (bearer && route.method === 'delete' && route.path === '/api/v1/auth/token') bearer = insertApiToken(db, { userId: USER_IDS[caller as Exclude<Caller, 'anonymous'>], name: 'throwaway', expiresAt: new Date(Date.now() + 60_000) }).token;
  const req = apiRequest(url, { method: route.method.toUpperCase(), bearer, ...(hasBody ? { body: wrongBody(route.body) } : {}) });
  return callRoute(handler, req, params);
}

describe.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_, route) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const want = expected(route, caller);
    const before = digest();
    const deniedBefore = denials();
    // Allowed body-less writes name a missing resource so that nothing changes.
    const bodylessWrite = route.method !== 'get' && route.body === undefined && route.path.includes('{');
    const res = await call(route, caller, want === 'allowed' && bodylessWrite);
    // The live stream never ends: close it rather than read it to the end.
    const stream = res.headers.get('content-type')?.includes('text/event-stream');
    if (stream) await res.body?.cancel();
    const body = res.status === 204 || stream ? null : await res.json().catch(() => null);
    if (want === 'allowed') {
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect([401, 403]).not.toContain(res.status);
      if (route.method === 'get') expect([200, 400]).toContain(res.status);
      return;
    }
    expect(res.status, JSON.stringify(body)).toBe(want);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(body).toMatchObject({ status: want });
    expect(digest()).toBe(before);
    if (want === 403) expect(denials()).toBeGreaterThan(deniedBefore);
  });
});
