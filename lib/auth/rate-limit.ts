import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '@/lib/core/errors';

/**
 * Throttles password guessing with progressive delays, never by locking an account.
 *
 * - Per (account, source address) pair: the first PAIR_FREE_FAILURES failures in a day cost
 *   nothing; after that each attempt from the pair makes the next one wait 1 s, 2 s, 4 s, …
 *   capped at MAX_DELAY_SECONDS. The account's owner signing in from another address is not
 *   slowed down by an attacker's failures, and a success from a pair clears that pair.
 * - Per source address, across accounts (password spraying): the first SOURCE_FREE_FAILURES
 *   failures in an hour are free, then every attempt from the address waits the same way.
 *   A success does not count towards this budget but does not reset it either (else an attacker
 *   with one valid account could interleave its sign-ins to keep spraying).
 * - Without a source address (unknown), the pair is the account alone, with the same
 *   progressive rule. The trade-off: nothing tells the owner from an attacker then, so failures
 *   from anyone else without an address slow the owner down too; they are never locked out (the
 *   attacker must wait out the same delay for each guess, so at most one guess per delay), and
 *   not throttling at all would allow unlimited guessing. There is no per-source budget for
 *   unknown addresses: one shared bucket would let a single attacker slow everybody down.
 *
 * An attempt counts as a failure from the moment it starts (assertAttemptAllowed) until it is
 * settled otherwise: recordSuccessfulAttempt for a success, releaseAttempt for a neutral step
 * (a 2FA account's first step, which proves the password). Concurrent guesses therefore cannot
 * slip past the free budget while the first ones are still hashing, and an attempt whose caller
 * forgets to settle it, or that throws, counts as a failure (fail closed). Beyond the free budget
 * the wait for the next attempt is set when the attempt starts, so parallel guesses are refused.
 *
 * Counters and waits are rate-limiter-flexible's (penalty/reward for counting, block for the
 * wait). In memory is enough for one portal process; several instances would share a store
 * (e.g. RateLimiterSQLite/Redis behind the same calls). Kept on globalThis so the next-auth
 * route and the token route (separate bundles in Next) count against the same limits.
 */
export const PAIR_FREE_FAILURES = 5;
export const SOURCE_FREE_FAILURES = 20;
export const MAX_DELAY_SECONDS = 15 * 60;
const PAIR_WINDOW_SECONDS = 24 * 60 * 60;
const SOURCE_WINDOW_SECONDS = 60 * 60;
/** Counters only count; nothing is refused by consuming points. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

type Limiters = { pairFailures: RateLimiterMemory; pairWait: RateLimiterMemory; sourceFailures: RateLimiterMemory; sourceWait: RateLimiterMemory };
const store = globalThis as unknown as { __cloudshieldAuthThrottle?: Limiters };

function limiters(): Limiters {
  store.__cloudshieldAuthThrottle ??= {
    pairFailures: new RateLimiterMemory({ keyPrefix: 'auth-pair', points: UNLIMITED, duration: PAIR_WINDOW_SECONDS }),
    pairWait: new RateLimiterMemory({ keyPrefix: 'auth-pair-wait', points: 1, duration: 1 }),
    sourceFailures: new RateLimiterMemory({ keyPrefix: 'auth-source', points: UNLIMITED, duration: SOURCE_WINDOW_SECONDS }),
    sourceWait: new RateLimiterMemory({ keyPrefix: 'auth-source-wait', points: 1, duration: 1 }),
  };
  return store.__cloudshieldAuthThrottle;
}

export type AttemptKey = { account: string; ip: string | null };

/** One key per (account, address); the account alone when the address is unknown. */
const pairKey = (key: AttemptKey) => JSON.stringify([key.account.trim().toLowerCase(), key.ip ?? null]);

/**
 * The wait before the attempt after the `failures`-th, in seconds: 0 within the free budget,
 * then 1, 2, 4, … doubling, capped at MAX_DELAY_SECONDS.
 */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), MAX_DELAY_SECONDS);
}

/** A key blocked with `block()` reads as more points than the limiter has. */
const waitMs = (limiter: RateLimiterMemory, res: RateLimiterRes | null) => (res && res.consumedPoints > limiter.points ? Math.max(0, res.msBeforeNext) : 0);

/** Gives one counted attempt back (never below zero, e.g. when the window ended meanwhile). */
async function giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
  const res = await limiter.get(key);
  if (res && res.consumedPoints > 0) await limiter.reward(key);
}

/**
 * Starts an attempt: throws RateLimitedError (429, Retry-After) while the pair or the source
 * must still wait; otherwise counts the attempt as a failure until it is settled and, beyond
 * the free budget, makes the next attempt wait.
 */
export function assertAttemptAllowed(key: AttemptKey): Promise<void> {
  return oneAtATime(() => beginAttempt(key));
}

/**
 * The check and the count must not interleave between attempts (the limiter's calls are
 * promises: two attempts started together would both pass the check before either counted).
 * The section is a handful of in-memory steps, so running them one after another costs nothing.
 * On globalThis like the limiters, so the web sign-in and the token route share it.
 */
const sections = globalThis as unknown as { __cloudshieldAuthThrottleSection?: Promise<unknown> };
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = (sections.__cloudshieldAuthThrottleSection ?? Promise.resolve()).then(fn);
  sections.__cloudshieldAuthThrottleSection = run.catch(() => undefined);
  return run;
}

async function beginAttempt(key: AttemptKey): Promise<void> {
  const l = limiters();
  const pair = pairKey(key);
  const waits = [waitMs(l.pairWait, await l.pairWait.get(pair))];
  if (key.ip) waits.push(waitMs(l.sourceWait, await l.sourceWait.get(key.ip)));
  const wait = Math.max(...waits);
  if (wait > 0) throw new RateLimitedError(Math.max(1, Math.ceil(wait / 1000)));

  const pairCount = (await l.pairFailures.penalty(pair)).consumedPoints;
  const pairDelay = delayAfter(pairCount, PAIR_FREE_FAILURES);
  if (pairDelay > 0) await l.pairWait.block(pair, pairDelay);
  if (key.ip) {
    const sourceCount = (await l.sourceFailures.penalty(key.ip)).consumedPoints;
    const sourceDelay = delayAfter(sourceCount, SOURCE_FREE_FAILURES);
    if (sourceDelay > 0) await l.sourceWait.block(key.ip, sourceDelay);
  }
}

/** The attempt failed. It was counted when it started; kept for the callers' clarity. */
export async function recordFailedAttempt(key: AttemptKey): Promise<void> {
  void key;
}

/**
 * The attempt succeeded: the pair's failures and wait are cleared; the source's budget gets this
 * attempt back but keeps its failures and any wait (see above).
 */
export async function recordSuccessfulAttempt(key: AttemptKey): Promise<void> {
  const l = limiters();
  const pair = pairKey(key);
  await l.pairFailures.delete(pair);
  await l.pairWait.delete(pair);
  if (key.ip) await giveBack(l.sourceFailures, key.ip);
}

/**
 * Neither success nor failure (a correct password for a 2FA account without its code yet): the
 * attempt is not counted, and the wait it set for the pair is lifted so the second step can follow.
 */
export async function releaseAttempt(key: AttemptKey): Promise<void> {
  const l = limiters();
  const pair = pairKey(key);
  await giveBack(l.pairFailures, pair);
  await l.pairWait.delete(pair);
  if (key.ip) await giveBack(l.sourceFailures, key.ip);
}

/** Tests only: start from a clean slate. */
export function resetAuthRateLimits(): void {
  store.__cloudshieldAuthThrottle = undefined;
  budgets.__cloudshieldCodeGuesses = undefined;
  budgets.__cloudshieldSsoLookups = undefined;
}

// ---------------------------------------------------------------------------------------------
// Fixed budgets (after issue 19): refused outright once spent, then the window's rest to wait.

/**
 * Codes from the authenticator typed by someone already signed in (confirming an enrolment, new
 * recovery codes, turning two-factor off): CODE_GUESS_BUDGET wrong codes per user per
 * CODE_GUESS_WINDOW_SECONDS, one budget for the three, so a hijacked session cannot guess its
 * way through. A guess is counted when it starts (consume: atomic, so parallel guesses cannot
 * slip past) and a right code clears the count (codeGuessSucceeded).
 */
export const CODE_GUESS_BUDGET = 5;
export const CODE_GUESS_WINDOW_SECONDS = 15 * 60;
/** GET /api/v1/auth/sso (public): look-ups per client address per minute. */
export const SSO_LOOKUP_BUDGET = 30;

const budgets = globalThis as unknown as { __cloudshieldCodeGuesses?: RateLimiterMemory; __cloudshieldSsoLookups?: RateLimiterMemory };
const codeGuesses = () => (budgets.__cloudshieldCodeGuesses ??= new RateLimiterMemory({ keyPrefix: 'totp-code', points: CODE_GUESS_BUDGET, duration: CODE_GUESS_WINDOW_SECONDS }));
const ssoLookups = () => (budgets.__cloudshieldSsoLookups ??= new RateLimiterMemory({ keyPrefix: 'sso-lookup', points: SSO_LOOKUP_BUDGET, duration: 60 }));

/** Consumes one point; RateLimitedError (429, Retry-After, `extra` in the problem) once the budget is spent. */
async function spend(limiter: RateLimiterMemory, key: string, extra: Record<string, unknown> = {}): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(res.msBeforeNext / 1000)), extra);
    throw res;
  }
}

/** Before checking a code of the signed-in user `userId`: 429 naming the `code` field once the budget is spent. */
export function beginCodeGuess(userId: string): Promise<void> {
  return spend(codeGuesses(), userId, { errors: [{ field: 'code', message: 'Too many wrong codes. Wait, then enter the current code from your authenticator app.' }] });
}

/** The code was right: the user's budget starts again. */
export async function codeGuessSucceeded(userId: string): Promise<void> {
  await codeGuesses().delete(userId);
}

/**
 * One SSO look-up from `ip`. Without a trusted address (no server.mjs in front) there is no key:
 * one shared bucket would let a single client refuse everybody's look-ups, so none is counted.
 */
export async function countSsoLookup(ip: string | null): Promise<void> {
  if (ip) await spend(ssoLookups(), ip);
}
