import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { apiTokens, tenants, users } from '@/db/schema';
import type { Role } from '@/lib/schemas/users';
import { newId } from '@/lib/ids';

/** Recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = 'cs_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** Touch lastUsedAt at most this often: a busy script must not turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** SHA-256 is enough here: the token is 256 random bits, so there is nothing to brute-force. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type IssuedToken = { id: string; token: string; prefix: string; expiresAt: Date };

/** Creates a token for a user; the plaintext is returned once and never stored. */
export function insertApiToken(db: Executor, input: { userId: string; name: string; expiresAt: Date; now?: Date }): IssuedToken {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = {
    id: newId('tok'),
    userId: input.userId,
    name: input.name,
    tokenHash: hashApiToken(token),
    prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
    createdAt: input.now ?? new Date(),
    expiresAt: input.expiresAt,
  };
  db.insert(apiTokens).values(row).run();
  return { id: row.id, token, prefix: row.prefix, expiresAt: row.expiresAt };
}

export type TokenOwner = { tokenId: string; userId: string; email: string; role: Role; tenantId: string | null };

/**
 * The owner of a live token: not revoked, not expired, user not disabled. Expiry and use are
 * on the wall clock, not the simulator's, since they are security properties.
 */
export function findTokenOwner(db: DB, token: string, now = new Date()): TokenOwner | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      email: users.email,
      role: users.role,
      tenantId: users.tenantId,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(tenants, eq(tenants.id, users.tenantId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        isNull(users.disabledAt),
        // Tokens of a suspended client stop working with it.
        or(isNull(tenants.status), ne(tenants.status, 'suspended')),
      ),
    )
    .get();
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return { tokenId: row.tokenId, userId: row.userId, email: row.email, role: row.role, tenantId: row.tenantId };
}
