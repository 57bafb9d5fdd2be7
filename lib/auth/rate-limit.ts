import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimitedError } from '@/lib/core/errors';

/**
 * Throttles password guessing. Only failures are counted: 5 per account and 20 per source
 * address in 15 minutes, after which attempts are refused (429) until the window passes.
 * In memory is enough for one portal process; several instances would share a store.
 *
 * Kept on globalThis so the next-auth route and the token route (separate bundles in Next)
 * count against the same limits.
 */
const WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURES = 5;
export const IP_FAILURES = 20;

type Limiters = { account: RateLimiterMemory; ip: RateLimiterMemory };
const store = globalThis as unknown as { __cloudshieldAuthLimiters?: Limiters };

function limiters(): Limiters {
  store.__cloudshieldAuthLimiters ??= {
    account: new RateLimiterMemory({ keyPrefix: 'auth-account', points: ACCOUNT_FAILURES, duration: WINDOW_SECONDS }),
    ip: new RateLimiterMemory({ keyPrefix: 'auth-ip', points: IP_FAILURES, duration: WINDOW_SECONDS }),
  };
  return store.__cloudshieldAuthLimiters;
}

export type AttemptKey = { account: string; ip: string | null };

const accountKey = (email: string) => email.trim().toLowerCase();

/** Throws RateLimitedError while either the account or the address has used up its failures. */
export async function assertAttemptAllowed(key: AttemptKey): Promise<void> {
  const { account, ip } = limiters();
  const checks = [account.get(accountKey(key.account)).then((r) => ({ r, max: ACCOUNT_FAILURES }))];
  // Without an address there is nothing to key on; a shared "unknown" bucket would let one
  // attacker lock everybody out.
  if (key.ip) checks.push(ip.get(key.ip).then((r) => ({ r, max: IP_FAILURES })));
  let waitMs = 0;
  for (const { r, max } of await Promise.all(checks)) {
    if (r && r.consumedPoints >= max) waitMs = Math.max(waitMs, r.msBeforeNext);
  }
  if (waitMs > 0) throw new RateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
}

export async function recordFailedAttempt(key: AttemptKey): Promise<void> {
  const { account, ip } = limiters();
  // consume() rejects once the budget is exhausted; the next assertAttemptAllowed refuses.
  await account.consume(accountKey(key.account)).catch(() => undefined);
  if (key.ip) await ip.consume(key.ip).catch(() => undefined);
}

/** A successful sign-in clears the account's failures (not the address's: one good login
 * must not reset an attacker's budget against other accounts). */
export async function recordSuccessfulAttempt(key: AttemptKey): Promise<void> {
  await limiters().account.delete(accountKey(key.account));
}

/** Tests only: start from a clean slate. */
export function resetAuthRateLimits(): void {
  store.__cloudshieldAuthLimiters = undefined;
}
