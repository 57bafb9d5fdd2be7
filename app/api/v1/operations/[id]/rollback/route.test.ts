/**
 * Commit and rollback refused by the sites: 409 problem+json naming the site; break-glass with
 * a reason rolls back while production is offline, 400 naming the field without one.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { sites } from '@/db/schema';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { advanceOpenOperations } from '@/lib/operations/driver';
import { FakeSimulator, writeJournal } from '@/lib/operations/testing';
import { apiRequest, callRoute, serveTestDb, issueTestToken } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { POST as failover } from '../../../groups/[id]/failover/route';
import { POST as commit } from '../commit/route';
import { POST as rollback } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

const NOW = Date.UTC(2030, 4, 1, 9, 0, 0);
const WEB = 'grp_acme_web';
let db: DB;
let sim: FakeSimulator;
const tokens = { admin: '', user: '', staff: '' };
type Who = keyof typeof tokens;

const post = (handler: Parameters<typeof callRoute>[0], path: string, who: Who, id: string, body: unknown = {}) =>
  callRoute(handler, apiRequest(path, { method: 'POST', body, bearer: tokens[who] }), { id });
const siteDown = (id: string, down = true) => db.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, id)).run();

beforeAll(async () => {
  db = await seededTestDb(new Date(NOW));
  serveTestDb(db);
  const issue = (userId: string) => issueTestToken(db, userId);
  tokens.admin = issue('usr_admin_acme');
  tokens.user = issue('usr_user_acme');
  tokens.staff = issue('usr_staff_calligo');
  sim = new FakeSimulator(NOW);
  setSimulatorForTests(sim);
  writeJournal(db, WEB, NOW);
});

async function awaitingCommit(): Promise<string> {
  const op = await (await post(failover, `/api/v1/groups/${WEB}/failover`, 'admin', WEB, {})).json();
  sim.nowMs += 600_000;
  advanceOpenOperations(db, sim.nowMs, sim);
  return op.id;
}

describe('POST /operations/{id}/commit and /rollback refused by an offline site', () => {
  it('commit: 409 problem+json naming the recovery site, for the admin and staff; 403 for the user', async () => {
    const id = await awaitingCommit();
    siteDown('zurich');
    for (const who of ['admin', 'staff'] as const) {
      const res = await post(commit, `/api/v1/operations/${id}/commit`, who, id);
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 409, detail: expect.stringContaining('Recovery site Zurich is offline'), siteId: 'zurich', siteName: 'Zurich' });
    }
    expect((await post(commit, `/api/v1/operations/${id}/commit`, 'user', id)).status).toBe(403);
    siteDown('zurich', false);
    expect((await post(rollback, `/api/v1/operations/${id}/rollback`, 'admin', id)).status).toBe(200);
  });

  it('rollback: 409 naming production, 400 naming reason for a break-glass without one, 200 with one', async () => {
    sim.nowMs += 3600_000;
    advanceOpenOperations(db, sim.nowMs, sim);
    const id = await awaitingCommit();
    siteDown('london');
    const path = `/api/v1/operations/${id}/rollback`;
    for (const who of ['admin', 'staff'] as const) {
      const res = await post(rollback, path, who, id);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ detail: expect.stringContaining('Production site London is offline'), siteId: 'london', breakGlassAllowed: true });
    }
    expect((await post(rollback, path, 'user', id, { breakGlass: true, reason: 'The user role may not do this at all' })).status).toBe(403);
    const bad = await post(rollback, path, 'admin', id, { breakGlass: true });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const ok = await post(rollback, path, 'staff', id, { breakGlass: true, reason: 'Customer CIO confirmed on the bridge call' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ breakGlass: { reason: 'Customer CIO confirmed on the bridge call', by: 'staff@calligo.test', siteOffline: 'London' } });
    siteDown('london', false);
  });
});
