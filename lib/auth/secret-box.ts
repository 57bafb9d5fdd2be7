/**
 * Secrets at rest (webhook signing secrets, TOTP secrets): AES-256-GCM (node:crypto) under a key
 * derived with HKDF-SHA256 from the server secret (AUTH_SECRET, or the generated one kept beside
 * the database: ./secret.ts), a distinct HKDF `info` per use so one key never serves two
 * purposes. The stored form is versioned, `v1:` + base64url(iv ‖ tag ‖ ciphertext). A row
 * written before encryption (in clear) is still read as is, and the start-up pass seals it.
 *
 * Key rotation: set the new AUTH_SECRET and the old one as AUTH_SECRET_PREVIOUS. A row that does
 * not open with the current key is opened with the previous one; the start-up pass (reseal)
 * re-seals such rows under the current key. Once every server has started with both, remove
 * AUTH_SECRET_PREVIOUS.
 */
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecretPrevious } from '@/lib/config';
import { authSecret } from './secret';

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretBox = {
  isSealed(stored: string): boolean;
  /** Encrypts for storage (a fresh random IV each time), under `serverSecret` or the configured one. */
  seal(plain: string, serverSecret?: string): string;
  /**
   * The plain value of a stored one: decrypted when sealed, as is when written before encryption.
   * Without an explicit `serverSecret`, a row that does not open with AUTH_SECRET is tried with
   * AUTH_SECRET_PREVIOUS. Throws when it does not decrypt (another server secret, or tampered).
   */
  open(stored: string, serverSecret?: string): string;
  /**
   * What a stored value should become at start: sealed under the current key when it is in
   * clear or sealed under the previous key; null when it is already right (or cannot be opened
   * with either key: left as is, reported by open when used).
   */
  reseal(stored: string): string | null;
};

const isSealed = (stored: string) => stored.startsWith(VERSION);

/** The configured previous server secret (key rotation), if any. */
export function previousAuthSecret(): string | undefined {
  return authSecretPrevious();
}

/**
 * A box for one kind of secret. `purpose` is the HKDF info (never reuse one for another kind);
 * `what` and `remedy` word the errors.
 */
export function secretBox(purpose: string, what: string, remedy: string): SecretBox {
  const keys = new Map<string, Buffer>();
  const key = (serverSecret: string): Buffer => {
    let k = keys.get(serverSecret);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', serverSecret, 'cloudshield', purpose, 32));
      if (keys.size > 4) keys.clear();
      keys.set(serverSecret, k);
    }
    return k;
  };

  const seal = (plain: string, serverSecret = authSecret()): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key(serverSecret), iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  };

  /** undefined when the tag does not verify under this secret. */
  const tryOpen = (raw: Buffer, serverSecret: string): string | undefined => {
    const decipher = createDecipheriv('aes-256-gcm', key(serverSecret), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  };

  const unpack = (stored: string): Buffer => {
    const raw = Buffer.from(stored.slice(VERSION.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error(`The stored ${what} is damaged.`);
    return raw;
  };

  const open = (stored: string, serverSecret?: string): string => {
    if (!isSealed(stored)) return stored;
    const raw = unpack(stored);
    const plain = tryOpen(raw, serverSecret ?? authSecret()) ?? (serverSecret === undefined && previousAuthSecret() ? tryOpen(raw, previousAuthSecret()!) : undefined);
    if (plain === undefined) throw new Error(`The stored ${what} does not decrypt with this server secret (AUTH_SECRET changed?); ${remedy}.`);
    return plain;
  };

  const reseal = (stored: string): string | null => {
    if (!isSealed(stored)) return seal(stored);
    let raw: Buffer;
    try {
      raw = unpack(stored);
    } catch {
      return null;
    }
    if (tryOpen(raw, authSecret()) !== undefined) return null;
    const previous = previousAuthSecret();
    const plain = previous ? tryOpen(raw, previous) : undefined;
    return plain === undefined ? null : seal(plain);
  };

  return { isSealed, seal, open, reseal };
}

/**
 * Runs `reseal` over rows and writes the changed ones with `write` (which should update only if
 * the row still holds `before`). Returns how many were rewritten.
 */
export function resealRows<T extends { stored: string }>(rows: T[], box: SecretBox, write: (row: T, after: string) => void): number {
  let n = 0;
  for (const row of rows) {
    const after = box.reseal(row.stored);
    if (after === null) continue;
    write(row, after);
    n += 1;
  }
  return n;
}
