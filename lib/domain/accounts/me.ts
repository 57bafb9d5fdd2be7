import 'server-only';
import { eq } from 'drizzle-orm';
import type { DB } from '@/db';
import { tenants, users } from '@/db/schema';
import type { Role } from '@/lib/schemas/users';
import type { Actor } from '@/lib/core/actor';
import { UnauthenticatedError } from '@/lib/core/errors';

export type MeDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  tenant: { id: string; slug: string; name: string } | null;
  totpEnabled: boolean;
  lastSignInAt: string | null;
};

/** GET /api/v1/me: the caller's own account; never the password hash or TOTP secret. */
export function getMe(db: DB, actor: Actor): MeDto {
  const row = db
    .select({
      id: users.id, email: users.email, name: users.name, role: users.role, tenantId: users.tenantId,
      totpEnabled: users.totpEnabled, lastSignInAt: users.lastSignInAt,
      tenantSlug: tenants.slug, tenantName: tenants.name,
    })
    .from(users)
    .leftJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(users.id, actor.userId))
    .get();
  if (!row) throw new UnauthenticatedError('Your account no longer exists.');
  return {
    id: row.id, email: row.email, name: row.name, role: row.role, tenantId: row.tenantId,
    tenant: row.tenantId && row.tenantSlug && row.tenantName ? { id: row.tenantId, slug: row.tenantSlug, name: row.tenantName } : null,
    totpEnabled: row.totpEnabled, lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}
