import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { users, type Role } from '@/db/schema';
import type { Actor } from './actor';
import { authorize, tenantScope } from './authorize';
import { ValidationError } from './errors';
import { isoOrNull } from './clock';

export type TenantUserDto = {
  id: string;
  name: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
};

/**
 * The people of the actor's tenant, for a client administrator's Settings page. Display columns
 * only (never the password hash or the TOTP secret).
 */
export function listTenantUsers(db: Executor, actor: Actor): TenantUserDto[] {
  authorize(db, actor, 'users:manage', { type: 'user' });
  const tenantId = tenantScope(actor);
  if (!tenantId) throw new ValidationError([{ field: 'tenantId', message: 'Act for a tenant to list its users.' }]);
  return db
    .select({
      id: users.id, name: users.name, email: users.email, role: users.role, totpEnabled: users.totpEnabled,
      disabledAt: users.disabledAt, lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(eq(users.tenantId, tenantId))
    .orderBy(asc(users.name), asc(users.id))
    .all()
    .map(({ disabledAt, lastSignInAt, ...u }) => ({ ...u, disabled: disabledAt != null, lastSignInAt: isoOrNull(lastSignInAt) }));
}
