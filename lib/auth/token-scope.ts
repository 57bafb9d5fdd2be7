import type { Executor } from '@/db';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { DomainError } from '@/lib/core/errors';

/**
 * API token scopes. `read` tokens (dashboards, reporting, monitoring) make safe requests only;
 * `full` tokens act with everything the owner's role may do. Enforced on the request method in
 * resolveActor, the one place every API route and every page or server action passes: the
 * permission table cannot tell reads from writes (`tokens:manage`, `users:manage` and
 * `webhooks:manage` guard both the list and the change), the method can, and GET handlers
 * change nothing by convention.
 */
export const TOKEN_SCOPES = ['read', 'full'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A read token may still sign itself out: revoking the presented token gives nothing away. */
const ALLOWED_FOR_READ = new Set(['DELETE /api/v1/auth/token']);

export class TokenScopeError extends DomainError {
  constructor() {
    super(403, 'Token scope insufficient', 'This API token has the "read" scope: it may only read (GET, HEAD). Create a token with the "full" scope to make changes.', {
      tokenScope: 'read',
      requiredScope: 'full',
    });
  }
}

/** Throws (403, audited) when a read-scoped token tries anything but a safe request. */
export function assertTokenScope(db: Executor, actor: Actor, method: string, path: string): void {
  if (actor.via !== 'token' || actor.tokenScope !== 'read') return;
  const m = method.toUpperCase();
  if (SAFE_METHODS.has(m) || ALLOWED_FOR_READ.has(`${m} ${path}`)) return;
  audit(db, actor, { action: 'denied:token-scope', outcome: 'denied', targetType: 'api_token', targetId: actor.tokenId, details: { method: m, path, tokenScope: 'read' } });
  throw new TokenScopeError();
}
