import { NextResponse, type NextRequest } from 'next/server';
import { encode, type JWT } from 'next-auth/jwt';
import { authSecret, ensureAuthEnv } from '@/lib/auth/secret';
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, sessionIdleSeconds } from '@/lib/auth/session-cookie';
import { readSessionToken } from '@/lib/auth/session-token';
import { contentSecurityPolicy, newNonce } from '@/lib/server/csp';

/**
 * Page navigation courtesy, nothing more: anonymous visitors go to /login, client roles are
 * turned away from the provider console. Authorisation lives in lib/domain and every page
 * and route checks the actor itself (a request that skips this file gets nothing more).
 *
 * It also slides the session: next-auth only re-issues its cookie when the client calls
 * /api/auth/session, so each page view re-encrypts the JWT with a fresh expiry, making
 * SESSION_IDLE_MINUTES an inactivity timeout. API polling does not pass here on purpose:
 * a dashboard left open must not keep a session alive forever.
 *
 * And it sets every page's Content-Security-Policy with a fresh nonce (lib/server/csp.ts), on
 * the response and on the request, where Next picks the nonce up for its own scripts. It runs
 * for every path but the API and Next's own /_next/ files, so that the login page and the
 * not-found page of any path (with an extension too) get one.
 */
const SLIDE_AFTER_SECONDS = 60;

export async function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(newNonce());
  const res = await route(req, csp);
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

/** Files such as /icons.svg and /favicon.ico: public, no session needed. */
const FILE_PATH = /\.[A-Za-z0-9]+$/;

async function route(req: NextRequest, csp: string): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  if (pathname === '/login' || FILE_PATH.test(pathname)) return withCsp(req, csp);

  ensureAuthEnv();
  const cookie = sessionCookieName(req.cookies);
  const token = await readSessionToken(req);
  const now = Math.floor(Date.now() / 1000);

  if (!token?.userId || (token.authTime && now - token.authTime > SESSION_ABSOLUTE_SECONDS)) {
    const login = req.nextUrl.clone();
    login.pathname = '/login';
    login.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(login);
  }

  if ((pathname === '/staff' || pathname.startsWith('/staff/')) && token.role !== 'staff') {
    const home = req.nextUrl.clone();
    home.pathname = '/';
    home.search = '';
    return NextResponse.redirect(home);
  }

  const res = withCsp(req, csp);
  if (typeof token.iat === 'number' && now - token.iat > SLIDE_AFTER_SECONDS) {
    const maxAge = sessionIdleSeconds();
    const value = await encode({ token: claimsOf(token), secret: authSecret(), maxAge });
    res.cookies.set(cookie.name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookie.secure, maxAge });
  }
  return res;
}

export default proxy;

/** Passes the request on with the policy among its headers: Next takes the nonce from there. */
function withCsp(req: NextRequest, csp: string): NextResponse {
  const headers = new Headers(req.headers);
  headers.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers } });
}

/** Our claims without the registered ones encode() sets afresh (iat, exp, jti). */
function claimsOf(token: JWT): JWT {
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  void [_iat, _exp, _jti];
  return claims;
}

export const config = {
  // Everything but the API (it answers 401 itself and sends no HTML) and Next's own files; both
  // get a policy that allows nothing from next.config.mjs.
  matcher: ['/((?!api/|_next/).*)'],
};
