import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { NextRequest } from 'next/server';
import { getDb } from '@/db';
import type { Actor } from '@/lib/core/actor';
import { resolveActor } from './resolve-actor';
import { assertTokenScope } from './token-scope';

/**
 * The signed-in actor for server components and server actions, or null. Goes through the
 * same resolveActor as the API so a page and an endpoint never disagree about who is asking
 * (including a disabled account or a changed role, read from the database each time).
 * Memoised per request: the layout, the page and its metadata ask once between them (and get
 * the same object, so per-request caches keyed by the actor, like loadGroup's, hit).
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const incoming = await headers();
  // Resolved as a read whatever method a server action used: Next itself checks the
  // Origin of server actions, and a page render changes nothing.
  const req = new NextRequest('http://portal.internal/', { method: 'GET', headers: new Headers(incoming) });
  const actor = await resolveActor(getDb(), req);
  // A server action changes things whatever the method above says: not with a read-scope token.
  if (actor && incoming.has('next-action')) assertTokenScope(getDb(), actor, 'POST', 'server action');
  return actor;
});

/** Like currentActor, but sends anonymous visitors to the sign-in page (then back here). */
export async function requireActor(callbackUrl?: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/login');
  return actor;
}
