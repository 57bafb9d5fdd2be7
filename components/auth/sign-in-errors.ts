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
      return { message: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.', needsCode: true };
    case 'otp-invalid':
      return { message: 'That code is not valid. Enter the current 6-digit code from your authenticator app, or an unused recovery code.', needsCode: true };
    case 'account-disabled':
      return { message: 'This account is disabled. Ask your administrator to re-enable it.', needsCode: false };
    case 'password-expired':
      return { message: 'This one-time password has expired. Ask your administrator for a new one.', needsCode: false };
    // Single sign-on (issue 19): codes of lib/domain/sso and lib/auth/sso-required.ts; OAuthCallback
    // is next-auth's for an answer openid-client refused (wrong issuer or audience, expired or
    // badly signed ID token, nonce or state mismatch).
    case 'sso-required':
      return { message: 'Your organisation signs in with single sign-on. Use "Sign in with your organisation" below.', needsCode: false };
    case 'sso-domain-refused':
      return { message: "Your organisation's identity provider vouched for an email address outside the domains it may sign in. No account was created; ask your administrator.", needsCode: false };
    case 'sso-account-elsewhere':
      return { message: 'That email address already has a CloudShield account that does not belong to this organisation. Sign in with your password.', needsCode: false };
    case 'sso-email-unverified':
      return { message: "Your organisation's identity provider did not confirm your email address is verified, so you cannot be signed in. Ask your administrator.", needsCode: false };
    case 'sso-email-missing':
      return { message: "Your organisation's identity provider sent no email address (the email scope), so you cannot be signed in. Ask your administrator.", needsCode: false };
    case 'sso-issuer-mismatch':
      return { message: "Your organisation's identity provider names a different issuer than the one configured, so its sign-in is refused. Ask your service provider to correct the issuer URL.", needsCode: false };
    case 'sso-unreachable':
    case 'sso-unavailable':
    case 'OAuthSignin':
      return { message: "Your organisation's identity provider cannot be reached right now. Try again in a moment or sign in with your password if you have one.", needsCode: false };
    case 'OAuthCallback':
      return { message: "Your organisation's sign-in could not be verified (the identity provider's answer was refused: expired or invalid). Try again; if it keeps failing, ask your administrator.", needsCode: false };
    case 'tenant-suspended':
      return { message: "Your organisation's access is suspended. Contact your service provider.", needsCode: false };
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
