import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, or } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { apiTokens, tenants, users } from '@/db/schema';
import type { Role } from '@/lib/schemas/users';
import { newId } from '@/lib/ids';
import type { TokenScope } from './token-scope';

/** Recognisable in logs and by secret scanners. */
export const TOKEN_PREFIX = 'cs_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** Touch lastUsedAt at most this often: a busy script must not turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** SHA-256 is enough here: the token is 256 random bits, so there is nothing to brute-force. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type IssuedToken = { id: string; token: string; prefix: string; expiresAt: Date; scope: TokenScope };

/** Creates a token for a user; the plaintext is returned once and never stored. */
export function insertApiToken(db: Executor, input: { userId: string; name: string; expiresAt: Date; now?: Date; scope?: TokenScope }): IssuedToken {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = {
    id: newId('tok'),
    userId: input.userId,
    name: input.name,
    tokenHash: hashApiToken(token),
    prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
    createdAt: input.now ?? new Date(),
    expiresAt: input.expiresAt,
    scope: input.scope ?? 'full',
  };
  db.insert(apiTokens).values(row).run();
  return { id: row.id, token, prefix: row.prefix, expiresAt: row.expiresAt, scope: row.scope };
}

export type TokenOwner = { tokenId: string; userId: string; email: string; role: Role; tenantId: string | null; scope: TokenScope };

/**
 * The owner of a live token: not revoked, not expired, user not disabled and not holding a
 * password an administrator was shown (invite, reset: tokens wait until the owner has chosen
 * their own; a reset revokes them anyway). Expiry and use are
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
      scope: apiTokens.scope,
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
        eq(users.mustChangePassword, false),
        // Tokens of a suspended client stop working with it.
        or(isNull(tenants.status), ne(tenants.status, 'suspended')),
      ),
    )
    .get();
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return { tokenId: row.tokenId, userId: row.userId, email: row.email, role: row.role, tenantId: row.tenantId, scope: row.scope };
}

/** Revokes every live token of the user (an administrator's password reset, disabling); returns their ids. */
export function revokeAllTokensOf(db: Executor, userId: string, now = new Date()): string[] {
  return db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id }).all().map((t) => t.id);
}
