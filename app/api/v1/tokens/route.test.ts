import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { users } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { DELETE as totpDelete, POST as totpBegin, PUT as totpConfirm } from '../me/totp/route';
import { DELETE as revoke } from './[id]/route';
import { GET as list, POST as create } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
let cookie: string;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  const user = db.select().from(users).where(eq(users.email, 'user@acme.test')).get()!;
  cookie = `next-auth.session-token=${await encode({ token: { userId: user.id }, secret: authSecret(), maxAge: 600 })}`;
});

const asUser = (path: string, init: { method?: string; body?: unknown } = {}) => apiRequest(path, { ...init, headers: { cookie } });

describe('/api/v1/tokens', () => {
  it('creates (201, plaintext once), lists and revokes (204) from a session', async () => {
    const res = await callRoute(create, asUser('/api/v1/tokens', { body: { name: 'Terraform', expiresInDays: 30 } }));
    expect(res.status).toBe(201);
    const { token, item } = await res.json();
    expect(token).toMatch(/^cs_/);

    const listed = await (await callRoute(list, asUser('/api/v1/tokens'))).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: item.id, name: 'Terraform', status: 'active' })]);

    // The new token works, but cannot mint more tokens.
    const viaToken = await callRoute(create, apiRequest('/api/v1/tokens', { body: { name: 'x' }, bearer: token }));
    expect(viaToken.status).toBe(403);

    expect((await callRoute(revoke, asUser(`/api/v1/tokens/${item.id}`, { method: 'DELETE' }), { id: item.id })).status).toBe(204);
    expect((await callRoute(revoke, asUser('/api/v1/tokens/tok_nope', { method: 'DELETE' }), { id: 'tok_nope' })).status).toBe(404);
  });

  it('enrols and removes two-factor through /api/v1/me/totp', async () => {
    const begin = await callRoute(totpBegin, asUser('/api/v1/me/totp', { method: 'POST', body: { password: 'demo-password' } }));
    expect(begin.status).toBe(201);
    const { secret } = await begin.json();
    const bad = await callRoute(totpConfirm, asUser('/api/v1/me/totp', { method: 'PUT', body: { code: '12' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const code = TOTP.generate({ secret: Secret.fromBase32(secret) });
    const on = await (await callRoute(totpConfirm, asUser('/api/v1/me/totp', { method: 'PUT', body: { code } }))).json();
    expect(on).toEqual({ totpEnabled: true, recoveryCodes: expect.any(Array) });
    const off = await callRoute(totpDelete, asUser('/api/v1/me/totp', { method: 'DELETE', body: { password: 'demo-password', code: on.recoveryCodes[0] } }));
    expect(off.status).toBe(204);
  });
});
