import { cache } from 'react';
import { getDb } from '@/lib/domain/core/database';
import type { Actor } from '@/lib/core/actor';
import { getGroup } from '@/lib/domain/groups/groups';
import { orNotFound } from '@/app/_lib/or-not-found';

/**
 * The group for this request, or the 404 page: an unknown id and another tenant's id answer the
 * same. Cached per request so metadata and page read it once.
 */
export const loadGroup = cache((actor: Actor, id: string) => orNotFound(() => getGroup(getDb(), actor, id)));
