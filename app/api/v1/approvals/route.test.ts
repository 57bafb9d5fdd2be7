/**
 * Four-eyes approval over HTTP: the tenant setting, a live failover answering 202
 * awaiting-approval, the requester's own approval refused (403), another admin's approval
 * starting it (200), a second decision 409, a user 403, another tenant 404 — all problem+json.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as failover } from '../groups/[id]/failover/route';
import { POST as testFailover } from '../groups/[id]/test-failover/route';
import { GET as getOperation } from '../operations/[id]/route';
import { GET as getTenant, PATCH as patchTenant } from '../tenant/route';
import { POST as approve } from './[id]/approve/route';
import { POST as reject } from './[id]/reject/route';
import { GET as getOne } from './[id]/route';
import { GET as list } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
let db: DB;
const tokens = { admin: '', admin2: '', user: '', globex: '', staff: '' };
type Who = keyof typeof tokens;

const send = (handler: Parameters<typeof callRoute>[0], path: string, who: Who, method = 'GET', body?: unknown, params: Record<string, string> = {}) =>
  callRoute(handler, apiRequest(path, { method, body, bearer: tokens[who] }), params);

beforeEach(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  for (const [who, id] of [['admin', 'usr_admin_acme'], ['admin2', 'usr_admin2_acme'], ['user', 'usr_user_acme'], ['globex', 'usr_admin_globex'], ['staff', 'usr_staff_calligo']] as const) tokens[who] = issueTestToken(db, id);
  setSimulatorForTests(new FakeSimulator(NOW));
  for (const g of [WEB, 'grp_acme_sql']) writeJournal(db, g, NOW);
});

describe('GET/PATCH /api/v1/tenant', () => {
  it('reads for every role of the tenant; only its client admin changes it; staff name the tenant', async () => {
    expect(await (await send(getTenant, '/api/v1/tenant', 'user')).json()).toMatchObject({ tenantId: 'ten_acme', liveFailoverApproval: false, approvalTimeoutMinutes: 30, providerMayApprove: false });
    expect((await send(getTenant, '/api/v1/tenant?tenantId=ten_acme', 'staff')).status).toBe(200);
    expect((await send(getTenant, '/api/v1/tenant', 'staff')).status).toBe(400);
    expect((await send(patchTenant, '/api/v1/tenant', 'user', 'PATCH', { liveFailoverApproval: true })).status).toBe(403);
    expect((await send(patchTenant, '/api/v1/tenant', 'staff', 'PATCH', { liveFailoverApproval: true })).status).toBe(403);
    const bad = await send(patchTenant, '/api/v1/tenant', 'admin', 'PATCH', { approvalTimeoutMinutes: 0 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'approvalTimeoutMinutes' }] });
    const ok = await send(patchTenant, '/api/v1/tenant', 'admin', 'PATCH', { liveFailoverApproval: true });
    expect(await ok.json()).toMatchObject({ liveFailoverApproval: true });
    expect(await (await send(getTenant, '/api/v1/tenant', 'globex')).json()).toMatchObject({ tenantId: 'ten_globex', liveFailoverApproval: false });
  });
});

describe('a live failover with approval on', () => {
  it('answers 202 awaiting-approval; the requester 403, a user 403, Globex 404; admin2 approves and it starts; then 409', async () => {
    await send(patchTenant, '/api/v1/tenant', 'admin', 'PATCH', { liveFailoverApproval: true });
    const res = await send(failover, `/api/v1/groups/${WEB}/failover`, 'admin', 'POST', { reason: 'Quarterly exercise' }, { id: WEB });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'awaiting-approval', approvalId: expect.stringMatching(/^apr_/), approval: { status: 'pending', groups: [{ id: WEB }] } });
    const id = body.approvalId as string;
    // A test failover is never gated.
    const test = await send(testFailover, '/api/v1/groups/grp_acme_sql/test-failover', 'admin', 'POST', {}, { id: 'grp_acme_sql' });
    expect(test.status).toBe(202);
    expect((await test.json()).type).toBe('test-failover');

    expect((await (await send(list, '/api/v1/approvals', 'user')).json()).items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await (await send(list, '/api/v1/approvals', 'globex')).json()).items).toEqual([]);
    expect((await send(getOne, `/api/v1/approvals/${id}`, 'globex', 'GET', undefined, { id })).status).toBe(404);
    const own = await send(approve, `/api/v1/approvals/${id}/approve`, 'admin', 'POST', {}, { id });
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await send(approve, `/api/v1/approvals/${id}/approve`, 'user', 'POST', {}, { id })).status).toBe(403);
    expect((await send(approve, `/api/v1/approvals/${id}/approve`, 'globex', 'POST', {}, { id })).status).toBe(404);
    expect((await send(approve, `/api/v1/approvals/${id}/approve`, 'staff', 'POST', {}, { id })).status).toBe(403);

    const ok = await send(approve, `/api/v1/approvals/${id}/approve`, 'admin2', 'POST', { comment: 'Go' }, { id });
    expect(ok.status).toBe(200);
    const decided = await ok.json();
    expect(decided).toMatchObject({ status: 'approved', decidedBy: 'admin2@acme.test', comment: 'Go' });
    const op = await (await send(getOperation, `/api/v1/operations/${decided.operationId}`, 'user', 'GET', undefined, { id: decided.operationId })).json();
    expect(op).toMatchObject({ type: 'failover', startedBy: 'admin@acme.test', approvedBy: 'admin2@acme.test', breakGlassReason: null });
    const again = await send(reject, `/api/v1/approvals/${id}/reject`, 'admin2', 'POST', {}, { id });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ status: 409, detail: expect.stringContaining('already decided') });
  });

  it('break glass without a reason is 400; with one it starts at once (202 with the operation, marked)', async () => {
    await send(patchTenant, '/api/v1/tenant', 'admin', 'PATCH', { liveFailoverApproval: true });
    const bad = await send(failover, `/api/v1/groups/${WEB}/failover`, 'admin', 'POST', { breakGlass: true }, { id: WEB });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const res = await send(failover, `/api/v1/groups/${WEB}/failover`, 'admin', 'POST', { breakGlass: true, reason: 'Approver unreachable, site lost' }, { id: WEB });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ type: 'failover', breakGlassReason: 'Approver unreachable, site lost' });
  });
});
