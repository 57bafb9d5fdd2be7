/**
 * Webhook signing secrets at rest (issue 16), sealed with the shared box (lib/auth/secret-box.ts:
 * AES-256-GCM, key by HKDF from the server secret, `v1:` prefix, this use's own HKDF info). A row
 * written before encryption (plain `whsec_…`) is still read as is, and encryptStoredSecrets
 * rewrites such rows on start, as it re-seals rows sealed under AUTH_SECRET_PREVIOUS.
 *
 * Losing the server secret makes the stored secrets unreadable: the endpoints must then be
 * recreated (a decryption failure is reported on the delivery, not thrown at the loop).
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { webhookEndpoints } from '@/db/schema';
import { resealRows, secretBox } from '@/lib/auth/secret-box';

const box = secretBox('webhook-signing-secret/v1', 'webhook secret', 'recreate the endpoint');

export const isSealed = box.isSealed;
export const sealSecret = box.seal;
export const openSecret = box.open;

/** Encrypts every secret still stored in clear and re-seals those sealed under the previous server secret. Idempotent; returns how many were rewritten. */
export function encryptStoredSecrets(db: DB): number {
  const rows = db.select({ id: webhookEndpoints.id, stored: webhookEndpoints.secret }).from(webhookEndpoints).all();
  return db.transaction((tx) =>
    resealRows(rows, box, (row, after) => tx.update(webhookEndpoints).set({ secret: after }).where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.stored))).run()),
  );
}
