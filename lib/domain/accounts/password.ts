import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { assertAttemptAllowed, recordFailedAttempt, recordSuccessfulAttempt } from '@/lib/auth/rate-limit';
import { passwordChangeSchema } from '@/lib/auth/schemas';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { iso } from '@/lib/domain/core/clock';
import { ForbiddenError, ValidationError } from '@/lib/core/errors';
import { ownAccount } from './own-account';
import { parseInput } from '@/lib/domain/core/validate';

/**
 * PUT /me/password: the signed-in person replaces their password (an invited user replaces the
 * one an administrator was shown). The current password is asked again and failures count
 * towards the sign-in rate limit, so a hijacked session cannot take the account over. Every
 * session that signed in before the change is over, this one included (resolve-actor compares
 * its sign-in time): sign in again with the new password. API tokens are separate credentials
 * and keep working; revoke them in Settings if they may be known to someone else.
 * Sessions only: a bearer token cannot change the password it was not given with.
 */
export async function changeOwnPassword(db: DB, actor: Actor, input: unknown): Promise<{ passwordChangedAt: string }> {
  const user = ownAccount(db, actor);
  if (actor.via !== 'session') {
    audit(db, actor, { action: 'denied:password-change-with-token', outcome: 'denied', targetType: 'user', targetId: user.id });
    throw new ForbiddenError('Change your password from a signed-in session, not with an API token.');
  }
  const body = parseInput(passwordChangeSchema, input);
  const key = { account: user.email, ip: actor.sourceIp ?? null };
  await assertAttemptAllowed(key);
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    await recordFailedAttempt(key);
    audit(db, actor, { action: 'auth.password-change-failed', outcome: 'failed', targetType: 'user', targetId: user.id, details: { reason: 'wrong-password' } });
    throw new ValidationError([{ field: 'currentPassword', message: 'Current password is incorrect.' }]);
  }
  await recordSuccessfulAttempt(key);
  const passwordHash = await hashPassword(body.newPassword);
  // Wall-clock time, to the millisecond like the session's sign-in time (resolve-actor compares them).
  const at = new Date();
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: at, mustChangePassword: false }).where(eq(users.id, user.id)).run();
    recordEvent(tx, {
      type: 'account.password-changed', tenantId: actor.role === 'staff' ? null : actor.tenantId, occurredAt: at,
      payload: { userId: user.id, summary: 'The password of your CloudShield account was changed; every other session was signed out. If this was not you, contact your administrator.' },
    });
    audit(tx, actor, { action: 'auth.password-changed', targetType: 'user', targetId: user.id });
  });
  return { passwordChangedAt: iso(at) };
}
