import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { auditLog, outages, siteLinks, sites } from '@/db/schema';
import { newId } from '@/lib/ids';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, GLOBEX_ADMIN, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { cancelMaintenance, createMaintenance, listMaintenance, listUpcomingMaintenance } from './maintenance';
import { staffOverview } from './overview';
import { groupsAffectedByLink } from './affected-groups';
import { setLinkOutage, setSiteOutage, type FaultInjector } from './sites-faults';
import { slaReport, slaReportCsv } from './sla-report';

const NOW = new Date('2025-03-12T10:00:00Z');
let db: DB;
beforeEach(async () => {
  db = await seededTestDb(NOW);
});
afterEach(() => setSimulatorForTests(undefined));

/** Stands in for the runtime: records the outage the way the contract says the runtime does. */
function fakeSim(at = NOW): FaultInjector & { calls: string[] } {
  const calls: string[] = [];
  const record = (col: 'siteId' | 'linkId', id: string, down: boolean, actorId?: string) => {
    if (down) db.insert(outages).values({ id: newId('out'), [col]: id, startedAt: at, startedBy: actorId }).run();
    else db.update(outages).set({ endedAt: at }).where(and(eq(outages[col], id), isNull(outages.endedAt))).run();
  };
  return {
    calls,
    now: () => at.getTime(),
    setSiteDown(siteId, down, actorId) {
      calls.push(`site:${siteId}:${down}`);
      record('siteId', siteId, down, actorId);
      db.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, siteId)).run();
    },
    setLinkDown(linkId, down, actorId) {
      calls.push(`link:${linkId}:${down}`);
      record('linkId', linkId, down, actorId);
      db.update(siteLinks).set({ up: !down }).where(eq(siteLinks.id, linkId)).run();
    },
  };
}

describe('site and link faults', () => {
  it('takes a site down through the simulator and lists the groups it affects', () => {
    const sim = fakeSim();
    const res = setSiteOutage(db, STAFF, sim, 'london', { down: true });
    expect(sim.calls).toEqual(['site:london:true']);
    expect(res.changed).toBe(true);
    expect(res.site).toMatchObject({ id: 'london', down: true, status: 'offline' });
    expect(res.affectedGroups.map((g) => [g.id, g.role])).toEqual([
      ['grp_acme_web', 'source'],
      ['grp_acme_sql', 'source'],
      ['grp_globex_web', 'target'],
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'site.outage.start')).get()).toMatchObject({ actorId: STAFF.userId, targetId: 'london', targetName: 'London', tenantId: null, simulatedTime: NOW });
  });

  it('is idempotent: asking for the current state changes nothing', () => {
    const sim = fakeSim();
    expect(setSiteOutage(db, STAFF, sim, 'zurich', { down: false }).changed).toBe(false);
    setSiteOutage(db, STAFF, sim, 'zurich', { down: true });
    setSiteOutage(db, STAFF, sim, 'zurich', { down: true });
    setSiteOutage(db, STAFF, sim, 'zurich', { down: false });
    expect(sim.calls).toEqual(['site:zurich:true', 'site:zurich:false']);
  });

  it('finds groups whose traffic crosses a link, whichever way they replicate', () => {
    const link = db.select().from(siteLinks).where(eq(siteLinks.id, 'london--zurich')).get()!;
    expect(groupsAffectedByLink(db, link).map((g) => g.id)).toEqual(['grp_acme_web']);
    const res = setLinkOutage(db, STAFF, fakeSim(), 'london--zurich', { down: true });
    expect(res.link.up).toBe(false);
  });

  it('refuses client roles before anything else, and 404s an unknown site', () => {
    const sim = fakeSim();
    expect(() => setSiteOutage(db, ACME_ADMIN, sim, 'nowhere', { down: 'maybe' })).toThrow(ForbiddenError);
    expect(() => setSiteOutage(db, STAFF, sim, 'nowhere', { down: true })).toThrow(NotFoundError);
    expect(() => setSiteOutage(db, STAFF, sim, 'london', { down: 'maybe' })).toThrow(ValidationError);
    expect(sim.calls).toEqual([]);
  });

  it('shows site load and open faults on the overview', async () => {
    setSiteOutage(db, STAFF, fakeSim(), 'jersey', { down: true });
    const o = await staffOverview(db, STAFF, NOW);
    expect(o.sites).toHaveLength(8);
    const london = o.sites.find((s) => s.id === 'london')!;
    // acme production 120 + globex recovery 30 GHz of 8,000.
    expect(london.load.vcpuGhz).toEqual({ allocated: 150, capacity: 8000, percent: 1.9 });
    expect(o.faults.siteIds).toEqual(['jersey']);
    const acme = o.tenants.find((t) => t.slug === 'acme')!;
    // grp_acme_sql last tested 410 days ago, grp_acme_file never.
    expect(acme.overdueTests).toBe(2);
    expect(acme.groupCount).toBe(3);
  });
});

describe('maintenance windows', () => {
  const window = (siteId: string | null, startH: number, endH: number) => ({
    siteId,
    startsAt: new Date(NOW.getTime() + startH * 3600_000).toISOString(),
    endsAt: new Date(NOW.getTime() + endH * 3600_000).toISOString(),
    description: `Firmware ${siteId ?? 'all'}`,
  });

  it('schedules a window, audited; endsAt must follow startsAt', async () => {
    const w = await createMaintenance(db, STAFF, window('london', 24, 26), NOW);
    expect(w).toMatchObject({ siteId: 'london', siteName: 'London', state: 'upcoming', createdBy: 'staff@calligo.test' });
    const err = await createMaintenance(db, STAFF, window('london', 26, 24), NOW).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.errors).toEqual([{ field: 'endsAt', message: 'End time must be after the start time.' }]);
    await expect(createMaintenance(db, ACME_ADMIN, window('london', 1, 2), NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createMaintenance(db, STAFF, window('atlantis', 1, 2), NOW)).rejects.toThrow(/No site with id atlantis/);
  });

  it('shows clients only the upcoming windows that touch them', async () => {
    await createMaintenance(db, STAFF, window(null, 48, 49), NOW);
    await createMaintenance(db, STAFF, window('zurich', 2, 3), NOW);
    await createMaintenance(db, STAFF, window('vancouver', 5, 6), NOW);
    const acme = await listUpcomingMaintenance(db, ACME_USER, NOW);
    expect(acme.map((w) => w.siteId)).toEqual(['zurich', null]);
    const globex = await listUpcomingMaintenance(db, GLOBEX_ADMIN, NOW);
    expect(globex.map((w) => w.siteId)).toEqual(['vancouver', null]);
    // Later, zurich's window is past for everyone.
    expect((await listUpcomingMaintenance(db, ACME_USER, new Date(NOW.getTime() + 4 * 3600_000))).map((w) => w.siteId)).toEqual([null]);
  });

  it('lists upcoming and past for staff, and cancels only windows not yet started', async () => {
    const w = await createMaintenance(db, STAFF, window('jersey', 1, 2), NOW);
    const later = new Date(NOW.getTime() + 3 * 3600_000);
    expect((await listMaintenance(db, STAFF, { when: 'past' }, later)).map((x) => x.id)).toEqual([w.id]);
    expect(await listMaintenance(db, STAFF, { when: 'upcoming' }, later)).toEqual([]);
    await expect(cancelMaintenance(db, STAFF, w.id, later)).rejects.toBeInstanceOf(ConflictError);
    await cancelMaintenance(db, STAFF, w.id, NOW);
    expect(await listMaintenance(db, STAFF, {}, NOW)).toEqual([]);
  });
});

describe('SLA report across tenants', () => {
  it('credits the tenants a long outage touched, excluding maintenance, and exports CSV', async () => {
    const at = (iso: string) => new Date(iso);
    // 6 h of Guernsey down in March (only Acme replicates there), 2 h of it under maintenance.
    db.insert(outages).values({ id: 'out_1', siteId: 'guernsey', startedAt: at('2025-03-03T00:00:00Z'), endedAt: at('2025-03-03T06:00:00Z') }).run();
    await createMaintenance(db, STAFF, { siteId: 'guernsey', startsAt: '2025-03-03T00:00:00Z', endsAt: '2025-03-03T02:00:00Z', description: 'Planned' }, at('2025-03-01T00:00:00Z'));
    setSimulatorForTests({ now: () => at('2025-04-10T00:00:00Z').getTime() } as SimulatorControl);

    const report = await slaReport(db, STAFF, { month: '2025-03' });
    const acme = report.rows.find((r) => r.tenantSlug === 'acme')!;
    const globex = report.rows.find((r) => r.tenantSlug === 'globex')!;
    expect(acme).toMatchObject({ downtimeMinutes: 240, maintenanceMinutes: 120, creditPercent: 10, creditCents: 125_000 });
    // 240 of 44,520 measured minutes: 99.461 %, between 99 and 99.5.
    expect(acme.uptimePercent).toBe(99.461);
    expect(globex).toMatchObject({ downtimeMinutes: 0, creditPercent: 0, creditCents: 0, uptimePercent: 100 });
    expect(report.totalCreditCents).toEqual({ GBP: 125_000 });

    const csv = slaReportCsv(report).split('\r\n');
    expect(csv[0]).toBe('month,tenantSlug,tenantName,uptimePercent,downtimeMinutes,maintenanceMinutes,creditPercent,monthlyChargeCents,creditCents,currency,periodStart,periodEnd');
    expect(csv[1]).toMatch(/^2025-03,acme,Acme Insurance,99.461,240,120,10,1250000,125000,GBP,/);
    await expect(slaReport(db, ACME_ADMIN, { month: '2025-03' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('defuses spreadsheet formulas in tenant names', () => {
    const csv = slaReportCsv({ month: '2025-03', targetPercent: 99.9, totalCreditCents: {}, rows: [{ tenantName: '=HYPERLINK("x")', tenantSlug: 'evil' } as never] });
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
