import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { alerts, protectionGroups, sites } from '@/db/schema';
import { ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { DASHBOARD_ROWS, getDashboard, summarise } from './dashboard';
import type { GroupDto, SiteDto } from '@/lib/domain/core/dto';
import { listGroups } from '@/lib/domain/groups/groups';
import { listVms } from '@/lib/domain/inventory/vms';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
});

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-28T12:00:00Z');
const site = (id: string, status: SiteDto['status'] = 'online'): SiteDto => ({ id, name: id[0].toUpperCase() + id.slice(1), country: 'GB', status });
const group = (id: string, over: Partial<GroupDto> = {}): GroupDto => ({
  id, tenantId: 't', name: `Group ${id}`, description: null, sourceSiteId: 'london', targetSiteId: 'zurich', status: 'meeting-sla', subStatus: null,
  rpoSeconds: 10, rpoTargetSeconds: 300, rtoTargetMinutes: 30, journalHistoryHours: 24, priority: 'medium', lastTestedAt: new Date(NOW - 10 * DAY).toISOString(),
  lastTestResult: 'passed', lastTestEndedAt: new Date(NOW - 10 * DAY).toISOString(),
  createdAt: '2026-01-01T00:00:00Z', vmIds: ['vm'], openOperationId: null, version: 1, ...over,
});

describe('getDashboard', () => {
  it('summarises exactly the tenant’s groups, VMs and open alerts', async () => {
    const d = await getDashboard(db, ACME_USER);
    const groups = await listGroups(db, ACME_USER);
    expect(d.groups.total).toBe(groups.length);
    expect(Object.values(d.groups.byStatus).reduce((n, c) => n + (c ?? 0), 0)).toBe(groups.length);
    expect(d.groups.vms).toBe(groups.reduce((n, g) => n + g.vmIds.length, 0));
    const protectedVms = await listVms(db, ACME_USER, { protected: true });
    expect(d.groups.protectedGb).toBeCloseTo(protectedVms.reduce((n, v) => n + v.diskGb, 0), 6);
    const ids = new Set(groups.map((g) => g.id));
    expect(d.rpo.items.every((g) => ids.has(g.id))).toBe(true);
    expect(d.tests.items.every((g) => ids.has(g.id))).toBe(true);
    const open = db.$client.prepare("SELECT count(*) FROM alerts WHERE tenant_id = 'ten_acme' AND resolved_at IS NULL").pluck().get();
    expect(d.alerts.open).toBe(open);
    expect(d.alerts.latest.every((a) => a.tenantId === 'ten_acme')).toBe(true);
    expect(d.sla.tenantId).toBe('ten_acme');
  });

  it('never mixes tenants: a client cannot name another, staff read the one they name', async () => {
    const globex = await getDashboard(db, GLOBEX_ADMIN, { tenantId: 'ten_acme' });
    const globexIds = new Set((await listGroups(db, GLOBEX_ADMIN)).map((g) => g.id));
    expect(globex.rpo.items.every((g) => globexIds.has(g.id))).toBe(true);
    const forAcme = await getDashboard(db, STAFF, { tenantId: 'ten_acme' });
    expect(forAcme.groups.total).toBe((await getDashboard(db, ACME_USER)).groups.total);
    expect(forAcme.sla.tenantId).toBe('ten_acme');
    await expect(getDashboard(db, STAFF, { tenantId: 'not an id!' })).rejects.toMatchObject({ status: 400 });
  });

  it('follows a change in the database at once (the cache is never stale)', async () => {
    const [first] = await listGroups(db, ACME_USER);
    const before = await getDashboard(db, ACME_USER);
    db.update(protectionGroups).set({ status: 'rpo-not-met', subStatus: 'link down' }).where(eq(protectionGroups.id, first.id)).run();
    db.insert(alerts).values({ id: 'al_dash', tenantId: 'ten_acme', groupId: first.id, code: 'rpo-breach', level: 'error', message: 'over', raisedAt: new Date() }).run();
    try {
      const after = await getDashboard(db, ACME_USER);
      expect(after.groups.byStatus['rpo-not-met'] ?? 0).toBe((before.groups.byStatus['rpo-not-met'] ?? 0) + 1);
      expect(after.attention.items.map((a) => a.groupId)).toContain(first.id);
      expect(after.alerts.open).toBe(before.alerts.open + 1);
    } finally {
      db.delete(alerts).where(eq(alerts.id, 'al_dash')).run();
      db.update(protectionGroups).set({ status: first.status, subStatus: first.subStatus }).where(eq(protectionGroups.id, first.id)).run();
    }
  });

  it('tells a group that cannot recover because its recovery site is offline', async () => {
    const [first] = await listGroups(db, ACME_USER);
    db.update(sites).set({ status: 'offline' }).where(eq(sites.id, first.targetSiteId)).run();
    try {
      const d = await getDashboard(db, ACME_USER);
      expect(d.groups.recoverable).toBeLessThan(d.groups.total);
      expect(d.attention.items[0]).toMatchObject({ cannotRecover: 'recovery-site-offline' });
      expect(d.attention.items[0].recoverySiteName).toBeTruthy();
    } finally {
      db.update(sites).set({ status: 'online' }).where(eq(sites.id, first.targetSiteId)).run();
    }
  });
});

describe('summarise', () => {
  const sites = [site('london'), site('zurich'), site('jersey')];

  it('puts the groups closest to or past their RPO target first, unmeasured ones last', () => {
    const s = summarise(
      [group('a', { rpoSeconds: 30 }), group('b', { rpoSeconds: 600 }), group('c', { rpoSeconds: null }), group('d', { rpoSeconds: 250, rpoTargetSeconds: 300 })],
      sites,
      NOW,
    );
    expect(s.rpo.items.map((g) => g.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(s.groups.averageRpoSeconds).toBeCloseTo((30 + 600 + 250) / 3);
  });

  it('counts overdue tests (never, or more than a year ago) and lists the longest untested first', () => {
    const s = summarise(
      [group('recent'), group('never', { lastTestedAt: null }), group('old', { lastTestedAt: new Date(NOW - 400 * DAY).toISOString() }), group('edge', { lastTestedAt: new Date(NOW - 365 * DAY).toISOString() })],
      sites,
      NOW,
    );
    expect(s.tests.overdue).toBe(2);
    expect(s.tests.items.map((g) => g.id)).toEqual(['never', 'old', 'edge', 'recent']);
  });

  it('lists a handful of rows but counts them all', () => {
    const many = Array.from({ length: 30 }, (_, i) => group(`g${String(i).padStart(2, '0')}`, { status: i % 2 ? 'rpo-not-met' : 'meeting-sla' }));
    const s = summarise(many, sites, NOW);
    expect(s.rpo.items).toHaveLength(DASHBOARD_ROWS);
    expect(s.rpo.total).toBe(30);
    expect(s.tests.items).toHaveLength(DASHBOARD_ROWS);
    expect(s.attention.count).toBe(15);
    expect(s.attention.items.length).toBeLessThan(15);
    expect(s.groups.byStatus).toEqual({ 'meeting-sla': 15, 'rpo-not-met': 15 });
  });

  it('puts groups that cannot recover before those only missing their SLA', () => {
    const s = summarise([group('slow', { status: 'rpo-not-met' }), group('empty', { vmIds: [] }), group('syncing', { status: 'initialising' })], sites, NOW);
    expect(s.attention.items.map((a) => [a.groupId, a.cannotRecover])).toEqual([
      ['empty', 'no-vms'],
      ['syncing', 'status'],
      ['slow', null],
    ]);
    expect(s.groups).toMatchObject({ total: 3, meetingSla: 1, recoverable: 1 });
  });

  it('shows only the sites the groups use, with their role', () => {
    const s = summarise([group('a'), group('b', { sourceSiteId: 'zurich', targetSiteId: 'london' })], sites, NOW);
    expect(s.sites.map((x) => [x.id, x.production, x.recovery])).toEqual([
      ['london', 1, 1],
      ['zurich', 1, 1],
    ]);
  });
});
