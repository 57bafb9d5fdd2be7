import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { DomainError, RateLimitedError } from '@/lib/core/errors';
import { verifyCredentials } from './credentials';
import { sourceIpOfRecord, userAgentOfRecord } from './request-meta';
import { credentialsSchema } from './schemas';
import { authSecret, ensureAuthEnv } from './secret';
import { sessionIdleSeconds } from './session-cookie';
import { endSessionOnSignOut, sessionClaimsAtSignIn } from './session-version';

/**
 * next-auth (v4) configuration: email + password (+ TOTP) sign-in, sessions as encrypted JWT
 * cookies. Built lazily, on the first request, so `next build` never reads or creates the
 * secret file (it would end up baked into an image).
 */
let cached: AuthOptions | undefined;

export function authOptions(): AuthOptions {
  if (cached) return cached;
  ensureAuthEnv();
  // Idle timeout: the cookie lives `idle` seconds and is re-issued on activity (the session
  // endpoint and proxy.ts slide it), so a session left alone expires after that long.
  const idle = sessionIdleSeconds();
  cached = {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: idle, updateAge: 0 },
    jwt: { maxAge: idle },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
          otp: { label: 'One-time code', type: 'text' },
        },
        authorize,
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.userId = user.id;
          token.role = user.role;
          token.tenantId = user.tenantId;
          token.email = user.email;
          token.name = user.name;
          // Fractional: a password change or reset in the same second must still end this session.
          token.authTime = Date.now() / 1000;
          Object.assign(token, sessionClaimsAtSignIn(getDb(), user.id));
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.userId ?? '',
          email: token.email ?? '',
          name: token.name ?? '',
          role: token.role ?? 'user',
          tenantId: token.tenantId ?? null,
        };
        return session;
      },
    },
    events: {
      signOut({ token }) {
        if (!token?.userId || !token.role) return;
        const actor: Actor = { userId: token.userId, email: token.email ?? '', role: token.role, tenantId: token.tenantId ?? null, via: 'session' };
        // The cookie is refused from now on, not merely deleted from this browser (session-version.ts).
        const ended = endSessionOnSignOut(getDb(), token.userId, token);
        audit(getDb(), actor, { action: 'auth.sign-out', targetType: 'user', targetId: token.userId, details: { ended } });
      },
    },
  };
  return cached;
}

/**
 * next-auth turns a thrown error's message into `?error=<message>`; the login form maps these
 * codes to sentences (components/auth/sign-in-errors.ts).
 */
async function authorize(raw: Record<string, string> | undefined, req: { headers?: Record<string, unknown> }) {
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new Error('invalid-credentials');
  const sourceIp = sourceIpOfRecord(req?.headers as Record<string, string> | undefined);
  const userAgent = userAgentOfRecord(req?.headers as Record<string, string> | undefined);
  const db = getDb();
  try {
    const user = await verifyCredentials(db, parsed.data, { sourceIp, channel: 'web', userAgent });
    const actor: Actor = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, via: 'session', sourceIp };
    audit(db, actor, { action: 'auth.sign-in', targetType: 'user', targetId: user.id });
    return user;
  } catch (error) {
    if (error instanceof RateLimitedError) throw new Error(`rate-limited:${error.retryAfterSeconds}`);
    if (error instanceof DomainError && typeof error.extra.code === 'string') throw new Error(error.extra.code);
    console.error('Sign-in failed unexpectedly', error);
    throw new Error('server-error');
  }
}
