import { getToken, type JWT } from 'next-auth/jwt';
import { authSecret } from './secret';
import { sessionCookieName } from './session-cookie';

type CookieJar = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };
type RequestLike = Parameters<typeof getToken>[0]['req'] & { cookies: CookieJar };

/** Decoded session tokens by their exact cookie value, so a page view decrypts its cookie once. */
const decoded = new Map<string, JWT>();
const MAX_ENTRIES = 5_000;

/**
 * The next-auth session JWT of a request, or null. Decrypting it derives a key with HKDF (on
 * libuv's thread pool) and runs AES-GCM: ~0.2 ms of CPU plus a round trip through the pool, paid
 * by the proxy and again by the page for every view and poll. The same cookie value always
 * decrypts to the same claims, so they are kept (bounded, oldest out first) until they expire;
 * whether the account may still use them (disabled, password changed) is checked by the
 * caller against the database every time. Chunked cookies (never ours: the JWT is small) skip the memo.
 */
export async function readSessionToken(req: RequestLike): Promise<JWT | null> {
  const cookie = sessionCookieName(req.cookies);
  const raw = req.cookies.get(cookie.name)?.value;
  if (!raw) return null;
  const memo = decoded.get(raw);
  if (memo) {
    if (typeof memo.exp === 'number' && memo.exp * 1000 > Date.now()) return memo;
    decoded.delete(raw);
    return null;
  }
  const jwt = await getToken({ req, secret: authSecret(), cookieName: cookie.name, secureCookie: cookie.secure });
  const chunked = req.cookies.getAll().some((c) => c.name.startsWith(`${cookie.name}.`));
  if (jwt && typeof jwt.exp === 'number' && !chunked) {
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, Object.freeze(jwt));
  }
  return jwt;
}
