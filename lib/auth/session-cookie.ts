import { serverConfig } from '@/lib/config';

const PLAIN = 'next-auth.session-token';
const SECURE = '__Secure-next-auth.session-token';

/** Idle timeout: a session not used for this long is over (sliding expiry). */
export function sessionIdleSeconds(): number {
  return serverConfig().SESSION_IDLE_MINUTES * 60;
}

/**
 * Absolute cap on a session however active it is, so a stolen cookie kept alive by a script
 * still dies. Checked against the `authTime` claim set at sign-in.
 */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

type CookieReader = { get(name: string): { value: string } | undefined };

/**
 * Which session cookie this request carries. next-auth names it `__Secure-...` when the origin
 * is https; since we trust the request's host rather than a fixed NEXTAUTH_URL, look at what
 * the browser actually sent (browsers only store `__Secure-` cookies set over https).
 */
export function sessionCookieName(cookies: CookieReader): { name: string; secure: boolean } {
  if (cookies.get(SECURE)) return { name: SECURE, secure: true };
  if (cookies.get(PLAIN)) return { name: PLAIN, secure: false };
  const secure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  return { name: secure ? SECURE : PLAIN, secure };
}
