import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, users } from '@/db/schema';
import { findTokenOwner } from '@/lib/auth/api-tokens';
import { seededTestDb } from '@/lib/testing/db';
import type { Actor } from '@/lib/core/actor';
import { createToken, listTokens, revokeToken } from './tokens';

let db: DB;
const actors: Record<string, Actor> = {};
beforeAll(async () => {
  db = await seededTestDb();
  for (const u of db.select().from(users).all()) {
    actors[u.email] = { userId: u.id, email: u.email, role: u.role, tenantId: u.tenantId, via: 'session' };
  }
});

describe('API token management', () => {
  it('creates a token shown once, listed by prefix only, usable as a bearer', () => {
    const user = actors['user@acme.test'];
    const { token, item } = createToken(db, user, { name: 'CI pipeline', expiresInDays: 7 });
    expect(item).toMatchObject({ name: 'CI pipeline', status: 'active', userEmail: 'user@acme.test' });
    expect(new Date(item.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(findTokenOwner(db, token)).toMatchObject({ userId: user.userId });

    const { items } = listTokens(db, user);
    expect(items.map((t) => t.id)).toContain(item.id);
    expect(JSON.stringify(items)).not.toContain(token);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'token.created')).all()).toHaveLength(1);
  });

  it('validates the input and refuses token-authenticated callers', () => {
    const user = actors['user@acme.test'];
    expect(() => createToken(db, user, { name: '' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => createToken(db, user, { name: 'x', expiresInDays: 1000 })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => createToken(db, { ...user, via: 'token' }, { name: 'x' })).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('lets a client_admin see and revoke tokens of their tenant only', () => {
    const { item } = createToken(db, actors['user@acme.test'], { name: 'laptop' });
    expect(() => listTokens(db, actors['user@acme.test'], { scope: 'tenant' })).toThrow(expect.objectContaining({ status: 403 }));
    expect(listTokens(db, actors['admin@acme.test'], { scope: 'tenant' }).items.map((t) => t.id)).toContain(item.id);

    // Another tenant's admin and another user cannot even tell it exists.
    expect(() => revokeToken(db, actors['admin@globex.test'], item.id)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => revokeToken(db, actors['staff@calligo.test'], item.id)).toThrow(expect.objectContaining({ status: 404 }));

    expect(revokeToken(db, actors['admin@acme.test'], item.id)).toMatchObject({ status: 'revoked' });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'token.revoked')).get();
    expect(entry).toMatchObject({ actorEmail: 'admin@acme.test', tenantId: 'ten_acme', targetId: item.id });
  });

  it('revoking is idempotent and the token stops working', () => {
    const user = actors['user@acme.test'];
    const { token, item } = createToken(db, user, { name: 'once' });
    revokeToken(db, user, item.id);
    expect(revokeToken(db, user, item.id).status).toBe('revoked');
    expect(findTokenOwner(db, token)).toBeNull();
  });
});
