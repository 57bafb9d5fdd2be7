/**
 * GET /api/v1/events: the live stream. Opened with a bearer token like a script would (a
 * browser's EventSource sends its session cookie instead), it carries `invalidate` events for
 * changes in the caller's tenant only.
 */
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { revokeAllTokensOf } from '@/lib/auth/api-tokens';
import { authSecret } from '@/lib/auth/secret';
import { bumpSessionVersion, endSessionOnSignOut } from '@/lib/auth/session-version';
import type { DB } from '@/lib/domain/core/database';
import { liveEvents } from '@/lib/core/live-events';
import { openStreamCount } from '@/lib/domain/live/events';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import * as groupRoute from '../groups/[id]/route';
import * as route from './route';

// The stream re-checks its credentials every second here (30 s by default).
process.env.LIVE_AUTH_RECHECK_SECONDS = '1';
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens: Record<string, string> = {};
const open: ReadableStreamDefaultReader<Uint8Array>[] = [];

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  for (const u of ['usr_admin_acme', 'usr_user_acme', 'usr_admin_globex', 'usr_staff_calligo']) tokens[u] = issueTestToken(db, u);
});

afterEach(async () => {
  for (const r of open.splice(0)) await r.cancel().catch(() => {});
});

type Event = { event?: string; id?: string; data?: unknown; comment?: string };

/** Opens the stream; `next()` reads events until one passes `until`, or gives up after `ms`. */
async function openStream(bearer?: string, headers: Record<string, string> = {}) {
  const res = await callRoute(route.GET, apiRequest('/api/v1/events', { bearer, headers }));
  if (res.status !== 200) return { res, events: [] as Event[], next: async () => null as Event | null, ended: async () => true };
  const reader = res.body!.getReader();
  open.push(reader);
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Event[] = [];
  // A read that lost the race against the timeout is kept for the next pull: its chunk must not be lost.
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  const pull = async (ms: number): Promise<boolean> => {
    reading ??= reader.read();
    const chunk = await Promise.race([reading, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
    if (!chunk) return false;
    reading = null;
    if (chunk.done) return false;
    buffer += decoder.decode(chunk.value, { stream: true });
    let at;
    while ((at = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, at);
      buffer = buffer.slice(at + 2);
      const e: Event = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) e.comment = line.slice(1).trim();
        else if (line.startsWith('event: ')) e.event = line.slice(7);
        else if (line.startsWith('id: ')) e.id = line.slice(4);
        else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
      }
      events.push(e);
    }
    return true;
  };
  /** Whether the server ended the stream within `ms` (the reader reports done). */
  const ended = async (ms = 3000): Promise<boolean> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      reading ??= reader.read();
      const chunk = await Promise.race([reading, new Promise<null>((r) => setTimeout(() => r(null), left))]);
      if (!chunk) return false;
      if (chunk.done) return true;
      reading = null;
      buffer += decoder.decode(chunk.value, { stream: true });
      // Parse what arrived (kept for next()).
      let at;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const e: Event = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) e.comment = line.slice(1).trim();
          else if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
        }
        events.push(e);
      }
    }
  };
  let seen = 0;
  const next = async (until: (e: Event) => boolean = (e) => e.event === 'invalidate', ms = 1500): Promise<Event | null> => {
    const deadline = Date.now() + ms;
    for (;;) {
      while (seen < events.length) {
        const e = events[seen++];
        if (until(e)) return e;
      }
      const left = deadline - Date.now();
      if (left <= 0 || !(await pull(left))) return null;
    }
  };
  return { res, events, next, ended };
}

const patchGroup = (id: string, bearer: string, body: unknown) =>
  callRoute(groupRoute.PATCH, apiRequest(`/api/v1/groups/${id}`, { method: 'PATCH', body, bearer }), { id });

describe('GET /api/v1/events', () => {
  it('401 without a session or token', async () => {
    const { res } = await openStream();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a client admin sees its tenant’s change, and nothing of another tenant’s', async () => {
    const acme = await openStream(tokens.usr_admin_acme);
    expect(acme.res.headers.get('content-type')).toContain('text/event-stream');
    expect(acme.res.headers.get('cache-control')).toContain('no-transform');
    const ready = await acme.next((e) => e.event === 'ready');
    expect(ready?.data).toEqual({ tenantId: 'ten_acme' });

    expect((await patchGroup('grp_globex_erp', tokens.usr_admin_globex, { rtoTargetMinutes: 44 })).status).toBe(200);
    liveEvents().flush();
    expect(await acme.next(undefined, 400)).toBeNull();

    expect((await patchGroup('grp_acme_sql', tokens.usr_admin_acme, { rtoTargetMinutes: 45 })).status).toBe(200);
    const got = await acme.next(undefined, 2000); // the coalescing window (250 ms) passes on its own
    expect(got?.data).toMatchObject({ tenantId: 'ten_acme', topics: expect.arrayContaining(['groups', 'group:grp_acme_sql', 'audit']) });
    expect(Number(got!.id)).toBeGreaterThan(Number(ready!.id));
    expect(acme.events.some((e) => JSON.stringify(e.data ?? '').includes('globex'))).toBe(false);
  });

  it('a user sees its tenant’s changes; staff see every tenant’s', async () => {
    const user = await openStream(tokens.usr_user_acme);
    const staff = await openStream(tokens.usr_staff_calligo);
    expect((await staff.next((e) => e.event === 'ready'))?.data).toEqual({ tenantId: null });
    expect((await patchGroup('grp_globex_erp', tokens.usr_admin_globex, { rtoTargetMinutes: 46 })).status).toBe(200);
    expect((await patchGroup('grp_acme_sql', tokens.usr_admin_acme, { rtoTargetMinutes: 47 })).status).toBe(200);
    liveEvents().flush();
    const u = await user.next();
    expect(u?.data).toMatchObject({ tenantId: 'ten_acme', topics: expect.arrayContaining(['group:grp_acme_sql']) });
    expect(await user.next(undefined, 300)).toBeNull();
    const seen = [await staff.next(), await staff.next()].map((e) => (e?.data as { tenantId: string }).tenantId).sort();
    expect(seen).toEqual(['ten_acme', 'ten_globex']);
  });

  it('resumes from Last-Event-ID: what was missed while away, in the caller’s scope', async () => {
    const first = await openStream(tokens.usr_admin_acme);
    const ready = await first.next((e) => e.event === 'ready');
    open.splice(0).forEach((r) => void r.cancel());
    await patchGroup('grp_acme_sql', tokens.usr_admin_acme, { rtoTargetMinutes: 48 });
    await patchGroup('grp_globex_erp', tokens.usr_admin_globex, { rtoTargetMinutes: 49 });
    liveEvents().flush();
    const again = await openStream(tokens.usr_admin_acme, { 'last-event-id': ready!.id! });
    const missed = await again.next();
    expect(missed?.data).toMatchObject({ tenantId: 'ten_acme', topics: expect.arrayContaining(['group:grp_acme_sql']) });
    expect(await again.next((e) => e.event === 'ready')).not.toBeNull();
    expect(again.events.filter((e) => e.event === 'invalidate')).toHaveLength(1);
  });

  it('answers a Last-Event-ID it cannot resume from with a reset event', async () => {
    const s = await openStream(tokens.usr_admin_acme, { 'last-event-id': '12' });
    expect(await s.next((e) => e.event === 'reset' || e.event === 'ready')).toMatchObject({ event: 'reset' });
  });

  it('at most 5 streams per user: the 6th is a 429; closing one frees its slot', async () => {
    const five = [];
    for (let i = 0; i < 5; i++) five.push(await openStream(tokens.usr_user_acme));
    expect(five.every((s) => s.res.status === 200)).toBe(true);
    expect(openStreamCount('usr_user_acme')).toBe(5);
    const sixth = await openStream(tokens.usr_user_acme);
    expect(sixth.res.status).toBe(429);
    expect(sixth.res.headers.get('content-type')).toContain('application/problem+json');
    // Another user is not affected.
    expect((await openStream(tokens.usr_admin_acme)).res.status).toBe(200);
    await open[0].cancel();
    expect(openStreamCount('usr_user_acme')).toBe(4);
    expect((await openStream(tokens.usr_user_acme)).res.status).toBe(200);
  });

  it('closing the stream unsubscribes it', async () => {
    const before = liveEvents().subscriberCount;
    await openStream(tokens.usr_admin_acme);
    expect(liveEvents().subscriberCount).toBe(before + 1);
    for (const r of open.splice(0)) await r.cancel();
    expect(liveEvents().subscriberCount).toBe(before);
    expect(openStreamCount('usr_admin_acme')).toBe(0);
  });
});

async function sessionCookie(claims: Record<string, unknown>, maxAge = 1800) {
  const value = await encode({ token: { authTime: Math.floor(Date.now() / 1000), ...claims }, secret: authSecret(), maxAge });
  return `next-auth.session-token=${value}`;
}
const userIdOf = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const openWithCookie = (cookie: string) => openStream(undefined, { cookie });

describe('GET /api/v1/events: a stream ends with its session or token', () => {
  it('a valid session keeps its stream open across the re-checks', async () => {
    const s = await openWithCookie(await sessionCookie({ userId: userIdOf('admin@acme.test'), sid: 'sid-valid', sessionVersion: 0 }));
    expect(s.res.status).toBe(200);
    expect(await s.next((e) => e.event === 'ready')).not.toBeNull();
    expect(await s.ended(2500)).toBe(false);
    expect(s.events.some((e) => e.event === 'reauth')).toBe(false);
  });

  it('signing out ends the stream with a reauth event and frees its slot', async () => {
    const userId = userIdOf('admin@acme.test');
    const claims = { userId, sid: 'sid-sign-out', sessionVersion: 0 };
    const s = await openWithCookie(await sessionCookie(claims));
    expect(await s.next((e) => e.event === 'ready')).not.toBeNull();
    expect(openStreamCount(userId)).toBe(1);
    expect(endSessionOnSignOut(db, userId, claims)).toBe('session');
    expect(await s.ended(3000)).toBe(true);
    expect(s.events.at(-1)).toMatchObject({ event: 'reauth', data: { reason: expect.stringContaining('sign in again') } });
    expect(s.events.at(-1)?.id).toBeUndefined(); // Last-Event-ID stays the last change seen
    expect(openStreamCount(userId)).toBe(0);
  });

  it('a password reset (the session version bumped) ends every stream of the user', async () => {
    const userId = userIdOf('user@acme.test');
    const cookie = await sessionCookie({ userId, sid: 'sid-reset', sessionVersion: 0 });
    const a = await openWithCookie(cookie);
    const b = await openWithCookie(cookie);
    expect(await a.next((e) => e.event === 'ready')).not.toBeNull();
    bumpSessionVersion(db, userId);
    expect(await a.ended(3000)).toBe(true);
    expect(await b.ended(3000)).toBe(true);
    expect(b.events.at(-1)?.event).toBe('reauth');
    // And it cannot be reopened with that cookie.
    expect((await openWithCookie(cookie)).res.status).toBe(401);
  });

  it('an idle session that expires ends its stream', async () => {
    const s = await openWithCookie(await sessionCookie({ userId: userIdOf('admin@globex.test'), sid: 'sid-idle', sessionVersion: 0 }, 2));
    expect(await s.next((e) => e.event === 'ready')).not.toBeNull();
    expect(await s.ended(5000)).toBe(true);
    expect(s.events.at(-1)?.event).toBe('reauth');
  });

  it('a revoked API token ends its stream', async () => {
    const userId = userIdOf('admin2@acme.test');
    const s = await openStream(issueTestToken(db, userId));
    expect(await s.next((e) => e.event === 'ready')).not.toBeNull();
    expect(await s.ended(1500)).toBe(false);
    revokeAllTokensOf(db, userId);
    expect(await s.ended(3000)).toBe(true);
    expect(s.events.at(-1)?.event).toBe('reauth');
    expect(openStreamCount(userId)).toBe(0);
  });
});
