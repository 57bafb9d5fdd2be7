import { NextResponse, type NextRequest } from 'next/server';
import { encode, type JWT } from 'next-auth/jwt';
import { authSecret, ensureAuthEnv } from '@/lib/auth/secret';
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, sessionIdleSeconds } from '@/lib/auth/session-cookie';
import { readSessionToken } from '@/lib/auth/session-token';

/**
 * Page navigation courtesy, nothing more: anonymous visitors go to /login, client roles are
 * turned away from the provider console. Authorisation lives in lib/domain and every page
 * and route checks the actor itself (a request that skips this file gets nothing more).
 *
 * It also slides the session: next-auth only re-issues its cookie when the client calls
 * /api/auth/session, so each page view re-encrypts the JWT with a fresh expiry, making
 * SESSION_IDLE_MINUTES an inactivity timeout. API polling does not pass here on purpose:
 * a dashboard left open must not keep a session alive forever.
 */
const SLIDE_AFTER_SECONDS = 60;

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (pathname === '/login') return NextResponse.next();

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

  const res = NextResponse.next();
  if (typeof token.iat === 'number' && now - token.iat > SLIDE_AFTER_SECONDS) {
    const maxAge = sessionIdleSeconds();
    const value = await encode({ token: claimsOf(token), secret: authSecret(), maxAge });
    res.cookies.set(cookie.name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookie.secure, maxAge });
  }
  return res;
}

export default proxy;

/** Our claims without the registered ones encode() sets afresh (iat, exp, jti). */
function claimsOf(token: JWT): JWT {
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  void [_iat, _exp, _jti];
  return claims;
}

export const config = {
  // Pages only: not the API (it answers 401 itself), not Next's assets, not files with an extension.
  matcher: ['/((?!api/|_next/|.*\\.[A-Za-z0-9]+$).*)'],
};
