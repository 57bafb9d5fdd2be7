import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import * as recipientsRoute from '../../tenant/notification-recipients/route';
import * as route from './route';

/** Own e-mail preferences and the tenant's "who gets what" through the real routes and bearer tokens. */
process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens = { user: '', admin: '', otherAdmin: '', staff: '' };
const PATH = '/api/v1/me/notification-preferences';

beforeAll(async () => {
  setSimulatorForTests(null);
  db = await seededTestDb();
  serveTestDb(db);
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.otherAdmin = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

const put = (bearer: string, body: unknown, raw?: string) => callRoute(route.PUT, apiRequest(PATH, { method: 'PUT', bearer, ...(raw ? { raw } : { body }) }));
const recipients = (bearer: string, query = '') => callRoute(recipientsRoute.GET, apiRequest(`/api/v1/tenant/notification-recipients${query}`, { bearer }));
const stored = () => db.$client.prepare('SELECT user_id, event_type, email FROM notification_preferences ORDER BY user_id, event_type').all();

describe(PATH, () => {
  it('reads, changes (a token acts as its owner) and resets; the admin\'s who-gets-what follows', async () => {
    const got = await callRoute(route.GET, apiRequest(PATH, { bearer: tokens.user }));
    expect(got.status).toBe(200);
    const body = await got.json();
    expect(body.events.find((e: { type: string }) => e.type === 'site.down')).toEqual({ type: 'site.down', title: 'Site down', group: 'sites', email: true, default: true, locked: false });
    expect(body.events.find((e: { type: string }) => e.type === 'signin.new-device')).toMatchObject({ email: true, locked: true });

    const lists = async () => (await (await recipients(tokens.admin)).json()).events.find((e: { type: string }) => e.type === 'site.down').recipients.map((p: { email: string }) => p.email);
    expect(await lists()).toContain('user@acme.test');
    const changed = await put(tokens.user, { email: { 'site.down': false } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).events.find((e: { type: string }) => e.type === 'site.down')).toMatchObject({ email: false, default: true });
    expect(await lists()).not.toContain('user@acme.test');

    const reset = await callRoute(route.DELETE, apiRequest(PATH, { method: 'DELETE', bearer: tokens.user }));
    expect(reset.status).toBe(200);
    expect((await reset.json()).events.find((e: { type: string }) => e.type === 'site.down')).toMatchObject({ email: true });
    expect(await lists()).toContain('user@acme.test');
    expect(stored()).toEqual([]);
  });

  it('refuses bad input with 400 problem+json naming the field, changing nothing', async () => {
    const cases: [unknown, string][] = [
      [{ email: { 'site.gone': false } }, 'email.site.gone'],
      [{ email: { 'site.down': 'off' } }, 'email.site.down'],
      [{ email: { 'account.password-changed': false } }, 'email.account.password-changed'],
      [{ email: 'site.down' }, 'email'],
      [{}, 'email'],
    ];
    for (const [body, field] of cases) {
      const res = await put(tokens.user, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A type not offered to staff.
    const staff = await put(tokens.staff, { email: { 'journal.history-short': true } });
    expect(staff.status).toBe(400);
    expect((await staff.json()).errors).toEqual([{ field: 'email.journal.history-short', message: expect.stringContaining('not offered') }]);
    expect((await put(tokens.user, undefined, '{not json')).status).toBe(400);
    expect(stored()).toEqual([]);
  });

  it('needs a caller: 401 without one', async () => {
    expect((await callRoute(route.GET, apiRequest(PATH))).status).toBe(401);
    expect((await put('', { email: {} })).status).toBe(401);
  });
});

describe('/api/v1/tenant/notification-recipients', () => {
  it('client admin: own tenant; another tenant 404; user 403; staff need ?tenantId=', async () => {
    const own = await recipients(tokens.admin);
    expect(own.status).toBe(200);
    expect((await own.json()).tenantId).toBe('ten_acme');
    expect((await recipients(tokens.otherAdmin, '?tenantId=ten_acme')).status).toBe(404);
    expect((await recipients(tokens.user)).status).toBe(403);
    expect((await recipients(tokens.staff)).status).toBe(400);
    const staff = await recipients(tokens.staff, '?tenantId=ten_globex');
    expect(staff.status).toBe(200);
    expect((await staff.json()).people.every((p: { email: string }) => p.email.endsWith('@globex.test'))).toBe(true);
  });
});
