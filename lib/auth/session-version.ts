import { randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { endedSessions, users } from '@/db/schema';
import { SESSION_ABSOLUTE_SECONDS } from './session-cookie';

/**
 * Ending sessions before their cookie expires (issue 19). A session JWT carries two claims set at
 * sign-in, both checked by resolveActor on every request (the user row is read anyway):
 * - `sid`, its own random id: signing out records it in `ended_sessions`, ending this session
 *   only (signing out on the phone leaves the laptop signed in);
 * - `sessionVersion`, the account's `users.session_version` then: "sign out everywhere", an
 *   administrator's password reset, disabling and a role change bump it, ending every session.
 * The issue accepts a per-user version alone; the sid list costs a row per sign-out (not per
 * sign-in), pruned once the cookie is past its absolute lifetime. API tokens are not sessions.
 */
type SessionClaims = { sid?: string; sessionVersion?: number; authTime?: number };

/** The claims a new session gets (next-auth's jwt callback at sign-in). */
export function sessionClaimsAtSignIn(db: Executor, userId: string): { sid: string; sessionVersion: number } {
  const sessionVersion = db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).get()?.v ?? 0;
  return { sid: randomBytes(16).toString('base64url'), sessionVersion };
}

/** Whether a session of a user whose current version is `version` is still on. */
export function sessionIsCurrent(db: Executor, jwt: SessionClaims, version: number): boolean {
  if ((jwt.sessionVersion ?? 0) !== version) return false;
  if (!jwt.sid) return true;
  return !db.select({ sid: endedSessions.sid }).from(endedSessions).where(eq(endedSessions.sid, jwt.sid)).get();
}

/** Ends every session of the user (sign out everywhere, password reset, disable, role change). */
export function bumpSessionVersion(db: Executor, userId: string): void {
  db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId)).run();
}

/**
 * next-auth's signOut event: ends this session. A cookie from before session ids (no `sid`) can
 * only be ended with all the others, by bumping the version, and only while it is current, so an
 * old, already ended cookie replayed at /api/auth/signout cannot sign its owner out repeatedly.
 */
export function endSessionOnSignOut(db: Executor, userId: string, jwt: SessionClaims, now = new Date()): 'session' | 'all' | 'none' {
  // An account deleted meanwhile has no sessions left to end.
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) return 'none';
  if (jwt.sid) {
    const authMs = (jwt.authTime ?? now.getTime() / 1000) * 1000;
    db.delete(endedSessions).where(lt(endedSessions.expiresAt, now)).run();
    db.insert(endedSessions)
      .values({ sid: jwt.sid, userId, endedAt: now, expiresAt: new Date(Math.max(authMs, now.getTime()) + SESSION_ABSOLUTE_SECONDS * 1000) })
      .onConflictDoNothing()
      .run();
    return 'session';
  }
  const res = db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, jwt.sessionVersion ?? 0)))
    .run();
  return res.changes > 0 ? 'all' : 'none';
}
