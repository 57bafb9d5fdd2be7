import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { seededTestDb } from '@/lib/testing/db';
import type { Actor } from '@/lib/core/actor';
import { beginTotpEnrolment, confirmTotp, disableTotp } from './two-factor';

let db: DB;
let actor: Actor;
beforeAll(async () => {
  db = await seededTestDb();
  const u = db.select().from(users).where(eq(users.email, 'admin@acme.test')).get()!;
  actor = { userId: u.id, email: u.email, role: u.role, tenantId: u.tenantId, via: 'session' };
});
beforeEach(() => resetAuthRateLimits());

const codeFor = (base32: string, offsetMs = 0) => TOTP.generate({ secret: Secret.fromBase32(base32), timestamp: Date.now() + offsetMs });
const wrongCode = (base32: string) => (codeFor(base32) === '123456' ? '654321' : '123456');
const signIn = (otp?: string) => verifyCredentials(db, { email: 'admin@acme.test', password: 'demo-password', otp }, { sourceIp: null, channel: 'web' });

describe('two-factor enrolment', () => {
  it('is only switched on by a valid code, then sign-in needs one', async () => {
    const { secret, uri } = beginTotpEnrolment(db, actor);
    expect(uri).toMatch(/^otpauth:\/\/totp\/CloudShield:admin%40acme\.test\?.*secret=/);
    // Pending enrolment does not yet change sign-in.
    await expect(signIn()).resolves.toMatchObject({ email: 'admin@acme.test' });

    expect(() => confirmTotp(db, actor, { code: wrongCode(secret) })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => confirmTotp(db, actor, { code: 'abc' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(confirmTotp(db, actor, { code: codeFor(secret, -30_000) })).toEqual({ totpEnabled: true });
    expect(() => beginTotpEnrolment(db, actor)).toThrow(expect.objectContaining({ status: 409 }));

    await expect(signIn()).rejects.toMatchObject({ extra: { code: 'otp-required' } });
    await expect(signIn(wrongCode(secret))).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });
    await expect(signIn(codeFor(secret))).resolves.toMatchObject({ email: 'admin@acme.test' });
  });

  it('is switched off only with the password', async () => {
    await expect(disableTotp(db, actor, { password: 'wrong' })).rejects.toMatchObject({ status: 400 });
    await expect(disableTotp(db, actor, { password: 'demo-password' })).resolves.toEqual({ totpEnabled: false });
    const row = db.select().from(users).where(eq(users.id, actor.userId)).get()!;
    expect(row).toMatchObject({ totpEnabled: false, totpSecret: null });
    const actions = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, actor.userId)).all().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp-enrolment-started', 'auth.totp-enabled', 'auth.totp-disable-failed', 'auth.totp-disabled']));
  });
});
