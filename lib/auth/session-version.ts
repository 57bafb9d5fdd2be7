import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { users } from '@/db/schema';

/**
 * Per-user session version. It goes into the session JWT at sign-in and resolveActor compares
 * it on every request (the user row is read anyway), so bumping it ends every session of the
 * user at once: signing out on one device signs out all of them. A per-session id list would
 * keep the other devices signed in but needs a table written on every sign-in; issue 19 accepts
 * the per-user version. API tokens are separate credentials and are not affected.
 */
export function currentSessionVersion(db: Executor, userId: string): number {
  return db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).get()?.v ?? 0;
}

/** Ends every session of the user (sign out everywhere, password reset, disable, role change). */
export function bumpSessionVersion(db: Executor, userId: string): void {
  db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId)).run();
}

/**
 * next-auth's signOut event: only a session that is still current bumps the version, so an old
 * (already ended) cookie replayed at /api/auth/signout cannot sign its owner out again and again.
 * Returns whether it did.
 */
export function endSessionsOnSignOut(db: Executor, userId: string, version: number | undefined): boolean {
  const res = db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, version ?? 0)))
    .run();
  return res.changes > 0;
}
