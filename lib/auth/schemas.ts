import { z } from 'zod';
import { displayText, wholeNumber } from '@/lib/schemas/fields';

/**
 * Request bodies of sign-in, tokens and two-factor, shared by next-auth's `authorize`, the
 * REST routes and the forms so a field means the same thing everywhere.
 */

// Emails compare case-insensitively; the seed and user management store them lower-case.
const email = z.string().trim().toLowerCase().min(3, 'Enter your email address').max(254);
// Capped so nobody can make the server hash megabytes per attempt.
const password = z.string().min(1, 'Enter your password').max(1024);
const sixDigits = z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

// HTML forms send an empty string for an untouched optional field.
const optionalOtp = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(32).optional());

export const credentialsSchema = z.object({ email, password, otp: optionalOtp });
export type CredentialsInput = z.infer<typeof credentialsSchema>;

/** API tokens live at most this long (issue 19). */
export const MAX_TOKEN_DAYS = 90;
const tokenScope = z.enum(['read', 'full'], { error: 'Scope must be "read" or "full".' });

/**
 * POST /api/v1/auth/token. `name` labels the token in Settings. The scope defaults to `full`:
 * this is a script's sign-in with the password, which may do everything anyway.
 */
export const tokenRequestSchema = credentialsSchema.extend({
  name: displayText('Token name', 1, 80).optional(),
  scope: tokenScope.default('full'),
});

/**
 * POST /api/v1/tokens (from a signed-in session). The scope defaults to `read`: a long-lived
 * token stored in a script or CI secret should get write access only when asked for.
 */
export const createTokenSchema = z.object({
  name: displayText('Token name', 1, 80),
  expiresInDays: wholeNumber('Expires in', 1, MAX_TOKEN_DAYS, 'days').optional(),
  scope: tokenScope.default('read'),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** POST /api/v1/me/totp: the password again before a new second factor is bound to the account. */
export const totpBeginSchema = z.object({ password });

/** PUT /api/v1/me/totp */
export const totpConfirmSchema = z.object({ code: sixDigits });

/** A 6-digit code from the app or one of the account's recovery codes. */
const codeOrRecoveryCode = z.string().trim().min(1, 'Enter the code from your authenticator app or a recovery code').max(32);

/** DELETE /api/v1/me/totp: re-authenticate (password and second factor) before lowering the account's protection. */
export const totpDisableSchema = z.object({ password, code: codeOrRecoveryCode });

/** POST /api/v1/me/totp/recovery-codes: new codes need a current code from the app. */
export const recoveryCodesRegenerateSchema = z.object({ code: sixDigits });

/** PUT /api/v1/me/password. Length is what makes a password strong (NIST SP 800-63B): no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
/** How long a password an administrator was shown (invite, reset) may be used before it lapses. */
export const ONE_TIME_PASSWORD_DAYS = 7;
export const passwordChangeSchema = z
  .object({
    currentPassword: password,
    newPassword: z
      .string({ error: 'Enter a new password' })
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(256, 'Use at most 256 characters'),
  })
  .refine((b) => b.newPassword !== b.currentPassword, { error: 'Choose a password different from the current one', path: ['newPassword'] });
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;
