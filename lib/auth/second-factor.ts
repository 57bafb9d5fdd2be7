/**
 * The second factor at rest and at sign-in (issue 19, items 7 and 10):
 *
 * - TOTP secrets are sealed with AES-256-GCM (./secret-box.ts, HKDF info `totp-secret/v1`), never
 *   stored in clear; secrets of an earlier version (base32 in clear) are sealed on start.
 * - Recovery codes: ten one-time codes of 16 symbols from a 32-symbol alphabet (80 random bits
 *   each), shown once in groups of four (`7KQM-X4RT-9WCE-HN2P`). Only SHA-256(user id ‖ code) is
 *   stored. A slow hash (argon2) protects guessable secrets such as passwords; at 80 bits an
 *   offline search of one SHA-256 is out of reach (2^80 hashes), a fast hash lets the sign-in
 *   look the code up by its hash in one indexed query, and online guessing is throttled like a
 *   password. The user id in the hash means equal hashes never link two accounts.
 * - A code is used up by a conditional UPDATE (… WHERE used_at IS NULL) in a transaction, so of
 *   two concurrent sign-ins with the same code exactly one wins.
 */
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { getDb, type DB, type Executor } from '@/db';
import { totpRecoveryCodes, users } from '@/db/schema';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/core/outbox';
import { newId } from '@/lib/ids';
import type { Role } from '@/lib/schemas/users';
import { resealRows, secretBox } from './secret-box';
import { verifyTotp } from './totp';

// ---------------------------------------------------------------------------------------------
// TOTP secrets at rest

const totpBox = secretBox('totp-secret/v1', 'TOTP secret', 'reset the two-factor authentication of this account');

export const sealTotpSecret = (base32: string): string => totpBox.seal(base32);
export const openTotpSecret = (stored: string): string => totpBox.open(stored);
export const isTotpSecretSealed = (stored: string): boolean => totpBox.isSealed(stored);

/**
 * Seals TOTP secrets stored in clear (before this version) and re-seals those sealed under
 * AUTH_SECRET_PREVIOUS; run on start. Idempotent; returns how many rows were rewritten.
 */
export function sealStoredTotpSecrets(db: DB): number {
  const rows = db.select({ id: users.id, stored: users.totpSecret }).from(users).where(isNotNull(users.totpSecret)).all() as { id: string; stored: string }[];
  return db.transaction((tx) =>
    resealRows(rows, totpBox, (row, after) => tx.update(users).set({ totpSecret: after }).where(and(eq(users.id, row.id), eq(users.totpSecret, row.stored))).run()),
  );
}

/** The start-up pass (instrumentation.ts): never stops the server, says what it did. */
export function sealTotpSecretsOnStart(): void {
  try {
    const sealed = sealStoredTotpSecrets(getDb());
    if (sealed) console.log(`[cloudshield] sealed ${sealed} TOTP secret(s) stored in clear or under AUTH_SECRET_PREVIOUS`);
  } catch (error) {
    console.error('[cloudshield] could not seal the stored TOTP secrets', error);
  }
}

/** A code against a stored (sealed) secret; false, with a log line, when the secret no longer opens. */
export function verifyStoredTotp(stored: string, code: string, replayKey: string): boolean {
  let secret: string;
  try {
    secret = openTotpSecret(stored);
  } catch (error) {
    console.error(`[cloudshield] two-factor of ${replayKey}: ${(error as Error).message}`);
    return false;
  }
  return verifyTotp(secret, code, replayKey);
}

// ---------------------------------------------------------------------------------------------
// Recovery codes

export const RECOVERY_CODE_COUNT = 10;
// 32 symbols without look-alikes (no 0/O, 1/I): 16 of them carry 80 bits.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 16;

/** One recovery code, e.g. `7KQM-X4RT-9WCE-HN2P`: crypto random. */
export function generateRecoveryCode(): string {
  const chars = Array.from(randomBytes(CODE_LENGTH), (b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The code as stored-for-hashing: upper case, without spaces or dashes; null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

const hashCode = (userId: string, normalized: string) => createHash('sha256').update(`${userId}:${normalized}`).digest('hex');

/** Replaces the user's codes with ten new ones (inside the caller's transaction); returns them, to be shown once. */
export function replaceRecoveryCodes(tx: Executor, userId: string, now = new Date()): string[] {
  tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId)).run();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  tx.insert(totpRecoveryCodes)
    .values(codes.map((code) => ({ id: newId('rcv'), userId, codeHash: hashCode(userId, normalizeRecoveryCode(code)!), createdAt: now })))
    .run();
  return codes;
}

/** Removes every recovery code of the user (two-factor off or reset). */
export function deleteRecoveryCodes(tx: Executor, userId: string): void {
  tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId)).run();
}

export function recoveryCodesLeft(db: Executor, userId: string): number {
  return db.select({ n: count() }).from(totpRecoveryCodes).where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt))).get()?.n ?? 0;
}

type Owner = { id: string; email: string; role: Role; tenantId: string | null };

/**
 * Uses up one recovery code of `user`: true if it was theirs and unused. The UPDATE is
 * conditional on used_at IS NULL, so two concurrent uses of one code cannot both succeed. The
 * use is audited and the owner told (a security notification, always sent).
 */
export function consumeRecoveryCode(db: DB, user: Owner, input: string, sourceIp: string | null = null): boolean {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return false;
  const codeHash = hashCode(user.id, normalized);
  return db.transaction((tx) => {
    const used = tx
      .update(totpRecoveryCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(totpRecoveryCodes.userId, user.id), eq(totpRecoveryCodes.codeHash, codeHash), isNull(totpRecoveryCodes.usedAt)))
      .run();
    if (used.changes !== 1) return false;
    const remaining = recoveryCodesLeft(tx, user.id);
    audit(tx, null, { action: 'auth.recovery-code-used', tenantId: user.tenantId, targetType: 'user', targetId: user.id, sourceIp, details: { email: user.email, remaining } });
    recordEvent(tx, {
      type: 'account.2fa-changed', tenantId: user.role === 'staff' ? null : user.tenantId, occurredAt: Date.now(),
      payload: { userId: user.id, change: 'recovery-code-used', remaining, summary: `A recovery code was used to sign in to your CloudShield account; ${remaining} left. If this was not you, contact your administrator now.` },
    });
    return true;
  });
}

/**
 * The sign-in's second factor (lib/auth/credentials.ts): a 6-digit code from the app, or one
 * of the account's recovery codes (used up). Recovery codes are for a person in the browser who
 * lost their authenticator; the token endpoint (channel 'api', scripts) takes the app's code
 * only: a recovery code there is refused like a wrong code and is not used up.
 */
export function verifySecondFactor(db: DB, user: Owner & { totpSecret: string }, otp: string, ctx: { sourceIp: string | null; channel?: 'web' | 'api' }): boolean {
  if (/^\d{6}$/.test(otp.replace(/\s+/g, ''))) return verifyStoredTotp(user.totpSecret, otp, user.id);
  if (ctx.channel === 'api') return false;
  return consumeRecoveryCode(db, user, otp, ctx.sourceIp);
}
