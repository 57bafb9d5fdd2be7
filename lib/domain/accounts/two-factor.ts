import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { assertAttemptAllowed, recordFailedAttempt, recordSuccessfulAttempt } from '@/lib/auth/rate-limit';
import { totpConfirmSchema, totpDisableSchema } from '@/lib/auth/schemas';
import { newTotpSecret, totpUri, verifyTotp } from '@/lib/auth/totp';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { ConflictError, ValidationError } from '@/lib/core/errors';
import { ownAccount } from './own-account';
import { parseInput } from '@/lib/domain/core/validate';

/**
 * Two-factor authentication (TOTP, RFC 6238) for the actor's own account, in two steps so a
 * mistyped enrolment never locks anyone out: begin stores a pending secret, confirm switches
 * it on only after a valid code from the app.
 */


export type TotpEnrolment = { secret: string; uri: string };

export function beginTotpEnrolment(db: DB, actor: Actor): TotpEnrolment {
  const user = ownAccount(db, actor);
  if (user.totpEnabled) throw new ConflictError('Two-factor authentication is already on. Turn it off before enrolling another device.');
  const secret = newTotpSecret();
  db.transaction((tx) => {
    tx.update(users).set({ totpSecret: secret }).where(eq(users.id, user.id)).run();
    audit(tx, actor, { action: 'auth.totp-enrolment-started', targetType: 'user', targetId: user.id });
  });
  return { secret, uri: totpUri(secret, user.email) };
}

export function confirmTotp(db: DB, actor: Actor, input: unknown): { totpEnabled: true } {
  const { code } = parseInput(totpConfirmSchema, input);
  const user = ownAccount(db, actor);
  if (user.totpEnabled) throw new ConflictError('Two-factor authentication is already on.');
  if (!user.totpSecret) throw new ConflictError('Start enrolment first (POST /api/v1/me/totp).');
  if (!verifyTotp(user.totpSecret, code, user.id)) {
    throw new ValidationError([{ field: 'code', message: 'That code is not valid. Check the time on your device and enter the current code.' }]);
  }
  db.transaction((tx) => {
    tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id)).run();
    recordEvent(tx, { type: 'account.2fa-changed', tenantId: actor.role === 'staff' ? null : actor.tenantId, occurredAt: Date.now(), payload: { userId: user.id, enabled: true, summary: 'Two-factor authentication was turned on for your CloudShield account. If this was not you, contact your administrator.' } });
    audit(tx, actor, { action: 'auth.totp-enabled', targetType: 'user', targetId: user.id });
  });
  return { totpEnabled: true };
}

/** Asks for the password again: a hijacked session alone must not remove the second factor. */
export async function disableTotp(db: DB, actor: Actor, input: unknown): Promise<{ totpEnabled: false }> {
  const { password } = parseInput(totpDisableSchema, input);
  const user = ownAccount(db, actor);
  const key = { account: user.email, ip: actor.sourceIp ?? null };
  await assertAttemptAllowed(key);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedAttempt(key);
    audit(db, actor, { action: 'auth.totp-disable-failed', outcome: 'failed', targetType: 'user', targetId: user.id, details: { reason: 'wrong-password' } });
    throw new ValidationError([{ field: 'password', message: 'Password is incorrect.' }]);
  }
  await recordSuccessfulAttempt(key);
  db.transaction((tx) => {
    tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, user.id)).run();
    recordEvent(tx, { type: 'account.2fa-changed', tenantId: actor.role === 'staff' ? null : actor.tenantId, occurredAt: Date.now(), payload: { userId: user.id, enabled: false, summary: 'Two-factor authentication was turned off for your CloudShield account. If this was not you, contact your administrator now.' } });
    audit(tx, actor, { action: 'auth.totp-disabled', targetType: 'user', targetId: user.id });
  });
  return { totpEnabled: false };
}
