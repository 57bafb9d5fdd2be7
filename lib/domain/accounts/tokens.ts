import 'server-only';
import { and, desc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { DB } from '@/db';
import { apiTokens, users } from '@/db/schema';
import { hashApiToken, insertApiToken } from '@/lib/auth/api-tokens';
import type { TokenScope } from '@/lib/auth/token-scope';
import type { VerifiedUser } from '@/lib/auth/credentials';
import { createTokenSchema, type CreateTokenInput } from '@/lib/auth/schemas';
import { serverConfig } from '@/lib/config';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { recordEvent } from '@/lib/domain/notifications/outbox';
import { authorize } from '@/lib/domain/core/authorize';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { parseInput } from '@/lib/domain/core/validate';

/**
 * API tokens as Settings shows them. Users manage their own; a client_admin also sees and may
 * revoke the tokens of their tenant's users (offboarding, a leaked token). Times are the wall
 * clock: expiry is a security property, not a simulated one.
 */
export type ApiTokenDto = {
  id: string;
  name: string;
  /** First characters of the token, to recognise it. */
  prefix: string;
  userId: string;
  userEmail: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
  /** `read`: GET and HEAD only; `full`: everything the owner's role may do. */
  scope: TokenScope;
};

/** More than this many live tokens per user is a sign of a script minting them in a loop. */
const MAX_ACTIVE_TOKENS = 25;

const columns = {
  id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, userId: apiTokens.userId, userEmail: users.email,
  tenantId: users.tenantId, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt, scope: apiTokens.scope,
};

type Row = { id: string; name: string; prefix: string; userId: string; userEmail: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; scope: TokenScope };

function toDto(row: Row, now = new Date()): ApiTokenDto {
  return {
    id: row.id, name: row.name, prefix: row.prefix, userId: row.userId, userEmail: row.userEmail,
    createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    scope: row.scope,
  };
}

export function listTokens(db: DB, actor: Actor, options: { scope?: 'own' | 'tenant' } = {}): { items: ApiTokenDto[] } {
  authorize(db, actor, 'tokens:manage');
  let where: SQL | undefined = eq(apiTokens.userId, actor.userId);
  if (options.scope === 'tenant') {
    if (actor.role !== 'client_admin' || !actor.tenantId) throw new ForbiddenError('Only a client administrator sees the tokens of their tenant.');
    where = eq(users.tenantId, actor.tenantId);
  }
  const rows = db.select(columns).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(where).orderBy(desc(apiTokens.createdAt)).limit(500).all();
  return { items: rows.map((r) => toDto(r)) };
}

export type CreatedToken = { token: string; item: ApiTokenDto };

/** An account holding a password an administrator was shown (invite, reset) gets no tokens until its owner chose their own. */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super('Choose your own password first (sign in to the portal and change it): accounts with a one-time password get no API tokens.');
    Object.assign(this.extra, { code: 'password-change-required' });
  }
}

function assertMayHoldTokens(db: DB, actor: Actor, userId: string): void {
  const must = db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, userId)).get()?.must;
  if (!must) return;
  audit(db, actor, { action: 'denied:tokens:password-change-required', outcome: 'denied', targetType: 'user', targetId: userId });
  throw new PasswordChangeRequiredError();
}

/** Creates a token for the actor; the plaintext is in the answer once and never again. */
export function createToken(db: DB, actor: Actor, input: CreateTokenInput | unknown): CreatedToken {
  authorize(db, actor, 'tokens:manage');
  // A token that can mint tokens could keep itself alive forever after it leaks.
  if (actor.via !== 'session') {
    audit(db, actor, { action: 'denied:tokens:create-with-token', targetType: 'api-token', outcome: 'denied' });
    throw new ForbiddenError('Create API tokens from a signed-in session (or POST /api/v1/auth/token).');
  }
  const { name, expiresInDays, scope } = parseInput(createTokenSchema, input);
  assertMayHoldTokens(db, actor, actor.userId);
  const now = new Date();
  const ttlMs = expiresInDays ? expiresInDays * 86_400_000 : serverConfig().TOKEN_TTL_HOURS * 3_600_000;
  return db.transaction((tx) => {
    const live = tx.select({ id: apiTokens.id }).from(apiTokens)
      .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now))).all();
    if (live.length >= MAX_ACTIVE_TOKENS) throw new ConflictError(`You already have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one first.`);
    const issued = insertApiToken(tx, { userId: actor.userId, name, expiresAt: new Date(now.getTime() + ttlMs), now, scope });
    recordEvent(tx, {
      type: 'token.created', tenantId: actor.role === 'staff' ? null : actor.tenantId, occurredAt: now,
      payload: { userId: actor.userId, tokenId: issued.id, subject: name, summary: `An API token "${name}" (${issued.prefix}…, ${scope} scope) was created for your account; it expires ${issued.expiresAt.toISOString().slice(0, 10)}. If this was not you, revoke it in Settings.` },
    });
    audit(tx, actor, { action: 'token.created', targetType: 'api_token', targetId: issued.id, details: { name, prefix: issued.prefix, scope, expiresAt: issued.expiresAt.toISOString() } });
    const item = toDto({ id: issued.id, name, prefix: issued.prefix, userId: actor.userId, userEmail: actor.email, createdAt: now, expiresAt: issued.expiresAt, lastUsedAt: null, revokedAt: null, scope }, now);
    return { token: issued.token, item };
  });
}

export function revokeToken(db: DB, actor: Actor, id: string): ApiTokenDto {
  authorize(db, actor, 'tokens:manage', { type: 'api_token', id });
  const row = db.select(columns).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.id, id)).get();
  const mayManage = row && (row.userId === actor.userId || (actor.role === 'client_admin' && !!actor.tenantId && row.tenantId === actor.tenantId));
  if (!row || !mayManage) throw new NotFoundError('API token', id);
  if (row.revokedAt) return toDto(row);
  const now = new Date();
  db.transaction((tx) => {
    tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).run();
    audit(tx, actor, { action: 'token.revoked', tenantId: row.tenantId, targetType: 'api_token', targetId: id, details: { name: row.name, prefix: row.prefix, owner: row.userEmail } });
  });
  return toDto({ ...row, revokedAt: now }, now);
}

/** DELETE /api/v1/auth/token: a script signs out by revoking the token it presents. */
export function revokePresentedToken(db: DB, actor: Actor, token: string | null): void {
  if (actor.via !== 'token' || !token) {
    throw new ValidationError([{ field: 'Authorization', message: 'Send the token to revoke as "Authorization: Bearer <token>".' }]);
  }
  const row = db.select({ id: apiTokens.id, prefix: apiTokens.prefix }).from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))).get();
  if (!row) return;
  db.transaction((tx) => {
    tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, row.id)).run();
    audit(tx, actor, { action: 'auth.token-revoked', targetType: 'api_token', targetId: row.id, details: { prefix: row.prefix } });
  });
}

export type SignInToken = { token: string; expiresAt: string; scope: TokenScope; user: { id: string; email: string; role: VerifiedUser['role']; tenantId: string | null } };

/** POST /api/v1/auth/token, after verifyCredentials: a token with the configured lifetime. */
export function issueSignInToken(db: DB, user: VerifiedUser, options: { name?: string; sourceIp: string | null; scope?: TokenScope }): SignInToken {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + serverConfig().TOKEN_TTL_HOURS * 3_600_000);
  const scope = options.scope ?? 'full';
  const actor: Actor = { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId, via: 'token', sourceIp: options.sourceIp };
  assertMayHoldTokens(db, actor, user.id);
  const issued = db.transaction((tx) => {
    const t = insertApiToken(tx, { userId: user.id, name: options.name ?? 'API sign-in', expiresAt, now, scope });
    audit(tx, actor, { action: 'auth.token-created', targetType: 'api_token', targetId: t.id, details: { prefix: t.prefix, scope, expiresAt: expiresAt.toISOString() } });
    return t;
  });
  return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), scope, user: { id: user.id, email: user.email, role: user.role, tenantId: user.tenantId } };
}
