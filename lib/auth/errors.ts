import { DomainError } from '@/lib/core/errors';
import { ONE_TIME_PASSWORD_DAYS } from './schemas';

/**
 * Sign-in refusals. Each carries a stable `code` (in the problem body and as next-auth's error
 * string) so the login form can show the right message without parsing prose.
 */
export type SignInErrorCode = 'invalid-credentials' | 'otp-required' | 'otp-invalid' | 'account-disabled' | 'password-expired';

/** Same answer for an unknown email and a wrong password: no account enumeration. */
export class InvalidCredentialsError extends DomainError {
  readonly code: SignInErrorCode = 'invalid-credentials';
  constructor() {
    super(401, 'Not authenticated', 'Email or password is incorrect.', { code: 'invalid-credentials' });
  }
}

export class OtpRequiredError extends DomainError {
  readonly code: SignInErrorCode = 'otp-required';
  constructor() {
    super(401, 'Two-factor code required', 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.', { code: 'otp-required' });
  }
}

export class OtpInvalidError extends DomainError {
  readonly code: SignInErrorCode = 'otp-invalid';
  constructor() {
    super(401, 'Two-factor code incorrect', 'That code is not valid. Enter the current 6-digit code from your authenticator app, or an unused recovery code.', { code: 'otp-invalid' });
  }
}

export const TENANT_SUSPENDED_MESSAGE = "Your organisation's access is suspended. Contact your service provider.";

/** Only ever reported after the correct password, so it reveals nothing to a guesser. */
export class AccountDisabledError extends DomainError {
  readonly code: SignInErrorCode = 'account-disabled';
  constructor(message = 'This account is disabled. Ask your administrator to re-enable it.') {
    super(403, 'Account disabled', message, { code: 'account-disabled' });
  }
}

/** Only ever reported after the correct password, like AccountDisabledError. */
export class OneTimePasswordExpiredError extends DomainError {
  readonly code: SignInErrorCode = 'password-expired';
  constructor() {
    super(403, 'Password expired', `This one-time password is more than ${ONE_TIME_PASSWORD_DAYS} days old. Ask your administrator for a new one.`, { code: 'password-expired' });
  }
}
