import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRequest } from '@/lib/testing/api';
import { authSecret } from './secret';
import { readSessionToken } from './session-token';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const withCookie = (value: string) => apiRequest('/', { headers: { cookie: `next-auth.session-token=${value}` } });
const token = (claims: Record<string, unknown>, maxAge = 1800) => encode({ token: claims, secret: authSecret(), maxAge });

afterEach(() => vi.useRealTimers());

describe('readSessionToken', () => {
  it('decodes the claims, and the same cookie again gives the same claims', async () => {
    const value = await token({ userId: 'usr_1', role: 'user' });
    const first = await readSessionToken(withCookie(value));
    expect(first).toMatchObject({ userId: 'usr_1', role: 'user' });
    expect(await readSessionToken(withCookie(value))).toEqual(first);
  });

  it('is null without a cookie, for a forged or tampered one, and for one signed with another secret', async () => {
    expect(await readSessionToken(apiRequest('/'))).toBeNull();
    const value = await token({ userId: 'usr_1' });
    expect(await readSessionToken(withCookie(`${value.slice(0, -4)}AAAA`))).toBeNull();
    expect(await readSessionToken(withCookie('not-a-jwt'))).toBeNull();
    const foreign = await encode({ token: { userId: 'usr_1' }, secret: 'another-secret-another-secret-0123', maxAge: 1800 });
    expect(await readSessionToken(withCookie(foreign))).toBeNull();
  });

  it('stops honouring a remembered token once it has expired', async () => {
    const value = await token({ userId: 'usr_2' }, 60);
    expect(await readSessionToken(withCookie(value))).toMatchObject({ userId: 'usr_2' });
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    expect(await readSessionToken(withCookie(value))).toBeNull();
  });

  it('hands out claims nobody can change for the next request', async () => {
    const value = await token({ userId: 'usr_3', role: 'user' });
    const claims = await readSessionToken(withCookie(value));
    expect(() => Object.assign(claims!, { role: 'staff' })).toThrow();
    expect(await readSessionToken(withCookie(value))).toMatchObject({ role: 'user' });
  });
});
