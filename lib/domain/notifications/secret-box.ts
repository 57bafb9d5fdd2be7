/**
 * Webhook signing secrets at rest (issue 16): AES-256-GCM (node:crypto) under a key derived with
 * HKDF-SHA256 from the server secret (AUTH_SECRET, or the generated one kept beside the
 * database: lib/auth/secret.ts). The stored form is versioned, `v1:` + base64url(iv ‖ tag ‖
 * ciphertext), so the scheme or the key can change later. A row written before encryption
 * (plain `whsec_…`) is still read as is, and encryptStoredSecrets rewrites such rows on start.
 *
 * Losing the server secret makes the stored secrets unreadable: the endpoints must then be
 * recreated (a decryption failure is reported on the delivery, not thrown at the loop).
 */
import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, like, not } from 'drizzle-orm';
import type { DB } from '@/db';
import { webhookEndpoints } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: { secret: string; key: Buffer } | undefined;

/** The 32-byte key for `serverSecret` (the configured one by default), derived once. */
function key(serverSecret = authSecret()): Buffer {
  if (cachedKey?.secret === serverSecret) return cachedKey.key;
  const derived = Buffer.from(hkdfSync('sha256', serverSecret, 'cloudshield', 'webhook-signing-secret/v1', 32));
  cachedKey = { secret: serverSecret, key: derived };
  return derived;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(VERSION);
}

/** Encrypts a signing secret for storage (a fresh random IV each time). */
export function sealSecret(plain: string, serverSecret?: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(serverSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The signing secret of a stored value: decrypted when sealed, as is when written before encryption. Throws when it does not decrypt (another server secret, or tampered). */
export function openSecret(stored: string, serverSecret?: string): string {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.slice(VERSION.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('The stored webhook secret is damaged.');
  const decipher = createDecipheriv('aes-256-gcm', key(serverSecret), raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('The stored webhook secret does not decrypt with this server secret (AUTH_SECRET changed?); recreate the endpoint.');
  }
}

/** Encrypts every secret still stored in clear (rows from before encryption). Idempotent; returns how many were rewritten. */
export function encryptStoredSecrets(db: DB, serverSecret?: string): number {
  const plain = db.select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret }).from(webhookEndpoints).where(not(like(webhookEndpoints.secret, `${VERSION}%`))).all();
  if (!plain.length) return 0;
  db.transaction((tx) => {
    for (const row of plain) tx.update(webhookEndpoints).set({ secret: sealSecret(row.secret, serverSecret) }).where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.secret))).run();
  });
  return plain.length;
}
