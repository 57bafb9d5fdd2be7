import { eq } from 'drizzle-orm';
import type { JWT } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog } from '@/db/schema';
import { serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { markTrustedForwarding } from '@/lib/server/forwarding.mjs';
import { authOptions } from './options';
import { resetAuthRateLimits } from './rate-limit';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  markTrustedForwarding(); // as under server.mjs
});
beforeEach(() => resetAuthRateLimits());

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
// CredentialsProvider keeps our authorize under `options` (next-auth merges it at run time).
const authorize = () => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const req = { headers: { 'x-cloudshield-client-ip': '192.0.2.44' } };

describe('next-auth options', () => {
  it('uses the secret, JWT sessions and the idle timeout', () => {
    const options = authOptions();
    expect(options.secret).toBe(process.env.AUTH_SECRET);
    expect(process.env.NEXTAUTH_SECRET).toBe(process.env.AUTH_SECRET);
    expect(options.session).toMatchObject({ strategy: 'jwt', maxAge: 30 * 60 });
    expect(options.pages).toMatchObject({ signIn: '/login' });
  });

  it('signs in with the shared credential check and audits it', async () => {
    const user = await authorize()({ email: 'admin@acme.test', password: 'demo-password', otp: '' }, req);
    expect(user).toMatchObject({ email: 'admin@acme.test', role: 'client_admin', tenantId: 'ten_acme' });
    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign-in')).get();
    expect(entry).toMatchObject({ actorEmail: 'admin@acme.test', sourceIp: '192.0.2.44', outcome: 'success' });
  });

  it('reports refusals as codes the login form understands', async () => {
    await expect(authorize()({ email: 'admin@acme.test', password: 'nope' }, req)).rejects.toThrow('invalid-credentials');
    for (let i = 0; i < 4; i++) await authorize()({ email: 'admin@acme.test', password: 'nope' }, req).catch(() => undefined);
    await expect(authorize()({ email: 'admin@acme.test', password: 'demo-password' }, req)).rejects.toThrow(/^rate-limited:\d+$/);
  });

  it('carries role and tenant in the JWT and session, and audits sign-out', async () => {
    const { jwt, session } = authOptions().callbacks!;
    const user = { id: 'usr_1', email: 'a@b.c', name: 'A', role: 'staff' as const, tenantId: null };
    const token = (await jwt!({ token: {}, user, account: null } as Parameters<NonNullable<typeof jwt>>[0])) as JWT;
    expect(token).toMatchObject({ userId: 'usr_1', role: 'staff', tenantId: null, email: 'a@b.c', authTime: expect.any(Number) });
    const s = await session!({ session: { expires: '' }, token } as unknown as Parameters<NonNullable<typeof session>>[0]);
    expect(s.user).toEqual({ id: 'usr_1', email: 'a@b.c', name: 'A', role: 'staff', tenantId: null });

    await authOptions().events!.signOut!({ token, session: s } as Parameters<NonNullable<NonNullable<ReturnType<typeof authOptions>['events']>['signOut']>>[0]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'auth.sign-out')).get()).toMatchObject({ actorId: 'usr_1' });
  });
});
