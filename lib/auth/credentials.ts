import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { tenants, users } from '@/db/schema';
import type { Role } from '@/lib/schemas/users';
import { audit } from '@/lib/core/audit';
import { dummyPasswordHash, verifyPassword } from './password';
import { assertAttemptAllowed, recordFailedAttempt, recordSuccessfulAttempt, releaseAttempt } from './rate-limit';
import { AccountDisabledError, TENANT_SUSPENDED_MESSAGE, InvalidCredentialsError, OneTimePasswordExpiredError, OtpInvalidError, OtpRequiredError } from './errors';
import { ONE_TIME_PASSWORD_DAYS, type CredentialsInput } from './schemas';
import { verifySecondFactor } from './second-factor';
import { noteSignInDevice } from './devices';
import { passwordSignInRefusedBySso, SsoRequiredError } from './sso-required';

export type VerifiedUser = { id: string; email: string; name: string; role: Role; tenantId: string | null };

type AttemptContext = { sourceIp: string | null; channel: 'web' | 'api'; userAgent?: string | null };

/**
 * The one credential check, used by the web sign-in (next-auth) and POST /api/v1/auth/token:
 * throttling, password (argon2id, constant work for unknown emails), disabled accounts,
 * two-factor, the failure audit. The caller audits the success in its own words.
 */
export async function verifyCredentials(db: DB, input: CredentialsInput, ctx: AttemptContext): Promise<VerifiedUser> {
  const key = { account: input.email, ip: ctx.sourceIp };
  await assertAttemptAllowed(key);

  const user = db
    .select({
      id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId,
      passwordHash: users.passwordHash, totpSecret: users.totpSecret, totpEnabled: users.totpEnabled, disabledAt: users.disabledAt,
      mustChangePassword: users.mustChangePassword, passwordChangedAt: users.passwordChangedAt, createdAt: users.createdAt,
      tenantStatus: tenants.status,
    })
    .from(users)
    .leftJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(users.email, input.email))
    .get();

  const fail = async (reason: string, error: Error): Promise<never> => {
    await recordFailedAttempt(key);
    audit(db, null, {
      action: 'auth.sign-in-failed',
      outcome: 'failed',
      tenantId: user?.tenantId ?? null,
      targetType: user ? 'user' : undefined,
      targetId: user?.id,
      sourceIp: ctx.sourceIp,
      details: { email: input.email, reason, channel: ctx.channel },
    });
    throw error;
  };

  // Verify against a dummy hash for unknown emails so both cost the same time.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user) return fail('unknown-email', new InvalidCredentialsError());
  if (!passwordOk) return fail('wrong-password', new InvalidCredentialsError());
  if (user.disabledAt) return fail('account-disabled', new AccountDisabledError());
  // A suspended client keeps its data but nobody of it signs in until staff reactivate it.
  if (user.tenantStatus === 'suspended') return fail('tenant-suspended', new AccountDisabledError(TENANT_SUSPENDED_MESSAGE));
  if (passwordSignInRefusedBySso(db, user)) return fail('sso-required', new SsoRequiredError());
  // A password an administrator was shown lapses unless its owner replaces it in time.
  const issuedAt = (user.passwordChangedAt ?? user.createdAt).getTime();
  if (user.mustChangePassword && Date.now() - issuedAt > ONE_TIME_PASSWORD_DAYS * 86_400_000) return fail('one-time-password-expired', new OneTimePasswordExpiredError());

  if (user.totpEnabled && user.totpSecret) {
    // Not a failure: the usual first step for a 2FA account whose form has no code yet.
    if (!input.otp) {
      await releaseAttempt(key);
      throw new OtpRequiredError();
    }
    if (!verifySecondFactor(db, { ...user, totpSecret: user.totpSecret }, input.otp, ctx)) return fail('otp-invalid', new OtpInvalidError());
  }

  await recordSuccessfulAttempt(key);
  db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id)).run();
  // A device (browser family and network) not seen before tells its owner (not on the first sign-in).
  noteSignInDevice(db, user, { userAgent: ctx.userAgent ?? null, sourceIp: ctx.sourceIp, channel: ctx.channel });
  return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId };
}
