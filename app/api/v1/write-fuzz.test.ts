import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { DB } from '@/lib/domain/core/database';
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
 * Every write endpoint with a body, fed arbitrary JSON by an authorised caller: bodies mixing the
 * schema's own field names with any JSON values, bodies of the wrong shape, and text that is not
 * JSON. Never a 5xx; a 4xx is problem+json and changes nothing.
 */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const DOMAIN_TABLES = [
  'tenants', 'vdcs', 'storage_volumes', 'sites', 'site_links', 'outages', 'maintenance_windows', 'vms', 'protection_groups', 'group_members',
  'boot_groups', 'checkpoints', 'operations', 'operation_steps', 'alerts', 'service_requests', 'service_request_comments', 'users',
  'recovery_runs', 'recovery_run_groups', 'recovery_plans', 'webhook_endpoints', 'webhook_deliveries',
  'test_schedules', 'test_drills', 'vm_app_checks', 'app_check_faults',
  'approvals',
];
const PARAMS: Record<string, string> = { id: 'grp_acme_web', vdcId: 'vdc_acme_zurich_recovery', tenantId: 'ten_acme' };
const RESOURCE_IDS: Record<string, string> = { tenants: 'ten_acme', sites: 'london', links: 'london--zurich', users: 'usr_user_acme', groups: 'grp_acme_web' };

const modules = import.meta.glob('./**/route.ts');
let db: DB;
let adminToken: string;
let staffToken: string;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  const expiresAt = new Date(Date.now() + 3600_000);
  adminToken = insertApiToken(db, { userId: 'usr_admin_acme', name: 'fuzz', expiresAt }).token;
  staffToken = insertApiToken(db, { userId: 'usr_staff_calligo', name: 'fuzz', expiresAt }).token;
  RESOURCE_IDS.operations = db.$client.prepare("SELECT id FROM operations WHERE tenant_id = 'ten_acme' LIMIT 1").pluck().get() as string;
  db.$client.prepare("INSERT INTO recovery_runs (id, tenant_id, type, status, tier_delays, options, started_by, started_by_email, started_at) VALUES ('run_fuzz', 'ten_acme', 'test-failover', 'cancelled', '[0]', '{}', 'usr_admin_acme', 'admin@acme.test', ?)").run(Date.now());
  RESOURCE_IDS['recovery-runs'] = 'run_fuzz';
  db.$client.prepare("INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret, enabled, created_by, created_at) VALUES ('whe_fuzz', 'ten_acme', 'https://hooks.example.com/in', '[\"site.down\"]', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 1, 'usr_admin_acme', ?)").run(Date.now());
  RESOURCE_IDS.webhooks = 'whe_fuzz';
  // A pending request of Acme's admin: the fuzzing admin is its requester, so no decision passes.
  db.$client.prepare("INSERT INTO approvals (id, tenant_id, kind, type, group_ids, request, status, requested_by, requested_by_email, requested_by_role, requested_at, expires_at) VALUES ('apr_fuzz', 'ten_acme', 'operation', 'failover', '[\"grp_acme_web\"]', '{\"body\":{}}', 'pending', 'usr_admin_acme', 'admin@acme.test', 'client_admin', ?, ?)").run(Date.now(), Date.now() + 3600_000);
  RESOURCE_IDS.approvals = 'apr_fuzz';
  RESOURCE_IDS['recovery-plans'] = (await createPlan(db, ACME_ADMIN, { name: 'Fuzz plan', tiers: [{ groupIds: ['grp_acme_sql'] }, { groupIds: ['grp_acme_web'] }] })).id;
  RESOURCE_IDS['test-schedules'] = (await createTestSchedule(db, ACME_ADMIN, { groupIds: ['grp_acme_web'], cron: '0 2 * * 0', durationMinutes: 60 })).id;
  RESOURCE_IDS.vms = db.$client.prepare("SELECT id FROM vms WHERE tenant_id = 'ten_acme' LIMIT 1").pluck().get() as string;
  RESOURCE_IDS.requests = (await createServiceRequest(db, ACME_ADMIN, { kind: 'other', priority: 'P3', title: 'Fuzz target', description: 'For the fuzz test' })).id;
});

const digest = () => JSON.stringify(DOMAIN_TABLES.map((t) => db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));

function fieldsOf(schema: z.ZodType | undefined): string[] {
  const s = schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> }; schema?: { shape?: Record<string, unknown> } } } | undefined;
  return Object.keys(s?.shape ?? s?.def?.in?.shape ?? s?.def?.schema?.shape ?? {});
}

const writes = ROUTES.filter((r) => r.method !== 'get' && r.body !== undefined && !r.roles.includes('anonymous'));

async function send(route: RouteDoc, body: { json?: unknown; raw?: string }): Promise<Response> {
  const file = `./${route.path.replace('/api/v1/', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
  const handler = ((await modules[file]()) as Record<string, Parameters<typeof callRoute>[0]>)[route.method.toUpperCase()];
  const resource = /\/([\w-]+)\/\{id\}/.exec(route.path)?.[1] ?? '';
  const params: Record<string, string> = {};
  const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] = name === 'id' ? (RESOURCE_IDS[resource] ?? PARAMS.id) : PARAMS[name]));
  const bearer = route.roles.includes('client_admin') ? adminToken : staffToken;
  return callRoute(handler, apiRequest(url, { method: route.method.toUpperCase(), bearer, ...(body.raw !== undefined ? { raw: body.raw } : { body: body.json }) }), params);
}

describe.each(writes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_, route) => {
  const fields = fieldsOf(route.body);
  const bodies = fc.oneof(
    { weight: 3, arbitrary: fc.dictionary(fields.length ? fc.constantFrom(...fields) : fc.string(), fc.jsonValue(), { maxKeys: 6 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue().map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter((t) => { try { JSON.parse(t); return false; } catch { return true; } }).map((raw) => ({ raw })) },
  );

  it('never answers 5xx, and a 4xx changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const before = digest();
        const res = await send(route, body);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
          expect(digest()).toBe(before);
        }
      }),
      { numRuns: 12, seed: 20261128 },
    );
  });

  it('refuses an oversize body with 413', async () => {
    const res = await send(route, { raw: JSON.stringify({ [fields[0] ?? 'x']: 'x'.repeat(70 * 1024) }) });
    expect(res.status).toBe(413);
  });
});
