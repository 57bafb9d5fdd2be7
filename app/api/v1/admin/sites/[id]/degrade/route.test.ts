/**
 * POST /api/v1/admin/sites/{id}/degrade: staff degrade a site (slower storage, hosts down) or
 * restore it; client roles are refused; bad input names the field and changes nothing; audited
 * and notified (site.degraded, the provider's event and one per affected tenant).
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, outboxEvents, sites } from '@/db/schema';
import type { DB } from '@/lib/domain/core/database';
import { setSiteDegradation, siteDegradationOf } from '@/lib/domain/staff/sites-faults';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import { apiRequest, callRoute, issueTestToken, serveTestDb } from '@/lib/testing/api';
import { ACME_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { POST as degrade } from './route';

process.env.AUTH_SECRET ??= 'test-secret-for-vitest-0123456789';

let db: DB;
const tokens: Record<'user' | 'admin' | 'staff', string> = { user: '', admin: '', staff: '' };

beforeEach(async () => {
  db = await seededTestDb(new Date('2025-03-12T10:00:00Z'));
  serveTestDb(db);
  // No simulator: the recording fallback writes what the runtime would.
  setSimulatorForTests(null);
  tokens.user = issueTestToken(db, 'usr_user_acme');
  tokens.admin = issueTestToken(db, 'usr_admin_acme');
  tokens.staff = issueTestToken(db, 'usr_staff_calligo');
});

const post = (siteId: string, body: unknown, bearer: string) =>
  callRoute(degrade, apiRequest(`/api/v1/admin/sites/${siteId}/degrade`, { body, bearer }), { id: siteId });
const london = () => db.select().from(sites).where(eq(sites.id, 'london')).get()!;

describe('POST /api/v1/admin/sites/{id}/degrade', () => {
  it('staff degrade a site: stored, status degraded, audited, notified; and restore it', async () => {
    const res = await post('london', { storageIopsPercent: 40, hostsDown: 2 }, tokens.staff);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.changed).toBe(true);
    expect(body.site).toMatchObject({ id: 'london', status: 'degraded', down: false });
    expect(body.degradation).toEqual({ storageIopsPercent: 40, hostsTotal: 8, hostsDown: 2, degraded: true });
    expect(body.affectedGroups.length).toBeGreaterThan(0);
    expect(london()).toMatchObject({ status: 'degraded', storageIopsPercent: 40, hostsDown: 2 });

    const entry = db.select().from(auditLog).where(eq(auditLog.action, 'site.degrade')).get();
    expect(entry).toMatchObject({ actorId: 'usr_staff_calligo', targetType: 'site', targetId: 'london', tenantId: null });
    expect(entry!.details).toMatchObject({ before: { storageIopsPercent: 100, hostsDown: 0 }, after: { storageIopsPercent: 40, hostsDown: 2 } });

    const events = db.select().from(outboxEvents).where(eq(outboxEvents.type, 'site.degraded')).all();
    expect(events.some((e) => e.tenantId === null)).toBe(true);
    expect(events.some((e) => e.tenantId === 'ten_acme')).toBe(true);
    expect(JSON.stringify(events[0].payload)).toContain('storage at 40% of its IOPS, 2 of 8 hosts down');

    // The same again changes nothing and is not audited twice.
    const again = await (await post('london', { storageIopsPercent: 40, hostsDown: 2 }, tokens.staff)).json();
    expect(again.changed).toBe(false);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'site.degrade')).all()).toHaveLength(1);

    const restored = await (await post('london', { storageIopsPercent: 100, hostsDown: 0 }, tokens.staff)).json();
    expect(restored.site.status).toBe('online');
    expect(restored.degradation.degraded).toBe(false);
    expect(db.select().from(auditLog).where(and(eq(auditLog.action, 'site.degrade.end'), eq(auditLog.targetId, 'london'))).all()).toHaveLength(1);
  });

  it.each(['user', 'admin'] as const)('refuses the client role %s (403), changing nothing', async (role) => {
    const res = await post('london', { storageIopsPercent: 40, hostsDown: 0 }, tokens[role]);
    expect(res.status).toBe(403);
    expect(london()).toMatchObject({ status: 'online', storageIopsPercent: 100, hostsDown: 0 });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'site.degrade')).all()).toHaveLength(0);
  });

  it.each([
    [{ storageIopsPercent: 0, hostsDown: 0 }, 'storageIopsPercent', 'Storage IOPS must be at least 1 %.'],
    [{ storageIopsPercent: 101, hostsDown: 0 }, 'storageIopsPercent', 'Storage IOPS must be at most 100 %.'],
    [{ storageIopsPercent: 50.5, hostsDown: 0 }, 'storageIopsPercent', 'Storage IOPS must be a whole number of %.'],
    [{ storageIopsPercent: 50, hostsDown: -1 }, 'hostsDown', 'Hosts down must be at least 0 hosts.'],
    [{ storageIopsPercent: 50 }, 'hostsDown', undefined],
    [{ storageIopsPercent: 50, hostsDown: 8 }, 'hostsDown', 'Hosts down must be at most 7 hosts: London has 8 and keeps one.'],
  ])('bad input %j: 400 naming %s, nothing changed', async (body, field, message) => {
    const res = await post('london', body, tokens.staff);
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (message) expect(problem.errors.find((e: { field: string }) => e.field === field).message).toBe(message);
    expect(london()).toMatchObject({ status: 'online', storageIopsPercent: 100, hostsDown: 0 });
  });

  it('an unknown site is 404', async () => {
    const res = await post('atlantis', { storageIopsPercent: 50, hostsDown: 0 }, tokens.staff);
    expect(res.status).toBe(404);
  });

  it('an offline site stays offline while degraded; the domain call reports the degradation', () => {
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, 'london')).run();
    const sim = { now: () => Date.parse('2025-03-12T10:00:00Z'), calls: [] as unknown[], setSiteDegraded(id: string, d: unknown) { this.calls.push([id, d]); } };
    setSiteDegradation(db, STAFF, sim, 'london', { storageIopsPercent: 70, hostsDown: 1 });
    expect(sim.calls).toEqual([['london', { storageIopsPercent: 70, hostsDown: 1 }]]);
    expect(() => setSiteDegradation(db, ACME_ADMIN, sim, 'london', { storageIopsPercent: 70, hostsDown: 1 })).toThrow();
    // The fake simulator wrote nothing: the stored degradation is unchanged.
    expect(siteDegradationOf(db, 'london')).toMatchObject({ storageIopsPercent: 100, degraded: false });
  });
});
