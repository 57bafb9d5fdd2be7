import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { authSecret } from '@/lib/auth/secret';
import { ACME_ADMIN, ACME_USER } from '@/lib/testing/actors';
import { apiRequest } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import type { DomainError } from '@/lib/core/errors';
import { changeOwnPassword } from './password';
import { resetUserPassword } from './tenant-users';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
beforeEach(async () => {
  resetAuthRateLimits();
  db = await seededTestDb();
});

const hashOf = () => db.select({ h: users.passwordHash }).from(users).where(eq(users.id, ACME_USER.userId)).get()!.h;
const audits = (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const failure = async (p: Promise<unknown>) => {
  const e = (await p.then(() => null, (x: unknown) => x)) as DomainError | null;
  return { status: e?.status, fields: ((e?.extra.errors as { field: string }[] | undefined) ?? []).map((x) => x.field) };
};
const session = { ...ACME_USER, via: 'session' as const, sourceIp: '192.0.2.7' };
const NEW = 'correct horse battery staple';

describe('changeOwnPassword', () => {
  it('replaces the password after checking the current one, and audits it', async () => {
    const r = await changeOwnPassword(db, session, { currentPassword: 'demo-password', newPassword: NEW });
    expect(Date.parse(r.passwordChangedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await verifyPassword(hashOf(), NEW)).toBe(true);
    expect(await verifyPassword(hashOf(), 'demo-password')).toBe(false);
    expect(audits('auth.password-changed')).toHaveLength(1);
  });

  it('refuses a wrong current password, a short or unchanged new one, naming the field; nothing changes', async () => {
    const before = hashOf();
    expect(await failure(changeOwnPassword(db, session, { currentPassword: 'not-it', newPassword: NEW }))).toEqual({ status: 400, fields: ['currentPassword'] });
    expect(await failure(changeOwnPassword(db, session, { currentPassword: 'demo-password', newPassword: 'short' }))).toEqual({ status: 400, fields: ['newPassword'] });
    expect(await failure(changeOwnPassword(db, session, { currentPassword: 'demo-password', newPassword: 'demo-password' }))).toMatchObject({ status: 400 });
    expect(await failure(changeOwnPassword(db, session, { newPassword: NEW }))).toEqual({ status: 400, fields: ['currentPassword'] });
    expect(hashOf()).toBe(before);
    expect(audits('auth.password-change-failed')).toHaveLength(1);
  });

  it('is refused with an API token (403, audited)', async () => {
    expect(await failure(changeOwnPassword(db, { ...ACME_USER, via: 'token' }, { currentPassword: 'demo-password', newPassword: NEW }))).toMatchObject({ status: 403 });
    expect(audits('denied:password-change-with-token')).toHaveLength(1);
  });

  it('counts wrong current passwords towards the account’s rate limit (429)', async () => {
    for (let i = 0; i < 5; i++) await changeOwnPassword(db, session, { currentPassword: `wrong-${i}`, newPassword: NEW }).catch(() => {});
    expect(await failure(changeOwnPassword(db, session, { currentPassword: 'demo-password', newPassword: NEW }))).toMatchObject({ status: 429 });
  });

  it('ends every session that signed in before the change; a new sign-in works', async () => {
    const cookie = async (authTime: number) => `next-auth.session-token=${await encode({ token: { userId: ACME_USER.userId, authTime }, secret: authSecret(), maxAge: 1800 })}`;
    const earlier = await cookie(Math.floor(Date.now() / 1000) - 60);
    const me = (c: string) => resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: c } }));
    expect(await me(earlier)).toMatchObject({ userId: ACME_USER.userId });
    await changeOwnPassword(db, session, { currentPassword: 'demo-password', newPassword: NEW });
    expect(await me(earlier)).toBeNull();
    // Signing straight back in counts as after the change, even within the same second.
    expect(await me(await cookie(Date.now() / 1000))).toMatchObject({ userId: ACME_USER.userId });
  });

  it('an administrator’s reset ends a session that signed in a moment before, in the same second', async () => {
    const justNow = `next-auth.session-token=${await encode({ token: { userId: ACME_USER.userId, authTime: Date.now() / 1000 }, secret: authSecret(), maxAge: 1800 })}`;
    await resetUserPassword(db, ACME_ADMIN, ACME_USER.userId);
    expect(await resolveActor(db, apiRequest('/api/v1/me', { headers: { cookie: justNow } }))).toBeNull();
  });
});
