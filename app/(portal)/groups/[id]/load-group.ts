import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import type { Actor } from '@/lib/domain/actor';
import { NotFoundError } from '@/lib/domain/errors';
import { getGroup } from '@/lib/domain/groups';

/**
 * The group for this request, or the 404 page: an unknown id and another tenant's id answer the
 * same. Cached per request so metadata and page read it once.
 */
export const loadGroup = cache(async (actor: Actor, id: string) => {
  try {
    return await getGroup(getDb(), actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
