/**
 * The recovery-run endpoints over HTTP: 202 with the run, 422 problem+json listing each failed
 * check with its group, 409 naming the busy group, 400 naming the field, 403 for a user, 404
 * for another tenant, staff acting for a tenant with ?tenantId=.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { sites } from '@/db/schema';
import type { DB } from '@/lib/domain/core/database';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { advanceRecoveryRuns } from '@/lib/domain/recovery/run-driver';
import { POST as commit } from './[id]/commit/route';
import { GET as getOne } from './[id]/route';
import { POST as preflight } from './preflight/route';
import { GET as list, POST as start } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
let db: DB;
let sim: FakeSimulator;
const tokens = { admin: '', user: '', globex: '', staff: '' };
type Who = keyof typeof tokens;

const send = (handler: Parameters<typeof callRoute>[0], path: string, who: Who, body?: unknown, params: Record<string, string> = {}) =>
  callRoute(handler, apiRequest(path, { method: body === undefined ? 'GET' : 'POST', body, bearer: tokens[who] }), params);

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  for (const [who, id] of [['admin', 'usr_admin_acme'], ['user', 'usr_user_acme'], ['globex', 'usr_admin_globex'], ['staff', 'usr_staff_calligo']] as const) tokens[who] = issueTestToken(db, id);
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  for (const g of ['grp_acme_web', 'grp_acme_sql', 'grp_acme_file']) writeJournal(db, g, NOW);
  db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
});

describe('POST /api/v1/recovery-runs', () => {
  it('202 with the run for a client admin; the user gets 403 and nothing starts', async () => {
    const denied = await send(start, '/api/v1/recovery-runs', 'user', { type: 'failover', sourceSiteId: 'london' });
    expect(denied.status).toBe(403);
    const res = await send(start, '/api/v1/recovery-runs', 'admin', { type: 'failover', sourceSiteId: 'london' });
    expect(res.status).toBe(202);
    const run = await res.json();
    expect(run.groups.map((g: { groupId: string; operationId: string | null }) => [g.groupId, !!g.operationId])).toEqual([['grp_acme_web', true], ['grp_acme_sql', true]]);

    expect((await send(getOne, `/api/v1/recovery-runs/${run.id}`, 'user', undefined, { id: run.id })).status).toBe(200);
    expect((await send(getOne, `/api/v1/recovery-runs/${run.id}`, 'globex', undefined, { id: run.id })).status).toBe(404);
    expect((await send(commit, `/api/v1/recovery-runs/${run.id}/commit`, 'globex', {}, { id: run.id })).status).toBe(404);
    expect((await (await send(list, '/api/v1/recovery-runs', 'globex')).json()).items).toEqual([]);

    // Both up (SQL at 481 s), then commit all.
    sim.nowMs = NOW + 500_000;
    advanceOpenOperations(db, sim.nowMs, sim);
    advanceRecoveryRuns(db, sim.nowMs, sim);
    const decided = await send(commit, `/api/v1/recovery-runs/${run.id}/commit`, 'admin', {}, { id: run.id });
    expect(decided.status).toBe(200);
    expect((await decided.json()).results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);

    const busy = await send(start, '/api/v1/recovery-runs', 'admin', { type: 'test-failover', groupIds: ['grp_acme_web'] });
    expect(busy.status).toBe(409);
    expect(busy.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await busy.json()).groups[0].groupId).toBe('grp_acme_web');
  });

  it('422 problem+json lists each failed check with its group', async () => {
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'guernsey')).run();
    const res = await send(start, '/api/v1/recovery-runs', 'admin', { type: 'failover', groupIds: ['grp_acme_web', 'grp_acme_file'] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await res.json()).checks).toEqual([{ groupId: 'grp_acme_file', groupName: 'File and backup', check: 'target-site', message: 'File and backup: Target site Guernsey is offline. Recover it once its recovery site is back, or leave the group out.' }]);
    const review = await send(preflight, '/api/v1/recovery-runs/preflight', 'admin', { type: 'failover', groupIds: ['grp_acme_web', 'grp_acme_file'] });
    expect(review.status).toBe(200);
    expect((await review.json()).ok).toBe(false);
  });

  it('400 names the field; staff must name the tenant to act for', async () => {
    const bad = await send(start, '/api/v1/recovery-runs', 'admin', { type: 'failover', groupIds: 'grp_acme_web' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: 'groupIds', message: 'groupIds must be a list of group ids.' }]);
    const noTenant = await send(start, '/api/v1/recovery-runs', 'staff', { type: 'failover', sourceSiteId: 'london' });
    expect(noTenant.status).toBe(400);
    expect((await noTenant.json()).errors[0].field).toBe('tenantId');
    const forAcme = await send(start, '/api/v1/recovery-runs?tenantId=ten_acme', 'staff', { type: 'failover', sourceSiteId: 'london' });
    expect(forAcme.status).toBe(202);
    expect(await forAcme.json()).toMatchObject({ tenantId: 'ten_acme', actingAsStaff: true });
  });
});
