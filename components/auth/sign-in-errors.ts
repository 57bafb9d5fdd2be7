/**
 * The sentence for each sign-in error code. Codes come from lib/auth/errors.ts (via next-auth's
 * `?error=`), so the server decides what went wrong and this file only words it.
 */
export type SignInProblem = { message: string; needsCode: boolean };

export function describeSignInError(code: string): SignInProblem {
  const rateLimited = /^rate-limited:(\d+)$/.exec(code);
  if (rateLimited) return { message: `Too many failed sign-in attempts. Wait ${waitText(Number(rateLimited[1]))} before trying again.`, needsCode: false };
  switch (code) {
    case 'otp-required':
      return { message: 'Enter the 6-digit code from your authenticator app.', needsCode: true };
    case 'otp-invalid':
      return { message: 'That code is not valid. Enter the current 6-digit code from your authenticator app.', needsCode: true };
    case 'account-disabled':
      return { message: 'This account is disabled. Ask your administrator to re-enable it.', needsCode: false };
    case 'password-expired':
      return { message: 'This one-time password has expired. Ask your administrator for a new one.', needsCode: false };
    case 'SessionRequired':
      return { message: 'Sign in to continue.', needsCode: false };
    case 'invalid-credentials':
    case 'CredentialsSignin':
      return { message: 'Email or password is incorrect.', needsCode: false };
    default:
      return { message: 'Sign-in is unavailable right now. Try again in a moment.', needsCode: false };
  }
}

/**
 * The wait a 429 asked for, as said: seconds under a minute (the first delays are 1, 2, 4 s),
 * whole minutes rounded up beyond (at most 15).
 */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const minutes = Math.ceil(s / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
