import 'server-only';
import { getDb as openedDatabase, type DB } from '@/db';

export type { DB };

/**
 * The database handle for code under app/, which never imports db/ itself: it only passes the
 * handle on to lib/domain. One shape everywhere: route handlers receive it as `ctx.db` from
 * apiRoute (lib/api/handler.ts, beside the actor), and server components and server actions
 * call getDb() from here, beside currentActor/requireActor (lib/auth/current-actor.ts) for the
 * actor. Both are the one per-process handle that db/ opens and migrates.
 */
export function getDb(): DB {
  return openedDatabase();
}
