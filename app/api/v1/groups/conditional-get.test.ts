/**
 * Polled reads answer 304 Not Modified to a matching If-None-Match: a weak ETag over the JSON
 * body (lib/api/conditional), set by the shared handler on every GET that returns data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { protectionGroups } from '@/db/schema';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import * as groups from './route';
import * as group from './[id]/route';
import { noneMatch, weakEtag } from '@/lib/api/conditional';

let db: DB;
let acme: string;
let acmeUser: string;
let globex: string;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  acme = issueTestToken(db, 'usr_admin_acme');
  acmeUser = issueTestToken(db, 'usr_user_acme');
  globex = issueTestToken(db, 'usr_admin_globex');
});

const list = (bearer: string, ifNoneMatch?: string) =>
  callRoute(groups.GET, apiRequest('/api/v1/groups', { bearer, headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} }));

describe('weakEtag / noneMatch', () => {
  it('tags the body alone, weakly, and compares weakly (lists, W/ prefix, *)', () => {
    expect(weakEtag('{"a":1}')).toMatch(/^W\/"[\w-]{22}"$/);
    expect(weakEtag('{"a":1}')).toBe(weakEtag('{"a":1}'));
    expect(weakEtag('{"a":1}')).not.toBe(weakEtag('{"a":2}'));
    const tag = weakEtag('x');
    expect(noneMatch(tag, tag)).toBe(true);
    expect(noneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(noneMatch(tag.slice(2), tag)).toBe(true);
    expect(noneMatch('*', tag)).toBe(true);
    expect(noneMatch(null, tag)).toBe(false);
    expect(noneMatch('W/"other"', tag)).toBe(false);
  });
});

describe('GET through the shared handler', () => {
  it('answers the same resource asked again with its ETag 304, without a body; revalidate each time', async () => {
    const first = await list(acme);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    // The tag is the body's: nothing about who asked goes into it.
    expect(etag).toBe(weakEtag(await first.text()));

    const again = await list(acme, etag);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
    expect(await again.text()).toBe('');
  });

  it('answers a changed resource 200 with a new ETag', async () => {
    const etag = (await list(acme)).headers.get('etag')!;
    db.update(protectionGroups).set({ name: 'Web tier (renamed)' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    try {
      const changed = await list(acme, etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(JSON.stringify(await changed.json())).toContain('Web tier (renamed)');
    } finally {
      db.update(protectionGroups).set({ name: 'Web tier' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    }
  });

  it('never answers 304 to another tenant or role holding someone else’s ETag: their bodies differ, so do the tags', async () => {
    const acmeRes = await list(acme);
    const acmeTag = acmeRes.headers.get('etag')!;
    const globexFresh = await list(globex);
    const globexTag = globexFresh.headers.get('etag')!;
    expect(globexTag).not.toBe(acmeTag);

    const crossed = await list(globex, acmeTag);
    expect(crossed.status).toBe(200);
    expect(crossed.headers.get('etag')).toBe(globexTag);
    const body = (await crossed.json()) as { items: { id: string }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((g) => !g.id.includes('acme'))).toBe(true);
    // And the other way round.
    expect((await list(acme, globexTag)).status).toBe(200);

    // Within a tenant the tag follows the body alone: a user whose list reads the same bytes
    // shares the admin's tag (and may revalidate with it); any difference is a new tag and 200.
    const acmeBody = await (await list(acme)).text();
    const userBody = await (await list(acmeUser)).text();
    expect((await list(acmeUser, acmeTag)).status).toBe(userBody === acmeBody ? 304 : 200);
  });

  it('keeps the group resource’s strong version ETag for If-Match (not conditional on GET)', async () => {
    const res = await callRoute(group.GET, apiRequest('/api/v1/groups/grp_acme_sql', { bearer: acme }), { id: 'grp_acme_sql' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"\d+"$/);
  });

  it('leaves errors and writes alone', async () => {
    const gone = await callRoute(group.GET, apiRequest('/api/v1/groups/grp_acme_sql', { bearer: globex }), { id: 'grp_acme_sql' });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('etag')).toBeNull();
  });
});
