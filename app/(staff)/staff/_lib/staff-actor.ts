import { asServiceWide } from '@/lib/auth/act-for';
import { requireActor } from '@/lib/auth/current-actor';
import type { Actor } from '@/lib/core/actor';

/**
 * The actor of a console page or action: service-wide even while an act-for cookie narrows
 * the same staff member's portal session. Authorisation itself stays in lib/domain.
 */
export async function staffActor(): Promise<Actor> {
  return asServiceWide(await requireActor());
}
