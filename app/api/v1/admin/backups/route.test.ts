/**
 * GET/POST /api/v1/admin/backups: staff list the portal database's backups and back up now;
 * client roles are refused (403, audited), anonymous callers 401; a second back-up-now while one
 * runs is 409 with the running one's progress.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import type { DB } from '@/lib/domain/core/database';
import { resetBackupStateForTests } from '@/lib/domain/backups/service';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { GET, POST } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens: Record<'user' | 'admin' | 'otherAdmin' | 'staff', string> = { user: '', admin: '', otherAdmin: '', staff: '' };

beforeEach(async () => {
  resetBackupStateForTests();
  db = await seededTestDb(new Date('2026-12-01T10:00:00Z'));
  serveTestDb(db);
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.otherAdmin = issueTestToken(db, 'usr_admin_globex');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

const list = (bearer?: string) => callRoute(GET, apiRequest('/api/v1/admin/backups', { bearer }));
const backUp = (bearer?: string) => callRoute(POST, apiRequest('/api/v1/admin/backups', { method: 'POST', bearer }));

describe('/api/v1/admin/backups', () => {
  it('staff back up now (201, verified) and find it listed', async () => {
    const res = await backUp(tokens.staff);
    expect(res.status).toBe(201);
    const { backup, deleted } = await res.json();
    expect(backup).toMatchObject({ file: expect.stringMatching(/^cloudshield-\d{8}T\d{6}Z-[0-9a-f]{6}\.db$/), verified: true, trigger: 'manual' });
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect(deleted).toEqual([]);
    expect(backup).not.toHaveProperty('path');

    const listed = await list(tokens.staff);
    expect(listed.status).toBe(200);
    const body = await listed.json();
    expect(body.items).toEqual([backup]);
    expect(body).toMatchObject({ running: null, unavailable: null, settings: { schedule: '0 3 * * *', keep: 7, maxAgeDays: 30 } });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'backup.created')).all()).toHaveLength(1);
  });

  it('a second back-up-now while one runs is 409 with the running one; the first still lands', async () => {
    const [a, b] = await Promise.all([backUp(tokens.staff), backUp(tokens.staff)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await conflict.json();
    expect(problem).toMatchObject({ status: 409, title: 'Conflict', running: { trigger: 'manual', startedBy: 'staff@calligo.test' } });
    expect(problem.detail).toMatch(/^A backup is already running/);
    expect((await (await list(tokens.staff)).json()).items).toHaveLength(1);
  });

  it.each(['user', 'admin', 'otherAdmin'] as const)('refuses the client role %s with 403 on both, audited, nothing written', async (role) => {
    for (const res of [await list(tokens[role]), await backUp(tokens[role])]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'denied:backups:manage')).all().length).toBeGreaterThan(0);
    expect((await (await list(tokens.staff)).json()).items).toEqual([]);
  });

  it('anonymous callers get 401', async () => {
    expect((await list()).status).toBe(401);
    expect((await backUp()).status).toBe(401);
  });
});
