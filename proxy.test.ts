import { encode, decode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { authSecret } from '@/lib/auth/secret';
import { proxy } from './proxy';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const visit = (path: string, cookie?: string) =>
  proxy(new NextRequest(new URL(path, 'http://localhost:3000'), { headers: cookie ? { cookie } : {} }));

async function session(claims: Record<string, unknown>, ageSeconds = 0) {
  // jose stamps `iat` from the clock: issue the cookie in the past.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() - ageSeconds * 1000);
  try {
    return `next-auth.session-token=${await encode({ token: claims, secret: authSecret(), maxAge: 1800 })}`;
  } finally {
    vi.useRealTimers();
  }
}

describe('proxy', () => {
  it('sends anonymous visitors to /login with the way back', async () => {
    const res = await visit('/groups/grp_1?tab=rpo');
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://localhost:3000/login?callbackUrl=%2Fgroups%2Fgrp_1%3Ftab%3Drpo');
    expect((await visit('/')).headers.get('location')).toBe('http://localhost:3000/login');
    expect((await visit('/login')).headers.get('location')).toBeNull();
  });

  it('keeps client roles out of the provider console', async () => {
    const cookie = await session({ userId: 'usr_1', role: 'client_admin' });
    expect((await visit('/staff/tenants', cookie)).headers.get('location')).toBe('http://localhost:3000/');
    expect((await visit('/groups', cookie)).headers.get('location')).toBeNull();
    const staff = await session({ userId: 'usr_2', role: 'staff' });
    expect((await visit('/staff', staff)).headers.get('location')).toBeNull();
  });

  it('slides the session expiry on page views', async () => {
    const cookie = await session({ userId: 'usr_1', role: 'user', authTime: Math.floor(Date.now() / 1000) - 600 }, 600);
    const res = await visit('/groups', cookie);
    const renewed = res.cookies.get('next-auth.session-token');
    expect(res.headers.get('set-cookie')).toMatch(/^next-auth\.session-token=.*; Max-Age=1800;.*HttpOnly; SameSite=lax/i);
    const token = await decode({ token: renewed!.value, secret: authSecret() });
    expect(token).toMatchObject({ userId: 'usr_1', role: 'user' });
    expect(Number(token!.exp) - Date.now() / 1000).toBeGreaterThan(1790);
    // A fresh cookie is left alone (no Set-Cookie on every request).
    expect((await visit('/groups', await session({ userId: 'usr_1', role: 'user' }))).headers.get('set-cookie')).toBeNull();
  });

  it('ends sessions past their absolute lifetime', async () => {
    const cookie = await session({ userId: 'usr_1', role: 'user', authTime: Math.floor(Date.now() / 1000) - 13 * 3600 });
    expect((await visit('/groups', cookie)).headers.get('location')).toContain('/login');
  });

  it('sets a nonce CSP on every page, login and files included, and hands it to Next on the request', async () => {
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    for (const path of ['/login', '/groups', '/favicon.ico']) {
      const res = await visit(path, await session({ userId: 'usr_1', role: 'user' }));
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // NextResponse.next({ request: { headers } }) passes request headers as x-middleware-request-*.
      expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    }
    const redirect = await visit('/groups');
    expect(redirect.status).toBe(307);
    expect(nonceOf(redirect)).toBeTruthy();
    expect(nonceOf(await visit('/login'))).not.toBe(nonceOf(await visit('/login')));
  });
});
