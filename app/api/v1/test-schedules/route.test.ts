/**
 * The test-schedule endpoints by role: anonymous 401, user 403 on writes, another tenant 404,
 * staff name the tenant; bad input is a 400 problem naming the field (cron above all); the
 * operation's application checks and the staff's fault injection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { DELETE as deleteOne, GET as getOne, PATCH as patchOne } from './[id]/route';
import { GET as list, POST as create } from './route';
import { DELETE as clearFaults, POST as injectFault } from '../vms/[id]/check-faults/route';
import { GET as vmChecks } from '../vms/[id]/app-checks/route';
import { GET as opChecks } from '../operations/[id]/app-checks/route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

type Who = 'anonymous' | 'admin' | 'user' | 'globex' | 'staff';
type Handler = Parameters<typeof callRoute>[0];
let db: DB;
const tokens = {} as Record<Exclude<Who, 'anonymous'>, string>;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.globex = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

function call(handler: Handler, path: string, who: Who, init: { method?: string; body?: unknown; raw?: string } = {}, params: Record<string, string> = {}) {
  return callRoute(handler, apiRequest(path, { ...init, bearer: who === 'anonymous' ? undefined : tokens[who] }), params);
}
const valid = { groupIds: ['grp_acme_web'], cron: '0 2 * * 0', durationMinutes: 60 };
const count = () => db.$client.prepare('SELECT count(*) FROM test_schedules').pluck().get() as number;

describe('/test-schedules', () => {
  it('a client admin creates (201), lists and reads; the next three runs are shown', async () => {
    const res = await call(create, '/api/v1/test-schedules', 'admin', { method: 'POST', body: { ...valid, name: 'Weekly web drill', checkpoint: 'latest-app' } });
    expect(res.status).toBe(201);
    const s = await res.json();
    expect(s).toMatchObject({ name: 'Weekly web drill', tenantId: 'ten_acme', cronText: 'At 02:00 UTC on Sunday', checkpoint: 'latest-app', paused: false, lastDrill: null });
    expect(s.nextRuns).toHaveLength(3);
    const items = (await (await call(list, '/api/v1/test-schedules', 'user')).json()).items;
    expect(items.map((i: { id: string }) => i.id)).toContain(s.id);
    expect((await call(getOne, `/api/v1/test-schedules/${s.id}`, 'user', {}, { id: s.id })).status).toBe(200);
    expect((await call(getOne, `/api/v1/test-schedules/${s.id}`, 'globex', {}, { id: s.id })).status).toBe(404);
    expect((await (await call(list, '/api/v1/test-schedules', 'globex')).json()).items).toEqual([]);
  });

  it('refuses anonymous 401 and user 403; another tenant\'s group is 404; nothing is stored', async () => {
    const before = count();
    expect((await call(create, '/api/v1/test-schedules', 'anonymous', { method: 'POST', body: valid })).status).toBe(401);
    const forbidden = await call(create, '/api/v1/test-schedules', 'user', { method: 'POST', body: valid });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(create, '/api/v1/test-schedules', 'globex', { method: 'POST', body: valid })).status).toBe(404);
    expect(count()).toBe(before);
  });

  it('bad input is a 400 naming the field: cron, durationMinutes, groupIds', async () => {
    for (const [body, field] of [
      [{ ...valid, cron: '0 2 * *' }, 'cron'],
      [{ ...valid, cron: 'bogus cron expression here' }, 'cron'],
      [{ ...valid, durationMinutes: 'long' }, 'durationMinutes'],
      [{ cron: valid.cron, durationMinutes: 60 }, 'groupIds'],
    ] as const) {
      const res = await call(create, '/api/v1/test-schedules', 'admin', { method: 'POST', body });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('staff create with ?tenantId=; pause and resume; delete (204) then 404', async () => {
    expect((await call(create, '/api/v1/test-schedules', 'staff', { method: 'POST', body: valid })).status).toBe(400);
    const res = await call(create, '/api/v1/test-schedules?tenantId=ten_acme', 'staff', { method: 'POST', body: valid });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const paused = await call(patchOne, `/api/v1/test-schedules/${id}`, 'admin', { method: 'PATCH', body: { paused: true } }, { id });
    expect(await paused.json()).toMatchObject({ paused: true, nextRuns: [] });
    expect((await call(patchOne, `/api/v1/test-schedules/${id}`, 'user', { method: 'PATCH', body: { paused: false } }, { id })).status).toBe(403);
    expect((await call(patchOne, `/api/v1/test-schedules/${id}`, 'globex', { method: 'PATCH', body: { paused: false } }, { id })).status).toBe(404);
    expect((await call(deleteOne, `/api/v1/test-schedules/${id}`, 'globex', { method: 'DELETE' }, { id })).status).toBe(404);
    expect((await call(deleteOne, `/api/v1/test-schedules/${id}`, 'admin', { method: 'DELETE' }, { id })).status).toBe(204);
    expect((await call(getOne, `/api/v1/test-schedules/${id}`, 'admin', {}, { id })).status).toBe(404);
  });
});

describe('application checks and fault injection', () => {
  it('anyone of the tenant reads a VM\'s checks; only staff force them to fail, audited; another tenant 404', async () => {
    const vmId = db.$client.prepare("SELECT id FROM vms WHERE name = 'acme-web-01'").pluck().get() as string;
    const read = await call(vmChecks, `/api/v1/vms/${vmId}/app-checks`, 'user', {}, { id: vmId });
    expect(read.status).toBe(200);
    expect((await read.json()).checks.map((c: { kind: string; forced: boolean }) => [c.kind, c.forced])).toEqual([['heartbeat', false], ['http-status', false]]);
    expect((await call(vmChecks, `/api/v1/vms/${vmId}/app-checks`, 'globex', {}, { id: vmId })).status).toBe(404);
    expect((await call(injectFault, `/api/v1/vms/${vmId}/check-faults`, 'admin', { method: 'POST', body: {} }, { id: vmId })).status).toBe(403);
    const bad = await call(injectFault, `/api/v1/vms/${vmId}/check-faults`, 'staff', { method: 'POST', body: { checkId: 'chk_nope' } }, { id: vmId });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('checkId');
    const forced = await call(injectFault, `/api/v1/vms/${vmId}/check-faults`, 'staff', { method: 'POST', body: { reason: 'demo' } }, { id: vmId });
    expect(forced.status).toBe(201);
    expect((await forced.json()).checks[0].forced).toBe(true);
    const cleared = await call(clearFaults, `/api/v1/vms/${vmId}/check-faults`, 'staff', { method: 'DELETE' }, { id: vmId });
    expect((await cleared.json()).faults).toEqual([]);
    const audits = db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'app-check.%' ORDER BY id").pluck().all();
    expect(audits).toEqual(['app-check.fault-inject', 'app-check.fault-clear']);
  });

  it('an operation\'s checks: the seeded past tests show theirs; another tenant 404', async () => {
    const opId = db.$client.prepare("SELECT id FROM operations WHERE tenant_id = 'ten_acme' AND type = 'test-failover' LIMIT 1").pluck().get() as string;
    const res = await call(opChecks, `/api/v1/operations/${opId}/app-checks`, 'user', {}, { id: opId });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ operationId: opId, drill: null, recorded: false });
    expect(body.checks.length).toBeGreaterThan(0);
    expect((await call(opChecks, `/api/v1/operations/${opId}/app-checks`, 'globex', {}, { id: opId })).status).toBe(404);
  });
});
