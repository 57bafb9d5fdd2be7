import { Secret, TOTP } from 'otpauth';

const ISSUER = 'CloudShield';
const PERIOD = 30;

/** A new random TOTP secret (160 bits, RFC 4226's recommendation), base32 for authenticator apps. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, account: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: account, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secretBase32: string, account: string): string {
  return totpFor(secretBase32, account).toString();
}

/**
 * The last time step accepted per user, so a code seen over someone's shoulder (or replayed
 * from a log) cannot be used a second time within its 30-second life. In memory: a restart
 * reopens at most one window of ±30 s.
 */
const store = globalThis as unknown as { __cloudshieldTotpUsed?: Map<string, number> };
const usedSteps = () => (store.__cloudshieldTotpUsed ??= new Map());

/** Checks a 6-digit code, accepting one step of clock drift either way, each step once. */
export function verifyTotp(secretBase32: string, code: string, replayKey: string, now = Date.now()): boolean {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const delta = totpFor(secretBase32, replayKey).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  if (step <= (usedSteps().get(replayKey) ?? -1)) return false;
  usedSteps().set(replayKey, step);
  return true;
}
