/** Optimistic concurrency on PATCH /groups/{id}: the ETag is the configuration version. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { insertApiToken } from '@/lib/auth/api-tokens';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import * as route from './route';

const ID = 'grp_acme_sql';
let db: DB;
let admin: string;
let user: string;

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  const expiresAt = new Date(Date.now() + 3600_000);
  admin = insertApiToken(db, { userId: 'usr_admin_acme', name: 'etag test', expiresAt }).token;
  user = insertApiToken(db, { userId: 'usr_user_acme', name: 'etag test', expiresAt }).token;
});

const get = (bearer = admin) => callRoute(route.GET, apiRequest(`/api/v1/groups/${ID}`, { bearer }), { id: ID });
const patch = (body: unknown, ifMatch?: string, bearer = admin) =>
  callRoute(route.PATCH, apiRequest(`/api/v1/groups/${ID}`, { method: 'PATCH', body, bearer, headers: ifMatch ? { 'if-match': ifMatch } : {} }), { id: ID });

describe('PATCH /groups/{id} with If-Match', () => {
  it('answers GET with the version as ETag, and a PATCH on that version moves it on', async () => {
    const res = await get();
    const etag = res.headers.get('etag')!;
    expect(etag).toBe(`"${(await res.json()).version}"`);
    const saved = await patch({ rtoTargetMinutes: 50 }, etag);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe(`"${Number(JSON.parse(etag)) + 1}"`);
  });

  it('refuses a change made on a stale copy with 412 problem+json naming who changed it, and changes nothing', async () => {
    const stale = (await get()).headers.get('etag')!;
    expect((await patch({ rtoTargetMinutes: 55 }, stale)).status).toBe(200); // someone else saves first
    const res = await patch({ rtoTargetMinutes: 90, priority: 'low' }, stale);
    expect(res.status).toBe(412);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.detail).toContain('admin@acme.test');
    expect(problem).toMatchObject({ status: 412, expectedVersion: Number(JSON.parse(stale)), currentVersion: Number(JSON.parse(stale)) + 1 });
    expect(await (await get()).json()).toMatchObject({ rtoTargetMinutes: 55, priority: 'high' });
  });

  it('without If-Match (or with *) the last writer wins, as before', async () => {
    expect((await patch({ rtoTargetMinutes: 60 })).status).toBe(200);
    expect((await patch({ rtoTargetMinutes: 61 }, '*')).status).toBe(200);
  });

  it('a malformed If-Match is a 400 naming the header; a user still hears 403 first', async () => {
    const res = await patch({ rtoTargetMinutes: 70 }, 'W/"3"');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    expect((await patch({ rtoTargetMinutes: 70 }, 'nonsense', user)).status).toBe(403);
    expect(await (await get()).json()).toMatchObject({ rtoTargetMinutes: 61 });
  });
});
