import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { revokeAllTokensOf } from '@/lib/auth/api-tokens';
import { verifyPassword } from '@/lib/auth/password';
import { assertAttemptAllowed, beginCodeGuess, codeGuessSucceeded, recordFailedAttempt, recordSuccessfulAttempt } from '@/lib/auth/rate-limit';
import { recoveryCodesRegenerateSchema, totpBeginSchema, totpConfirmSchema, totpDisableSchema } from '@/lib/auth/schemas';
import { consumeRecoveryCode, deleteRecoveryCodes, recoveryCodesLeft, replaceRecoveryCodes, sealTotpSecret, verifyStoredTotp } from '@/lib/auth/second-factor';
import { bumpSessionVersion } from '@/lib/auth/session-version';
import { newTotpSecret, totpUri } from '@/lib/auth/totp';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '@/lib/core/errors';
import { authorize } from '@/lib/domain/core/authorize';
import { ownAccount } from './own-account';
import { UserRuleError } from './tenant-users';
import { parseInput } from '@/lib/domain/core/validate';

/**
 * Two-factor authentication (TOTP, RFC 6238) for the actor's own account, in two steps so a
 * mistyped enrolment never locks anyone out: begin stores a pending secret, confirm switches
 * it on only after a valid code from the app and returns ten recovery codes, shown once.
 *
 * Changing the second factor is for a signed-in browser session only, after the password again:
 * a leaked API token (or a session left open) must not bind the attacker's authenticator to the
 * account. Secrets are stored sealed (lib/auth/second-factor.ts).
 */

export type TotpEnrolment = { secret: string; uri: string };
export type RecoveryCodes = { recoveryCodes: string[] };
export type TwoFactorStatus = { totpEnabled: boolean; recoveryCodesLeft: number };

const personalTenant = (actor: Actor) => (actor.role === 'staff' ? null : actor.tenantId);

/** Refuses (403, audited) a change of the second factor made with an API token. */
function requireSession(db: DB, actor: Actor, userId: string, what: string): void {
  if (actor.via === 'session') return;
  audit(db, actor, { action: `denied:totp-${what}-with-token`, outcome: 'denied', targetType: 'user', targetId: userId });
  throw new ForbiddenError('Two-factor authentication is changed from a signed-in browser session, not with an API token.');
}

/** The account's password again (throttled like a sign-in); audits and throws 400 `password` when wrong. */
async function requirePassword(db: DB, actor: Actor, user: { id: string; email: string; passwordHash: string }, password: string, action: string): Promise<void> {
  const key = { account: user.email, ip: actor.sourceIp ?? null };
  await assertAttemptAllowed(key);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedAttempt(key);
    audit(db, actor, { action, outcome: 'failed', targetType: 'user', targetId: user.id, details: { reason: 'wrong-password' } });
    throw new ValidationError([{ field: 'password', message: 'Password is incorrect.' }]);
  }
  await recordSuccessfulAttempt(key);
}

/**
 * One guess at a code of the signed-in user's authenticator (per-user budget, lib/auth/rate-limit.ts):
 * once spent, 429 naming `code`, audited as a refusal. Call codeGuessSucceeded after a right code.
 */
async function startCodeGuess(db: DB, actor: Actor, userId: string, what: string): Promise<void> {
  try {
    await beginCodeGuess(userId);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      audit(db, actor, { action: 'denied:totp-code-throttled', outcome: 'denied', targetType: 'user', targetId: userId, details: { reason: 'too-many-wrong-codes', during: what, retryAfterSeconds: error.retryAfterSeconds } });
    }
    throw error;
  }
}

export async function beginTotpEnrolment(db: DB, actor: Actor, input: unknown): Promise<TotpEnrolment> {
  const user = ownAccount(db, actor);
  requireSession(db, actor, user.id, 'enrolment');
  const { password } = parseInput(totpBeginSchema, input);
  if (user.totpEnabled) throw new ConflictError('Two-factor authentication is already on. Turn it off before enrolling another device.');
  await requirePassword(db, actor, user, password, 'auth.totp-enrolment-failed');
  const secret = newTotpSecret();
  db.transaction((tx) => {
    tx.update(users).set({ totpSecret: sealTotpSecret(secret) }).where(eq(users.id, user.id)).run();
    audit(tx, actor, { action: 'auth.totp-enrolment-started', targetType: 'user', targetId: user.id });
  });
  return { secret, uri: totpUri(secret, user.email) };
}

export async function confirmTotp(db: DB, actor: Actor, input: unknown): Promise<{ totpEnabled: true } & RecoveryCodes> {
  const user = ownAccount(db, actor);
  requireSession(db, actor, user.id, 'enrolment');
  const { code } = parseInput(totpConfirmSchema, input);
  if (user.totpEnabled) throw new ConflictError('Two-factor authentication is already on.');
  if (!user.totpSecret) throw new ConflictError('Start enrolment first (POST /api/v1/me/totp).');
  await startCodeGuess(db, actor, user.id, 'enrolment');
  if (!verifyStoredTotp(user.totpSecret, code, user.id)) {
    throw new ValidationError([{ field: 'code', message: 'That code is not valid. Check the time on your device and enter the current code.' }]);
  }
  await codeGuessSucceeded(user.id);
  const recoveryCodes = db.transaction((tx) => {
    tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id)).run();
    const codes = replaceRecoveryCodes(tx, user.id);
    recordEvent(tx, { type: 'account.2fa-changed', tenantId: personalTenant(actor), occurredAt: Date.now(), payload: { userId: user.id, enabled: true, summary: 'Two-factor authentication was turned on for your CloudShield account. If this was not you, contact your administrator.' } });
    audit(tx, actor, { action: 'auth.totp-enabled', targetType: 'user', targetId: user.id, details: { recoveryCodes: codes.length } });
    return codes;
  });
  return { totpEnabled: true, recoveryCodes };
}

/** GET /api/v1/me/totp/recovery-codes: whether two-factor is on and how many recovery codes are left (never the codes). */
export function twoFactorStatus(db: DB, actor: Actor): TwoFactorStatus {
  const user = ownAccount(db, actor);
  return { totpEnabled: user.totpEnabled, recoveryCodesLeft: user.totpEnabled ? recoveryCodesLeft(db, user.id) : 0 };
}

/** New recovery codes (the old ones stop working), with a current code from the app. */
export async function regenerateRecoveryCodes(db: DB, actor: Actor, input: unknown): Promise<RecoveryCodes> {
  const user = ownAccount(db, actor);
  requireSession(db, actor, user.id, 'recovery-codes');
  const { code } = parseInput(recoveryCodesRegenerateSchema, input);
  if (!user.totpEnabled || !user.totpSecret) throw new ConflictError('Two-factor authentication is off: there are no recovery codes to replace.');
  await startCodeGuess(db, actor, user.id, 'recovery-codes');
  if (!verifyStoredTotp(user.totpSecret, code, user.id)) {
    audit(db, actor, { action: 'auth.recovery-codes-regenerate-failed', outcome: 'failed', targetType: 'user', targetId: user.id, details: { reason: 'otp-invalid' } });
    throw new ValidationError([{ field: 'code', message: 'That code is not valid. Enter the current code from your authenticator app.' }]);
  }
  await codeGuessSucceeded(user.id);
  const recoveryCodes = db.transaction((tx) => {
    const codes = replaceRecoveryCodes(tx, user.id);
    audit(tx, actor, { action: 'auth.recovery-codes-regenerated', targetType: 'user', targetId: user.id, details: { recoveryCodes: codes.length } });
    return codes;
  });
  return { recoveryCodes };
}

/**
 * Asks for the password and a current code from the app (or a recovery code): a hijacked
 * session, or a known password alone, must not remove the second factor.
 */
export async function disableTotp(db: DB, actor: Actor, input: unknown): Promise<{ totpEnabled: false }> {
  const user = ownAccount(db, actor);
  requireSession(db, actor, user.id, 'disable');
  const { password, code } = parseInput(totpDisableSchema, input);
  if (!user.totpEnabled || !user.totpSecret) throw new ConflictError('Two-factor authentication is already off.');
  await requirePassword(db, actor, user, password, 'auth.totp-disable-failed');
  const me = { id: user.id, email: user.email, role: actor.role, tenantId: personalTenant(actor) };
  // The code is a second guess, throttled like the password.
  const key = { account: user.email, ip: actor.sourceIp ?? null };
  await assertAttemptAllowed(key);
  await startCodeGuess(db, actor, user.id, 'disable');
  const codeOk = /^\d{6}$/.test(code) ? verifyStoredTotp(user.totpSecret, code, user.id) : consumeRecoveryCode(db, me, code, actor.sourceIp ?? null);
  if (!codeOk) {
    await recordFailedAttempt(key);
    audit(db, actor, { action: 'auth.totp-disable-failed', outcome: 'failed', targetType: 'user', targetId: user.id, details: { reason: 'otp-invalid' } });
    throw new ValidationError([{ field: 'code', message: 'That code is not valid. Enter the current code from your authenticator app or an unused recovery code.' }]);
  }
  await recordSuccessfulAttempt(key);
  await codeGuessSucceeded(user.id);
  db.transaction((tx) => {
    tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, user.id)).run();
    deleteRecoveryCodes(tx, user.id);
    recordEvent(tx, { type: 'account.2fa-changed', tenantId: personalTenant(actor), occurredAt: Date.now(), payload: { userId: user.id, enabled: false, change: 'disabled', summary: 'Two-factor authentication was turned off for your CloudShield account. If this was not you, contact your administrator now.' } });
    audit(tx, actor, { action: 'auth.totp-disabled', targetType: 'user', targetId: user.id });
  });
  return { totpEnabled: false };
}

/**
 * POST /users/{id}/totp-reset: someone lost their authenticator and their recovery codes. A
 * client administrator resets the users of their own tenant (another tenant's user, or a staff
 * account, is "not found"); staff reset anyone's. Nobody resets their own this way (turn it off
 * with a code instead). The user signs in with their password alone and enrols again; they are
 * told (a security notification). A lost second factor may mean a compromised account, so, like
 * an administrator's password reset, every open session of theirs ends (session_version) and
 * their API tokens are revoked (listed in the audit entry).
 */
export function resetUserTotp(db: DB, actor: Actor, id: string): { id: string; totpEnabled: false } {
  authorize(db, actor, 'users:manage', { type: 'user', id });
  const target = db.select({ id: users.id, email: users.email, role: users.role, tenantId: users.tenantId, totpEnabled: users.totpEnabled, totpSecret: users.totpSecret }).from(users).where(eq(users.id, id)).get();
  const visible = target && (actor.role === 'staff' || (target.tenantId !== null && target.tenantId === actor.tenantId));
  if (!target || !visible) {
    audit(db, actor, { action: 'denied:user.totp-reset', outcome: 'denied', targetType: 'user', targetId: id, details: { reason: 'not-found' } });
    throw new NotFoundError('user', id);
  }
  if (id === actor.userId) throw new UserRuleError('self-reset', 'id', 'Turn off your own two-factor authentication in your account settings, with a code.');
  if (!target.totpEnabled && !target.totpSecret) throw new ConflictError(`${target.email} has no two-factor authentication to reset.`);
  db.transaction((tx) => {
    tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, id)).run();
    deleteRecoveryCodes(tx, id);
    bumpSessionVersion(tx, id);
    const revokedTokenIds = revokeAllTokensOf(tx, id);
    audit(tx, actor, { action: 'user.totp-reset', tenantId: target.tenantId, targetType: 'user', targetId: id, details: { email: target.email, before: { totpEnabled: target.totpEnabled }, sessionsEnded: true, revokedTokenIds } });
    recordEvent(tx, {
      type: 'account.2fa-changed', tenantId: target.role === 'staff' ? null : target.tenantId, occurredAt: Date.now(),
      payload: { userId: id, enabled: false, change: 'reset', summary: 'An administrator reset the two-factor authentication of your CloudShield account: sign in with your password and set it up again. Your open sessions were ended and your API tokens revoked. If you did not ask for this, contact your administrator now.' },
    });
  });
  return { id, totpEnabled: false };
}
