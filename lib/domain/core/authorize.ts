import 'server-only';
import type { Executor } from '@/db';
import { can, type Permission } from '@/lib/auth/policy';
import type { Actor } from '@/lib/core/actor';
import { audit } from '@/lib/core/audit';
import { ForbiddenError } from '@/lib/core/errors';

/**
 * Throws ForbiddenError unless the actor's role has the permission. A refusal is audited:
 * failed authorisations belong in the trail too.
 */
export function authorize(db: Executor, actor: Actor, permission: Permission, target?: { type: string; id?: string }): void {
  if (can(actor.role, permission)) return;
  audit(db, actor, { action: `denied:${permission}`, targetType: target?.type, targetId: target?.id, outcome: 'denied' });
  throw new ForbiddenError();
}

/**
 * The tenant a read or write is scoped to. Client roles are always pinned to their own tenant;
 * staff may name one (or get null = every tenant).
 */
export function tenantScope(actor: Actor, requestedTenantId?: string | null): string | null {
  if (actor.role === 'staff') return requestedTenantId ?? actor.tenantId ?? null;
  if (!actor.tenantId) throw new ForbiddenError('Your account belongs to no tenant.');
  return actor.tenantId;
}
