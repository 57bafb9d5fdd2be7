/**
 * PUT /api/v1/admin/pricing/{tenantId} by every role: staff set the prices (audited); client
 * administrators and users 403; an unknown tenant 404; bad prices 400 naming the field.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db/client';
import { auditLog } from '@/db/schema';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { PUT } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens: Record<'admin' | 'user' | 'staff', string> = { admin: '', user: '', staff: '' };
const put = (tenantId: string, who: keyof typeof tokens | 'anonymous', body: unknown) =>
  callRoute(PUT, apiRequest(`/api/v1/admin/pricing/${tenantId}`, { method: 'PUT', bearer: who === 'anonymous' ? undefined : tokens[who], body }), { tenantId });
const prices = { vcpuGhz: 1200, memoryGb: 450, storageGb: 12 };

beforeAll(async () => {
  db = await seededTestDb(new Date(Date.UTC(2030, 4, 1, 9)));
  serveTestDb(db);
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

describe('PUT /api/v1/admin/pricing/{tenantId}', () => {
  it('401 anonymous, 403 for client roles, 404 for an unknown tenant, 200 for staff (audited)', async () => {
    expect((await put('ten_acme', 'anonymous', prices)).status).toBe(401);
    expect((await put('ten_acme', 'admin', prices)).status).toBe(403);
    expect((await put('ten_acme', 'user', prices)).status).toBe(403);
    expect((await put('ten_nope', 'staff', prices)).status).toBe(404);
    const res = await put('ten_acme', 'staff', prices);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(prices);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'tenant.pricing')).all().at(-1)).toMatchObject({ tenantId: 'ten_acme', details: { to: prices } });
  });

  it('400 problem+json naming the field; text numbers from a form are read', async () => {
    const bad = await put('ten_acme', 'staff', { ...prices, storageGb: 'twelve' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'storageGb' })]);
    expect((await put('ten_acme', 'staff', { vcpuGhz: '1300', memoryGb: '450', storageGb: '12' })).status).toBe(200);
  });
});
