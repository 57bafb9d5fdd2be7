process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';
import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { auditLog, outboxEvents, totpRecoveryCodes, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/credentials';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { consumeRecoveryCode, openTotpSecret, recoveryCodesLeft, sealStoredTotpSecrets } from '@/lib/auth/second-factor';
import { secretBox } from '@/lib/auth/secret-box';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF, STAFF_FOR_ACME } from '@/lib/testing/actors';
import type { Actor } from '@/lib/core/actor';
import { beginTotpEnrolment, confirmTotp, disableTotp, regenerateRecoveryCodes, resetUserTotp, twoFactorStatus } from './two-factor';

const PASSWORD = 'demo-password';
let db: DB;
beforeEach(async () => {
  db = await seededTestDb();
  resetAuthRateLimits();
  // Each TOTP step is accepted once per user: start every test with a clean replay memory.
  (globalThis as unknown as { __cloudshieldTotpUsed?: Map<string, number> }).__cloudshieldTotpUsed?.clear();
});
afterEach(() => {
  delete process.env.AUTH_SECRET_PREVIOUS;
});

const codeFor = (base32: string, offsetMs = 0) => TOTP.generate({ secret: Secret.fromBase32(base32), timestamp: Date.now() + offsetMs });
const wrongCode = (base32: string) => (codeFor(base32) === '123456' ? '654321' : '123456');
const signIn = (email: string, otp?: string) => verifyCredentials(db, { email, password: PASSWORD, otp }, { sourceIp: null, channel: 'web' });
const row = (id: string) => db.select().from(users).where(eq(users.id, id)).get()!;
const actions = (targetId: string) => db.select({ action: auditLog.action, outcome: auditLog.outcome, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.targetId, targetId)).all();
const twoFaEvents = (userId: string) =>
  db.select().from(outboxEvents).where(eq(outboxEvents.type, 'account.2fa-changed')).all().filter((e) => (e.payload as { userId?: string }).userId === userId).map((e) => e.payload as Record<string, unknown>);

/** Enrols `actor` (a -30 s code to confirm, leaving the current step for the test). */
async function enrol(actor: Actor) {
  const { secret } = await beginTotpEnrolment(db, actor, { password: PASSWORD });
  const { recoveryCodes } = await confirmTotp(db, actor, { code: codeFor(secret, -30_000) });
  return { secret, recoveryCodes };
}

describe('two-factor enrolment', () => {
  it('is refused with an API token (403, audited), nothing stored', async () => {
    const viaToken: Actor = { ...ACME_ADMIN, via: 'token' };
    await expect(beginTotpEnrolment(db, viaToken, { password: PASSWORD })).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/browser session/) });
    expect(row(ACME_ADMIN.userId).totpSecret).toBeNull();
    expect(actions(ACME_ADMIN.userId)).toContainEqual(expect.objectContaining({ action: 'denied:totp-enrolment-with-token', outcome: 'denied' }));
    // Confirming a pending enrolment with a token is refused the same way.
    const { secret } = await beginTotpEnrolment(db, ACME_ADMIN, { password: PASSWORD });
    await expect(confirmTotp(db, viaToken, { code: codeFor(secret) })).rejects.toMatchObject({ status: 403 });
    expect(row(ACME_ADMIN.userId).totpEnabled).toBe(false);
  });

  it('needs the password again: missing or wrong is refused (400 password), nothing stored', async () => {
    await expect(beginTotpEnrolment(db, ACME_ADMIN, {})).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'password' })] });
    await expect(beginTotpEnrolment(db, ACME_ADMIN, { password: 'not-my-password' })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'password' })] });
    expect(row(ACME_ADMIN.userId).totpSecret).toBeNull();
    expect(actions(ACME_ADMIN.userId)).toContainEqual(expect.objectContaining({ action: 'auth.totp-enrolment-failed', outcome: 'failed' }));
  });

  it('is switched on only by a valid code, gives ten recovery codes, then sign-in needs a code', async () => {
    const { secret, uri } = await beginTotpEnrolment(db, ACME_ADMIN, { password: PASSWORD });
    expect(uri).toMatch(/^otpauth:\/\/totp\/CloudShield:admin%40acme\.test\?.*secret=/);
    await expect(signIn('admin@acme.test')).resolves.toMatchObject({ email: 'admin@acme.test' });
    await expect(confirmTotp(db, ACME_ADMIN, { code: wrongCode(secret) })).rejects.toMatchObject({ status: 400 });
    await expect(confirmTotp(db, ACME_ADMIN, { code: 'abc' })).rejects.toMatchObject({ status: 400 });
    const confirmed = await confirmTotp(db, ACME_ADMIN, { code: codeFor(secret, -30_000) });
    expect(confirmed.totpEnabled).toBe(true);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const c of confirmed.recoveryCodes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    // Only hashes are stored.
    const stored = JSON.stringify(db.select().from(totpRecoveryCodes).all());
    for (const c of confirmed.recoveryCodes) expect(stored).not.toContain(c.replace(/-/g, ''));
    expect(twoFactorStatus(db, ACME_ADMIN)).toEqual({ totpEnabled: true, recoveryCodesLeft: 10 });
    await expect(beginTotpEnrolment(db, ACME_ADMIN, { password: PASSWORD })).rejects.toMatchObject({ status: 409 });

    await expect(signIn('admin@acme.test')).rejects.toMatchObject({ extra: { code: 'otp-required' } });
    await expect(signIn('admin@acme.test', wrongCode(secret))).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });
    await expect(signIn('admin@acme.test', codeFor(secret))).resolves.toMatchObject({ email: 'admin@acme.test' });
  });
});

describe('TOTP secrets at rest', () => {
  it('the stored totp_secret is sealed, not the base32 secret, and sign-in with TOTP still works', async () => {
    const { secret } = await enrol(ACME_ADMIN);
    const stored = row(ACME_ADMIN.userId).totpSecret!;
    expect(stored).not.toBe(secret);
    expect(stored).toMatch(/^v1:/);
    expect(JSON.stringify(db.$client.prepare('SELECT * FROM users').all())).not.toContain(secret);
    expect(openTotpSecret(stored)).toBe(secret);
    await expect(signIn('admin@acme.test', codeFor(secret))).resolves.toMatchObject({ email: 'admin@acme.test' });
  });

  it('secrets stored in clear by an earlier version are sealed on start, and still work', async () => {
    const { secret } = await enrol(ACME_ADMIN);
    db.update(users).set({ totpSecret: secret }).where(eq(users.id, ACME_ADMIN.userId)).run();
    expect(sealStoredTotpSecrets(db)).toBe(1);
    expect(sealStoredTotpSecrets(db)).toBe(0);
    expect(row(ACME_ADMIN.userId).totpSecret).toMatch(/^v1:/);
    await expect(signIn('admin@acme.test', codeFor(secret))).resolves.toMatchObject({ email: 'admin@acme.test' });
  });

  it('key rotation: with AUTH_SECRET_PREVIOUS, rows sealed under the old secret open and are re-sealed on start', async () => {
    const { secret } = await enrol(ACME_ADMIN);
    const OLD = 'the-previous-server-secret-0123456789';
    // The row as the server sealed it before AUTH_SECRET was rotated.
    const oldBox = secretBox('totp-secret/v1', 'TOTP secret', 'reset it');
    db.update(users).set({ totpSecret: oldBox.seal(secret, OLD) }).where(eq(users.id, ACME_ADMIN.userId)).run();
    // Without the previous secret it does not open: sign-in with the app fails (not a 500), nothing is rewritten.
    expect(() => openTotpSecret(row(ACME_ADMIN.userId).totpSecret!)).toThrow(/AUTH_SECRET changed/);
    expect(sealStoredTotpSecrets(db)).toBe(0);
    await expect(signIn('admin@acme.test', codeFor(secret))).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });

    process.env.AUTH_SECRET_PREVIOUS = OLD;
    expect(openTotpSecret(row(ACME_ADMIN.userId).totpSecret!)).toBe(secret);
    expect(sealStoredTotpSecrets(db)).toBe(1);
    expect(sealStoredTotpSecrets(db)).toBe(0);
    delete process.env.AUTH_SECRET_PREVIOUS;
    // Re-sealed under the current secret: opens without the previous one, not with the old key.
    const resealed = row(ACME_ADMIN.userId).totpSecret!;
    expect(openTotpSecret(resealed)).toBe(secret);
    expect(() => oldBox.open(resealed, OLD)).toThrow();
    await expect(signIn('admin@acme.test', codeFor(secret, 30_000))).resolves.toMatchObject({ email: 'admin@acme.test' });
  });

  it('webhook and TOTP secrets use distinct keys (HKDF info per purpose)', () => {
    const a = secretBox('totp-secret/v1', 'x', 'y');
    const b = secretBox('webhook-signing-secret/v1', 'x', 'y');
    expect(() => b.open(a.seal('JBSWY3DPEHPK3PXP'))).toThrow();
  });
});

describe('recovery codes', () => {
  it('each of the ten works once at sign-in instead of the TOTP code; a used one is refused; the owner is told', async () => {
    const { recoveryCodes } = await enrol(ACME_USER);
    for (const [i, code] of recoveryCodes.entries()) {
      // Typed in lower case with spaces works too.
      const typed = i % 2 ? code.toLowerCase().replace(/-/g, ' ') : code;
      await expect(signIn('user@acme.test', typed)).resolves.toMatchObject({ email: 'user@acme.test' });
      expect(recoveryCodesLeft(db, ACME_USER.userId)).toBe(9 - i);
    }
    for (const code of recoveryCodes) {
      resetAuthRateLimits(); // five failures in a row are throttled like wrong passwords
      await expect(signIn('user@acme.test', code)).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });
    }
    expect(actions(ACME_USER.userId).filter((a) => a.action === 'auth.recovery-code-used')).toHaveLength(10);
    expect(twoFaEvents(ACME_USER.userId).filter((p) => p.change === 'recovery-code-used')).toHaveLength(10);
    // Another account's code is not this one's.
    const other = await enrol(ACME_ADMIN);
    resetAuthRateLimits();
    await expect(signIn('user@acme.test', other.recoveryCodes[0])).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });
  });

  it('two concurrent uses of one code: exactly one wins', async () => {
    const { recoveryCodes } = await enrol(ACME_USER);
    const results = await Promise.allSettled([signIn('user@acme.test', recoveryCodes[0]), signIn('user@acme.test', recoveryCodes[0])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // Two connections to the same database file (two server processes), racing on another code.
    const second = openDatabase(db.$client.name);
    const owner = { id: ACME_USER.userId, email: ACME_USER.email, role: ACME_USER.role, tenantId: ACME_USER.tenantId };
    const wins = [consumeRecoveryCode(db, owner, recoveryCodes[1]), consumeRecoveryCode(second, owner, recoveryCodes[1])];
    expect(wins.filter(Boolean)).toHaveLength(1);
    second.$client.close();
    expect(recoveryCodesLeft(db, ACME_USER.userId)).toBe(8);
  });

  it('regenerating needs a current code from the app; the old codes stop working', async () => {
    const { secret, recoveryCodes } = await enrol(ACME_USER);
    await expect(regenerateRecoveryCodes(db, ACME_USER, {})).rejects.toMatchObject({ status: 400 });
    await expect(regenerateRecoveryCodes(db, ACME_USER, { code: wrongCode(secret) })).rejects.toMatchObject({ status: 400 });
    await expect(regenerateRecoveryCodes(db, { ...ACME_USER, via: 'token' }, { code: codeFor(secret) })).rejects.toMatchObject({ status: 403 });
    await signIn('user@acme.test', recoveryCodes[0]);
    expect(twoFactorStatus(db, ACME_USER).recoveryCodesLeft).toBe(9);
    const fresh = (await regenerateRecoveryCodes(db, ACME_USER, { code: codeFor(secret) })).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(twoFactorStatus(db, ACME_USER).recoveryCodesLeft).toBe(10);
    await expect(signIn('user@acme.test', recoveryCodes[1])).rejects.toMatchObject({ extra: { code: 'otp-invalid' } });
    await expect(signIn('user@acme.test', fresh[0])).resolves.toMatchObject({ email: 'user@acme.test' });
    expect(actions(ACME_USER.userId).map((a) => a.action)).toEqual(expect.arrayContaining(['auth.recovery-codes-regenerate-failed', 'auth.recovery-codes-regenerated']));
  });
});

describe('turning two-factor off', () => {
  it('needs the password and a current code or a recovery code; never with a token', async () => {
    const { secret, recoveryCodes } = await enrol(ACME_ADMIN);
    await expect(disableTotp(db, ACME_ADMIN, { password: PASSWORD })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'code' })] });
    await expect(disableTotp(db, ACME_ADMIN, { password: PASSWORD, code: wrongCode(secret) })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'code' })] });
    await expect(disableTotp(db, ACME_ADMIN, { password: PASSWORD, code: 'AAAA-BBBB-CCCC-DDDD' })).rejects.toMatchObject({ status: 400 });
    await expect(disableTotp(db, ACME_ADMIN, { password: 'wrong', code: codeFor(secret) })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'password' })] });
    await expect(disableTotp(db, { ...ACME_ADMIN, via: 'token' }, { password: PASSWORD, code: recoveryCodes[0] })).rejects.toMatchObject({ status: 403 });
    expect(row(ACME_ADMIN.userId).totpEnabled).toBe(true);

    await expect(disableTotp(db, ACME_ADMIN, { password: PASSWORD, code: recoveryCodes[0] })).resolves.toEqual({ totpEnabled: false });
    expect(row(ACME_ADMIN.userId)).toMatchObject({ totpEnabled: false, totpSecret: null });
    expect(recoveryCodesLeft(db, ACME_ADMIN.userId)).toBe(0);
    expect(actions(ACME_ADMIN.userId).map((a) => a.action)).toEqual(expect.arrayContaining(['auth.totp-enrolment-started', 'auth.totp-enabled', 'auth.totp-disable-failed', 'auth.totp-disabled']));
    expect(twoFaEvents(ACME_ADMIN.userId).map((p) => p.enabled)).toEqual([true, undefined, false]); // on, recovery code used, off
  });

  it('with a current code from the app', async () => {
    const { secret } = await enrol(ACME_ADMIN);
    await expect(disableTotp(db, ACME_ADMIN, { password: PASSWORD, code: codeFor(secret) })).resolves.toEqual({ totpEnabled: false });
    await expect(signIn('admin@acme.test')).resolves.toMatchObject({ email: 'admin@acme.test' });
  });
});

describe('resetting another person\'s two-factor', () => {
  it('a client administrator resets a user of their tenant (audited, the user told); they sign in with the password again', async () => {
    await enrol(ACME_USER);
    expect(resetUserTotp(db, ACME_ADMIN, ACME_USER.userId)).toEqual({ id: ACME_USER.userId, totpEnabled: false });
    expect(row(ACME_USER.userId)).toMatchObject({ totpEnabled: false, totpSecret: null });
    expect(recoveryCodesLeft(db, ACME_USER.userId)).toBe(0);
    expect(actions(ACME_USER.userId)).toContainEqual({ action: 'user.totp-reset', outcome: 'success', actorId: ACME_ADMIN.userId });
    expect(twoFaEvents(ACME_USER.userId).at(-1)).toMatchObject({ change: 'reset', enabled: false });
    await expect(signIn('user@acme.test')).resolves.toMatchObject({ email: 'user@acme.test' });
    // Nothing left to reset.
    expect(() => resetUserTotp(db, ACME_ADMIN, ACME_USER.userId)).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('an administrator of another tenant gets 404, a user 403, self 422; all refusals audited, nothing changed', async () => {
    await enrol(ACME_USER);
    await enrol(ACME_ADMIN);
    expect(() => resetUserTotp(db, GLOBEX_ADMIN, ACME_USER.userId)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => resetUserTotp(db, ACME_USER, ACME_ADMIN.userId)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => resetUserTotp(db, ACME_ADMIN, ACME_ADMIN.userId)).toThrow(expect.objectContaining({ status: 422 }));
    // A client administrator cannot reach a staff account either.
    expect(() => resetUserTotp(db, ACME_ADMIN, STAFF.userId)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => resetUserTotp(db, ACME_ADMIN, 'usr_missing')).toThrow(expect.objectContaining({ status: 404 }));
    expect(row(ACME_USER.userId).totpEnabled).toBe(true);
    expect(row(ACME_ADMIN.userId).totpEnabled).toBe(true);
    const denied = db.select().from(auditLog).where(eq(auditLog.outcome, 'denied')).all();
    expect(denied).toContainEqual(expect.objectContaining({ actorId: GLOBEX_ADMIN.userId, action: 'denied:user.totp-reset', targetId: ACME_USER.userId }));
    expect(denied).toContainEqual(expect.objectContaining({ actorId: ACME_USER.userId, action: 'denied:users:manage', targetId: ACME_ADMIN.userId }));
  });

  it('staff reset anyone\'s, another staff member\'s included, acting for a tenant or not', async () => {
    await enrol(ACME_USER);
    const globexUser = db.select().from(users).where(eq(users.email, 'user@globex.test')).get()!;
    const globexActor: Actor = { userId: globexUser.id, email: globexUser.email, role: 'user', tenantId: globexUser.tenantId, via: 'session' };
    await enrol(globexActor);
    expect(resetUserTotp(db, STAFF, ACME_USER.userId).totpEnabled).toBe(false);
    expect(resetUserTotp(db, STAFF_FOR_ACME, globexUser.id).totpEnabled).toBe(false);
    const audited = db.select().from(auditLog).where(and(eq(auditLog.action, 'user.totp-reset'), eq(auditLog.actorId, STAFF.userId))).all();
    expect(audited.map((a) => [a.targetId, a.tenantId])).toEqual([[ACME_USER.userId, 'ten_acme'], [globexUser.id, globexUser.tenantId]]);
  });
});
