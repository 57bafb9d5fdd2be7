import type { Role } from '@/lib/schemas/users';

/**
 * Who is acting. `tenantId` is the tenant whose data the actor works on: the user's own for
 * client roles; for staff, null (service-wide) or the tenant they act for.
 */
export type Actor = {
  userId: string;
  email: string;
  role: Role;
  tenantId: string | null;
  /** Staff acting in a tenant's portal on its behalf (audited as such). */
  actingForTenant?: boolean;
  sourceIp?: string | null;
  via: 'session' | 'token' | 'system';
  /** A bearer token's id and scope (lib/auth/token-scope.ts): a `read` token makes safe requests only. */
  tokenId?: string;
  tokenScope?: 'read' | 'full';
};

export const SYSTEM_ACTOR: Actor = { userId: 'system', email: 'system', role: 'staff', tenantId: null, via: 'system' };
