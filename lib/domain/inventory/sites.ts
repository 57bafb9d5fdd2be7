import 'server-only';
import { asc } from 'drizzle-orm';
import type { Executor } from '@/db';
import { sites } from '@/db/schema';
import type { Actor } from '@/lib/core/actor';
import { authorize } from '@/lib/domain/core/authorize';
import type { SiteDto } from '@/lib/domain/core/dto';

/** The provider's datacentres and their status; the same for every tenant. */
export async function listSites(db: Executor, actor: Actor): Promise<SiteDto[]> {
  authorize(db, actor, 'tenant:read', { type: 'site' });
  return db
    .select({ id: sites.id, name: sites.name, country: sites.country, status: sites.status })
    .from(sites)
    .orderBy(asc(sites.name))
    .all();
}
