import { describe, expect, it } from 'vitest';
import {
  MAX_TOKEN_DAYS,
  MIN_PASSWORD_LENGTH,
  createTokenSchema,
  credentialsSchema,
  passwordChangeSchema,
  recoveryCodesRegenerateSchema,
  tokenRequestSchema,
  totpConfirmSchema,
  totpDisableSchema,
} from './schemas';

// What a person typing into the sign-in, token and two-factor forms (or a script posting to the
// API) relies on: the same field means the same thing, bounds hold, and an error names the field.
function issue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const [first] = result.error!.issues;
  return { path: first.path.join('.'), message: first.message };
}

describe('credentialsSchema', () => {
  it('matches emails case-insensitively and ignores surrounding spaces', () => {
    const parsed = credentialsSchema.parse({ email: '  Admin@ACME.test ', password: 'x' });
    expect(parsed.email).toBe('admin@acme.test');
  });

  it('treats an empty one-time code from an untouched form field as absent', () => {
    expect(credentialsSchema.parse({ email: 'a@b.c', password: 'x', otp: '   ' }).otp).toBeUndefined();
    expect(credentialsSchema.parse({ email: 'a@b.c', password: 'x', otp: ' 123456 ' }).otp).toBe('123456');
  });

  it('asks for the email and the password by name', () => {
    expect(issue(credentialsSchema.safeParse({ email: '', password: 'x' }))).toEqual({ path: 'email', message: 'Enter your email address' });
    expect(issue(credentialsSchema.safeParse({ email: 'a@b.c', password: '' }))).toEqual({ path: 'password', message: 'Enter your password' });
  });

  it('caps the password so nobody can make the server hash megabytes per attempt', () => {
    expect(credentialsSchema.safeParse({ email: 'a@b.c', password: 'p'.repeat(1024) }).success).toBe(true);
    expect(issue(credentialsSchema.safeParse({ email: 'a@b.c', password: 'p'.repeat(1025) })).path).toBe('password');
    expect(issue(credentialsSchema.safeParse({ email: `${'e'.repeat(250)}@b.cd`, password: 'x' })).path).toBe('email');
    expect(issue(credentialsSchema.safeParse({ email: 'a@b.c', password: 'x', otp: '1'.repeat(33) })).path).toBe('otp');
  });
});

describe('token schemas', () => {
  it('gives a password sign-in a full token and a session-made token read scope unless asked', () => {
    expect(tokenRequestSchema.parse({ email: 'a@b.c', password: 'x' }).scope).toBe('full');
    expect(createTokenSchema.parse({ name: 'ci' }).scope).toBe('read');
    expect(createTokenSchema.parse({ name: 'ci', scope: 'full' }).scope).toBe('full');
  });

  it('refuses an unknown scope naming the field', () => {
    expect(issue(createTokenSchema.safeParse({ name: 'ci', scope: 'admin' }))).toEqual({ path: 'scope', message: 'Scope must be "read" or "full".' });
  });

  it(`bounds a token's life to 1–${MAX_TOKEN_DAYS} whole days`, () => {
    expect(createTokenSchema.safeParse({ name: 'ci', expiresInDays: MAX_TOKEN_DAYS }).success).toBe(true);
    expect(createTokenSchema.safeParse({ name: 'ci', expiresInDays: 1 }).success).toBe(true);
    for (const bad of [0, MAX_TOKEN_DAYS + 1, 1.5, -3]) {
      expect(issue(createTokenSchema.safeParse({ name: 'ci', expiresInDays: bad })).path).toBe('expiresInDays');
    }
  });

  it('requires a token name of at most 80 characters', () => {
    expect(issue(createTokenSchema.safeParse({})).path).toBe('name');
    expect(createTokenSchema.safeParse({ name: 'n'.repeat(80) }).success).toBe(true);
    expect(issue(createTokenSchema.safeParse({ name: 'n'.repeat(81) })).path).toBe('name');
  });
});

describe('two-factor schemas', () => {
  it('accepts exactly six digits from the authenticator app', () => {
    expect(totpConfirmSchema.parse({ code: ' 012345 ' }).code).toBe('012345');
    for (const bad of ['12345', '1234567', '12a456', '']) {
      expect(issue(totpConfirmSchema.safeParse({ code: bad }))).toEqual({ path: 'code', message: 'Enter the 6-digit code from your authenticator app' });
    }
    expect(recoveryCodesRegenerateSchema.safeParse({ code: 'ABCD-EFGH' }).success).toBe(false);
  });

  it('lets a recovery code stand in for the app when turning two-factor off, with the password', () => {
    expect(totpDisableSchema.safeParse({ password: 'x', code: 'ABCD-EFGH-1234' }).success).toBe(true);
    expect(issue(totpDisableSchema.safeParse({ password: 'x', code: '  ' })).path).toBe('code');
    expect(issue(totpDisableSchema.safeParse({ code: '123456' })).path).toBe('password');
  });
});

describe('passwordChangeSchema', () => {
  const current = 'old-password-1';

  it(`asks for at least ${MIN_PASSWORD_LENGTH} characters and at most 256, with no composition rules`, () => {
    expect(passwordChangeSchema.safeParse({ currentPassword: current, newPassword: 'a'.repeat(MIN_PASSWORD_LENGTH) }).success).toBe(true);
    expect(issue(passwordChangeSchema.safeParse({ currentPassword: current, newPassword: 'a'.repeat(MIN_PASSWORD_LENGTH - 1) }))).toEqual({
      path: 'newPassword',
      message: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
    });
    expect(passwordChangeSchema.safeParse({ currentPassword: current, newPassword: 'a'.repeat(256) }).success).toBe(true);
    expect(issue(passwordChangeSchema.safeParse({ currentPassword: current, newPassword: 'a'.repeat(257) })).path).toBe('newPassword');
  });

  it('refuses the current password as the new one, on the new field', () => {
    expect(issue(passwordChangeSchema.safeParse({ currentPassword: 'same-password-1', newPassword: 'same-password-1' }))).toEqual({
      path: 'newPassword',
      message: 'Choose a password different from the current one',
    });
  });
});
