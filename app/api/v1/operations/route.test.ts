/**
 * The operations endpoints, by every role: anonymous 401, user 403 on actions, another
 * tenant 404 (before the body is even read), client_admin and staff allowed.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { apiRequest, callRoute, serveTestDb, issueTestToken } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as failback } from '../groups/[id]/failback/route';
import { POST as failover } from '../groups/[id]/failover/route';
import { POST as move } from '../groups/[id]/move/route';
import { GET as preflight } from '../groups/[id]/preflight/route';
import { POST as testFailover } from '../groups/[id]/test-failover/route';
import { POST as commit } from './[id]/commit/route';
import { POST as rollback } from './[id]/rollback/route';
import { GET as getOne } from './[id]/route';
import { POST as stopTest } from './[id]/stop-test/route';
import { GET as list } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
const FILE = 'grp_acme_file';
let db: DB;
let sim: FakeSimulator;
const tokens: Record<'admin' | 'user' | 'globex' | 'staff', string> = { admin: '', user: '', globex: '', staff: '' };

type Handler = Parameters<typeof callRoute>[0];
type Who = keyof typeof tokens | 'anonymous';

function call(handler: Handler, path: string, who: Who, params: Record<string, string>, init: { method?: string; body?: unknown; raw?: string } = {}) {
  const bearer = who === 'anonymous' ? undefined : tokens[who];
  return callRoute(handler, apiRequest(path, { ...init, bearer }), params);
}
const post = (handler: Handler, path: string, who: Who, id: string, body: unknown = {}) => call(handler, path, who, { id }, { method: 'POST', body });
const tick = (seconds: number) => {
  sim.nowMs += seconds * 1000;
  advanceOpenOperations(db, sim.nowMs, sim);
};

beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  const issue = (userId: string) => issueTestToken(db, userId);
  tokens.admin = issue('usr_admin_acme');
  tokens.user = issue('usr_user_acme');
  tokens.globex = issue('usr_admin_globex');
  tokens.staff = issue('usr_staff_calligo');
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  for (const g of [WEB, FILE, 'grp_acme_sql', 'grp_globex_erp', 'grp_globex_web']) writeJournal(db, g, NOW);
});
beforeEach(() => {
  sim.nowMs += 3600_000; // each test starts after the previous one's operations have ended
  advanceOpenOperations(db, sim.nowMs, sim);
});

describe('starting operations', () => {
  const starts: [string, Handler][] = [['test-failover', testFailover], ['failover', failover], ['move', move], ['failback', failback]];

  it.each(starts)('POST /groups/{id}/%s: 401 anonymous, 403 user, 404 other tenant — whatever the body', async (name, handler) => {
    const path = `/api/v1/groups/${WEB}/${name}`;
    const bad = { method: 'POST', raw: '{not json' };
    expect((await call(handler, path, 'anonymous', { id: WEB }, bad)).status).toBe(401);
    expect((await call(handler, path, 'user', { id: WEB }, bad)).status).toBe(403);
    expect((await call(handler, path, 'globex', { id: WEB }, bad)).status).toBe(404);
    const malformed = await call(handler, path, 'admin', { id: WEB }, bad);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a client_admin starts a test failover: 202 with the operation, then stops it', async () => {
    const res = await post(testFailover, `/api/v1/groups/${WEB}/test-failover`, 'admin', WEB, {});
    expect(res.status).toBe(202);
    const op = await res.json();
    expect(op).toMatchObject({ groupId: WEB, type: 'test-failover', status: 'running', startedBy: 'admin@acme.test', progress: expect.any(Number) });
    expect(op.steps[0]).toMatchObject({ name: 'Pre-flight checks', status: 'completed', startedAt: new Date(sim.nowMs).toISOString() });

    const path = `/api/v1/operations/${op.id}/stop-test`;
    expect((await post(stopTest, path, 'admin', op.id, { result: 'passed' })).status).toBe(409); // VMs not up yet
    tick(600);
    expect((await post(stopTest, path, 'anonymous', op.id, { result: 'passed' })).status).toBe(401);
    expect((await post(stopTest, path, 'user', op.id, { result: 'passed' })).status).toBe(403);
    expect((await post(stopTest, path, 'globex', op.id, { result: 'passed' })).status).toBe(404);
    expect((await post(stopTest, path, 'admin', op.id, { result: 'maybe' })).status).toBe(400);
    const stopped = await post(stopTest, path, 'admin', op.id, { result: 'failed', notes: 'DNS did not resolve' });
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toMatchObject({ result: 'failed', notes: 'DNS did not resolve' });
  });

  it('refuses with 422 listing the failed checks', async () => {
    const res = await post(failback, `/api/v1/groups/${WEB}/failback`, 'admin', WEB, {});
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ status: 422, title: 'Pre-flight checks failed', checks: [{ check: 'group-state', message: expect.any(String) }] });
  });

  it('ten simultaneous requests: one 202, nine 409', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(testFailover, `/api/v1/groups/${FILE}/test-failover`, 'admin', FILE, {})));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([202, ...Array(9).fill(409)]);
    const conflict = await responses.find((r) => r.status === 409)!.json();
    expect(conflict).toMatchObject({ status: 409, title: 'Conflict', openOperationId: expect.any(String) });
  });

  it('staff act on a tenant group', async () => {
    const res = await post(testFailover, `/api/v1/groups/grp_globex_web/test-failover`, 'staff', 'grp_globex_web', {});
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ startedBy: 'staff@calligo.test', actingAsStaff: true });
  });
});

describe('live failover, commit and rollback', () => {
  it('commit and rollback: 401/403/404, 409 unless awaiting commit, 200 for the admin', async () => {
    const started = await post(failover, `/api/v1/groups/${WEB}/failover`, 'admin', WEB, { reverseProtection: false, commitPolicy: 'manual' });
    expect(started.status).toBe(202);
    const op = await started.json();
    for (const [handler, action] of [[commit, 'commit'], [rollback, 'rollback']] as const) {
      const path = `/api/v1/operations/${op.id}/${action}`;
      expect((await post(handler, path, 'anonymous', op.id)).status).toBe(401);
      expect((await post(handler, path, 'user', op.id)).status).toBe(403);
      expect((await post(handler, path, 'globex', op.id)).status).toBe(404);
      expect((await post(handler, path, 'admin', op.id)).status).toBe(409);
    }
    tick(600);
    const rolled = await post(rollback, `/api/v1/operations/${op.id}/rollback`, 'admin', op.id);
    expect(rolled.status).toBe(200);
    tick(60);
    expect(await (await call(getOne, `/api/v1/operations/${op.id}`, 'user', { id: op.id })).json()).toMatchObject({ status: 'rolled-back' });

    const second = await (await post(failover, `/api/v1/groups/${WEB}/failover`, 'admin', WEB, {})).json();
    tick(600);
    const committed = await post(commit, `/api/v1/operations/${second.id}/commit`, 'admin', second.id);
    expect(committed.status).toBe(200);
    expect((await post(stopTest, `/api/v1/operations/${second.id}/stop-test`, 'admin', second.id, { result: 'passed' })).status).toBe(409);
  });

  it('a move answers 202 with no data loss', async () => {
    const res = await post(move, `/api/v1/groups/grp_globex_erp/move`, 'globex', 'grp_globex_erp', {});
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ type: 'move', dataLossSeconds: 0 });
  });
});

describe('reads', () => {
  it('GET /groups/{id}/preflight: 401, 403 user, 404 other tenant, 400 without type, 200 with each check', async () => {
    const path = `/api/v1/groups/grp_acme_sql/preflight?type=test-failover`;
    const get = (who: Who, p = path) => call(preflight, p, who, { id: 'grp_acme_sql' });
    expect((await get('anonymous')).status).toBe(401);
    expect((await get('user')).status).toBe(403);
    expect((await get('globex')).status).toBe(404);
    expect((await get('admin', '/api/v1/groups/grp_acme_sql/preflight')).status).toBe(400);
    const res = await get('admin');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'test-failover', fromSiteId: 'london', toSiteId: 'jersey', checkpoint: { id: expect.any(String) } });
    expect(body.checks.map((c: { check: string }) => c.check)).toEqual(['group-state', 'no-open-operation', 'members', 'synced', 'target-site', 'source-site', 'capacity', 'checkpoint']);
  });

  it('GET /operations and /operations/{id}: every role reads its own tenant only', async () => {
    expect((await call(list, '/api/v1/operations', 'anonymous', {})).status).toBe(401);
    const acme = await (await call(list, '/api/v1/operations?limit=200', 'user', {})).json();
    expect(acme.items.length).toBeGreaterThan(0);
    expect(acme.items.every((o: { tenantId: string }) => o.tenantId === 'ten_acme')).toBe(true);
    const globex = await (await call(list, '/api/v1/operations', 'globex', {})).json();
    expect(globex.items.every((o: { tenantId: string }) => o.tenantId === 'ten_globex')).toBe(true);
    const staff = await (await call(list, '/api/v1/operations?tenantId=ten_globex', 'staff', {})).json();
    expect(staff.items.map((o: { id: string }) => o.id)).toEqual(globex.items.map((o: { id: string }) => o.id));
    expect((await call(list, '/api/v1/operations?limit=0', 'user', {})).status).toBe(400);

    const id = acme.items[0].id;
    expect((await call(getOne, `/api/v1/operations/${id}`, 'anonymous', { id })).status).toBe(401);
    expect((await call(getOne, `/api/v1/operations/${id}`, 'globex', { id })).status).toBe(404);
    expect((await call(getOne, `/api/v1/operations/${id}`, 'staff', { id })).status).toBe(200);
    const one = await (await call(getOne, `/api/v1/operations/${id}`, 'user', { id })).json();
    expect(Object.keys(one)).toEqual(expect.arrayContaining([
      'id', 'groupId', 'groupName', 'type', 'status', 'checkpointId', 'checkpointTime', 'dataLossSeconds', 'steps', 'startedBy',
      'startedAt', 'finishedAt', 'rtoSeconds', 'rtoTargetMinutes', 'result', 'notes', 'commitDeadline', 'progress',
    ]));
  });
});
