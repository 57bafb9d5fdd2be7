import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { tenants, users } from '@/db/schema';
import { cachedRead } from '@/lib/domain/core/read-cache';
import type { Actor } from '@/lib/core/actor';

export type TenantHeader = {
  /** The tenant the actor works on; null for staff outside a tenant. */
  tenant: { id: string; name: string; slug: string } | null;
  /** Display name of the signed-in person (falls back to the email). */
  userName: string;
  /** Still on a one-time password from an administrator: ask them to choose their own. */
  mustChangePassword: boolean;
};

/**
 * What the shell header shows. Reads only the actor's own tenant and user row (never a tenant
 * id from the request), and only display columns.
 */
export function getTenantHeader(db: Executor, actor: Actor): TenantHeader {
  // Every portal page renders this header: one read until the database changes.
  return cachedRead(db, `tenant-header:${actor.tenantId ?? '-'}:${actor.userId}`, () => {
    const tenant = actor.tenantId
      ? (db
          .select({ id: tenants.id, name: tenants.name, slug: tenants.slug })
          .from(tenants)
          .where(eq(tenants.id, actor.tenantId))
          .get() ?? null)
      : null;
    const user = db.select({ name: users.name, mustChangePassword: users.mustChangePassword }).from(users).where(eq(users.id, actor.userId)).get();
    return { tenant, userName: user?.name ?? actor.email, mustChangePassword: user?.mustChangePassword ?? false };
  });
}
