/**
 * Issue 19 item 3: wrong passwords slow down the (account, source) pair that makes them,
 * progressively, and never lock the account itself; a per-source budget catches spraying.
 * Time is vitest's fake clock (rate-limiter-flexible reads Date.now and setTimeout): no sleeping.
 */
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '@/db';
import { users } from '@/db/schema';
import { RateLimitedError } from '@/lib/core/errors';
import { seededTestDb } from '@/lib/testing/db';
import { verifyCredentials } from './credentials';
import { assertAttemptAllowed, resetAuthRateLimits } from "./rate-limit";
const PAIR_FREE_FAILURES = 5, SOURCE_FREE_FAILURES = 20, MAX_DELAY_SECONDS = 900; const delayAfter = (n: number, f: number) => (n < f ? 0 : Math.min(2 ** (n - f), 900));

const A = '203.0.113.66';
const B = '198.51.100.23';
const OWNER = 'admin@acme.test';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});
beforeEach(() => {
  resetAuthRateLimits();
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

const attempt = (email: string, password: string, sourceIp: string | null, otp?: string) =>
  verifyCredentials(db, { email, password, otp }, { sourceIp, channel: 'web' });

/** What an attempt came to: 'ok', 401-ish 'wrong', or the seconds a 429 asks to wait. */
async function outcome(p: Promise<unknown>): Promise<'ok' | 'wrong' | 'otp-required' | number> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSeconds;
    if ((error as { extra?: { code?: string } }).extra?.code === 'otp-required') return 'otp-required';
    return 'wrong';
  }
}

/** Fails `n` times from `ip`, waiting out whatever delay is asked in between; the waits asked. */
async function failRepeatedly(email: string, ip: string | null, n: number): Promise<number[]> {
  const waits: number[] = [];
  for (let failures = 0; failures < n; ) {
    const r = await outcome(attempt(email, `guess-${failures}`, ip));
    if (typeof r === 'number') {
      waits.push(r);
      vi.advanceTimersByTime(r * 1000);
    } else failures++;
  }
  return waits;
}

describe('progressive delays per (account, source)', () => {
  it("an attacker's 20 failures from one address do not stop the owner signing in from another", async () => {
    await failRepeatedly(OWNER, A, 20);
    // From A the account is being throttled…
    expect(typeof (await outcome(attempt(OWNER, 'demo-password', A)))).toBe('number');
    // …but the owner, elsewhere, is not delayed at all.
    expect(await outcome(attempt(OWNER, 'demo-password', B))).toBe('ok');
  });

  it('grows the delay from one address progressively: small after the threshold, larger later, capped', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await outcome(attempt(OWNER, `guess-${i}`, A))).toBe('wrong');
    // Right after the free failures: a short wait, enforced even for the right password.
    expect(await outcome(attempt(OWNER, 'demo-password', A))).toBe(1);
    const waits = await failRepeatedly(OWNER, A, 14);
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);
    expect(waits.at(-1)).toBe(MAX_DELAY_SECONDS);
    expect(Math.max(...waits)).toBe(MAX_DELAY_SECONDS);
    // Waiting it out lets the next attempt through: a delay, never a lock.
    expect(await outcome(attempt(OWNER, 'demo-password', A))).toBe(MAX_DELAY_SECONDS);
    vi.advanceTimersByTime(MAX_DELAY_SECONDS * 1000);
    expect(await outcome(attempt(OWNER, 'demo-password', A))).toBe('ok');
  });

  it('the delay schedule: free, then 1 s doubling to the 15 min cap', () => {
    expect([4, 5, 6, 7, 8].map((n) => delayAfter(n, 5))).toEqual([0, 1, 2, 4, 8]);
    expect(delayAfter(15, 5)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfter(10_000, 5)).toBe(MAX_DELAY_SECONDS);
  });

  it("a success from a pair clears that pair's delay", async () => {
    await failRepeatedly('user@acme.test', A, PAIR_FREE_FAILURES + 3);
    const waitBefore = await outcome(attempt('user@acme.test', 'demo-password', A));
    expect(waitBefore).toBe(8);
    vi.advanceTimersByTime(8_000);
    expect(await outcome(attempt('user@acme.test', 'demo-password', A))).toBe('ok');
    // The count starts over: the free failures again, no wait in between.
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await outcome(attempt('user@acme.test', `again-${i}`, A))).toBe('wrong');
    expect(await outcome(attempt('user@acme.test', 'demo-password', A))).toBe(1);
  });

  it('refuses parallel guesses beyond the free budget (they cannot all slip in while hashing)', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(attempt(OWNER, `parallel-${i}`, A))));
    expect(results.filter((r) => r === 'wrong')).toHaveLength(PAIR_FREE_FAILURES);
    expect(results.filter((r) => typeof r === 'number')).toHaveLength(30 - PAIR_FREE_FAILURES);
  });

  it('without a source address keys on the account alone, progressively, never locking', async () => {
    const waits = await failRepeatedly(OWNER, null, PAIR_FREE_FAILURES + 3);
    expect(waits).toEqual([1, 2, 4]);
    expect(await outcome(attempt(OWNER, 'demo-password', null))).toBe(8);
    vi.advanceTimersByTime(8_000);
    expect(await outcome(attempt(OWNER, 'demo-password', null))).toBe('ok');
    // An address-less attacker does not slow down the owner at a known address.
    await failRepeatedly(OWNER, null, PAIR_FREE_FAILURES + 1);
    expect(await outcome(attempt(OWNER, 'demo-password', B))).toBe('ok');
  });

  it("a 2FA account's first step (password right, no code yet) is not a failure", async () => {
    const secret = new Secret({ size: 20 });
    const email = 'admin@globex.test';
    db.update(users).set({ totpSecret: secret.base32, totpEnabled: true }).where(eq(users.email, email)).run();
    try {
      for (let i = 0; i < PAIR_FREE_FAILURES + 5; i++) expect(await outcome(attempt(email, 'demo-password', A))).toBe('otp-required');
      expect(await outcome(attempt(email, 'demo-password', A, TOTP.generate({ secret })))).toBe('ok');
    } finally {
      db.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.email, email)).run();
    }
  });
});

describe('per-source budget across accounts (password spraying)', () => {
  it('throttles one address trying many accounts, not other addresses', async () => {
    for (let i = 0; i < SOURCE_FREE_FAILURES; i++) expect(await outcome(attempt(`sprayed${i}@acme.test`, 'Winter2026!', A))).toBe('wrong');
    // A fresh account from the same address now waits, and longer with each further try.
    expect(await outcome(attempt('another@acme.test', 'Winter2026!', A))).toBe(1);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await outcome(attempt(`later${i}@acme.test`, 'Winter2026!', A));
      if (typeof r === 'number') {
        waits.push(r);
        vi.advanceTimersByTime(r * 1000);
      }
    }
    expect(waits[0]).toBe(1);
    expect(waits.at(-1)!).toBeGreaterThan(waits[0]);
    // Nobody else is affected.
    expect(await outcome(attempt(OWNER, 'demo-password', B))).toBe('ok');
  });

  it('forgets a source after its hour', async () => {
    await failRepeatedly('x@acme.test', A, 1);
    for (let i = 0; i < SOURCE_FREE_FAILURES; i++) await outcome(attempt(`s${i}@acme.test`, 'p', A));
    expect(typeof (await outcome(attempt('y@acme.test', 'p', A)))).toBe('number');
    vi.advanceTimersByTime(61 * 60_000);
    expect(await outcome(attempt('y@acme.test', 'p', A))).toBe('wrong');
  });

  it('answers a throttled attempt with a Retry-After in whole seconds', async () => {
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await assertAttemptAllowed({ account: OWNER, ip: A });
    await expect(assertAttemptAllowed({ account: OWNER, ip: A })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    vi.advanceTimersByTime(400);
    await expect(assertAttemptAllowed({ account: OWNER, ip: A })).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
  });
});
