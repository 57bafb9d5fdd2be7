import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { apiRequest, callRoute, serveTestDb, issueTestToken } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET as list, POST as create } from './route';
import { GET as getOne, PATCH as patch } from './[id]/route';
import { GET as listComments, POST as comment } from './[id]/comments/route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const t: Record<'user' | 'admin' | 'globex' | 'staff', string> = { user: '', admin: '', globex: '', staff: '' };

beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  const issue = (userId: string) => issueTestToken(db, userId);
  t.user = issue('usr_user_acme');
  t.admin = issue('usr_admin_acme');
  t.globex = issue('usr_admin_globex');
  t.staff = issue('usr_staff_calligo');
});

const grow = { kind: 'grow-resources', priority: 'P2', title: 'More storage', description: 'Archive growth', vdcId: 'vdc_acme_jersey_production', change: { storageGb: 1000 } };

describe('/api/v1/requests', () => {
  it('follows a request from client to resolution', async () => {
    expect((await callRoute(create, apiRequest('/api/v1/requests', { body: grow }))).status).toBe(401);
    expect((await callRoute(create, apiRequest('/api/v1/requests', { body: grow, bearer: t.user }))).status).toBe(403);

    const res = await callRoute(create, apiRequest('/api/v1/requests', { body: grow, bearer: t.admin }));
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(new Date(r.respondBy).getTime() - new Date(r.createdAt).getTime()).toBe(4 * 3600_000);

    const mine = await (await callRoute(list, apiRequest('/api/v1/requests', { bearer: t.user }))).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const theirs = await (await callRoute(list, apiRequest('/api/v1/requests', { bearer: t.globex }))).json();
    expect(theirs.items).toEqual([]);
    expect((await callRoute(getOne, apiRequest(`/api/v1/requests/${r.id}`, { bearer: t.globex }), { id: r.id })).status).toBe(404);

    // Clients may not work the queue.
    const selfResolve = await callRoute(patch, apiRequest(`/api/v1/requests/${r.id}`, { method: 'PATCH', body: { status: 'resolved' }, bearer: t.admin }), { id: r.id });
    expect(selfResolve.status).toBe(403);

    const c = await callRoute(comment, apiRequest(`/api/v1/requests/${r.id}/comments`, { body: { body: 'On it' }, bearer: t.staff }), { id: r.id });
    expect(c.status).toBe(201);
    const resolved = await callRoute(patch, apiRequest(`/api/v1/requests/${r.id}`, { method: 'PATCH', body: { assignedTo: 'usr_staff_calligo', status: 'resolved' }, bearer: t.staff }), { id: r.id });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: 'resolved', assignedToEmail: 'staff@calligo.test', respondedAt: expect.any(String) });

    const comments = await (await callRoute(listComments, apiRequest(`/api/v1/requests/${r.id}/comments`, { bearer: t.user }), { id: r.id })).json();
    expect(comments.items.map((x: { body: string }) => x.body)).toEqual(['On it']);
    expect((await callRoute(comment, apiRequest(`/api/v1/requests/${r.id}/comments`, { body: { body: 'hi' }, bearer: t.user }), { id: r.id })).status).toBe(403);
  });

  it('400 names the invalid fields', async () => {
    const res = await callRoute(create, apiRequest('/api/v1/requests', { body: { ...grow, priority: 'P9', change: { storageGb: -5 } }, bearer: t.admin }));
    expect(res.status).toBe(400);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['change.storageGb', 'priority']);
  });
});
