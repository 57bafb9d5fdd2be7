import { and, between, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { alerts, protectionGroups, rpoSamples } from '@/db/schema';
import { createSimulator } from '@/lib/sim/runtime';
import type { SimulatorControl } from '@/lib/sim/contract';
import { ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { availabilityHistory, recentMonths, rpoCompliance } from './compliance';
import { monthlySla } from './sla';
import { listGroups } from '@/lib/domain/groups/groups';
import { planSeries, rpoSeries } from '@/lib/domain/replication/rpo';
import { setSimulatorForTests } from '@/lib/sim/bridge';

const MONTH_MS = (y: number, m: number) => Date.UTC(y, m, 1);

describe('recentMonths (the columns of the compliance report)', () => {
  it('runs from the current month, which ends now, back through whole calendar months', () => {
    const now = Date.UTC(2026, 2, 15, 9, 30);
    expect(recentMonths(now, 3)).toEqual([
      { month: '2026-03', from: MONTH_MS(2026, 2), to: now },
      { month: '2026-02', from: MONTH_MS(2026, 1), to: MONTH_MS(2026, 2) },
      { month: '2026-01', from: MONTH_MS(2026, 0), to: MONTH_MS(2026, 1) },
    ]);
  });

  it('crosses into the previous year', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 1);
    expect(recentMonths(now, 2)).toEqual([
      { month: '2026-01', from: MONTH_MS(2026, 0), to: now },
      { month: '2025-12', from: MONTH_MS(2025, 11), to: MONTH_MS(2026, 0) },
    ]);
  });

  it('gives an empty current month at the very first instant of it', () => {
    const now = MONTH_MS(2026, 4);
    expect(recentMonths(now, 1)).toEqual([{ month: '2026-05', from: now, to: now }]);
  });
});

// Only these tests need the database: the pure ones above run without seeding it.
describe('over the seeded database', () => {
  let db: DB;
  beforeAll(async () => {
    db = await seededTestDb();
  });

  describe('availabilityHistory', () => {
    it('is the SLA report of each recent month, newest first', async () => {
      const months = recentMonths(Date.now(), 2);
      const history = await availabilityHistory(db, ACME_USER, 2);
      expect(history.map((r) => r.month)).toEqual(months.map((m) => m.month));
      expect(history[1]).toEqual(await monthlySla(db, ACME_USER, { month: months[1].month }));
    });
  });

  describe('rpoCompliance', () => {
    it('gives the share of a month’s samples within target and the breaches raised in it', async () => {
      const [group] = await listGroups(db, ACME_USER);
      const nowMs = Date.now();
      const [month] = recentMonths(nowMs, 1);
      const { tier } = planSeries(month.from, month.to, nowMs);
      db.delete(rpoSamples).where(and(eq(rpoSamples.groupId, group.id), eq(rpoSamples.tier, tier.tier), between(rpoSamples.timeMs, month.from, month.to))).run();
      // Eight samples: six within the target, one exactly on it (within), one over.
      const first = Math.ceil(month.from / tier.stepMs) * tier.stepMs;
      const rpos = [1, 2, 3, 4, 5, 6, group.rpoTargetSeconds, group.rpoTargetSeconds + 1];
      db.insert(rpoSamples).values(rpos.map((rpoSeconds, i) => ({ groupId: group.id, tier: tier.tier, timeMs: first + i * tier.stepMs, rpoSeconds, throughputMBps: 1, wanMBps: 1 }))).run();
      db.insert(alerts).values([
        { id: 'al_c1', tenantId: 'ten_acme', groupId: group.id, code: 'rpo-breach', level: 'error', message: 'over', raisedAt: new Date(first + tier.stepMs) },
        { id: 'al_c2', tenantId: 'ten_acme', groupId: group.id, code: 'rpo-warning', level: 'warning', message: 'near', raisedAt: new Date(first + tier.stepMs) },
        { id: 'al_c3', tenantId: 'ten_acme', groupId: group.id, code: 'rpo-breach', level: 'error', message: 'last month', raisedAt: new Date(month.from - 1) },
      ]).run();

      const rows = await rpoCompliance(db, ACME_USER);
      const mine = rows.find((r) => r.group.id === group.id)!;
      expect(mine.months[0]).toEqual({ month: month.month, sharePercent: 87.5, samples: 8, breaches: 1 });
      expect(mine.months[1].breaches).toBeGreaterThanOrEqual(1);
    });

    it('leaves out the months no group has a figure for (a report of "no samples" columns says nothing)', async () => {
      const rows = await rpoCompliance(db, ACME_USER);
      // The seed holds a day of history and the test above a breach last month: the four months before are empty.
      const months = rows[0].months.map((m) => m.month);
      expect(months).toEqual(recentMonths(Date.now(), 2).map((m) => m.month));
      expect(rows.every((r) => r.months.map((m) => m.month).join() === months.join())).toBe(true);
    });

    it('agrees with the RPO chart of the same month for every group', async () => {
      const nowMs = Date.now();
      const [month] = recentMonths(nowMs, 1);
      const rows = await rpoCompliance(db, ACME_USER);
      expect(rows.some((r) => r.months[0].samples > 0)).toBe(true);
      for (const row of rows) {
        const series = await rpoSeries(db, ACME_USER, row.group.id, { from: new Date(month.from).toISOString(), to: new Date(month.to).toISOString() });
        const within = series.points.filter((p) => p.rpoSeconds <= series.targetSeconds).length;
        expect(row.months[0].samples).toBe(series.points.length);
        expect(row.months[0].sharePercent).toBe(series.points.length ? (within / series.points.length) * 100 : null);
      }
    });

    it('covers only the caller’s tenant', async () => {
      const acme = new Set((await listGroups(db, ACME_USER)).map((g) => g.id));
      const rows = await rpoCompliance(db, GLOBEX_ADMIN);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => acme.has(r.group.id))).toBe(false);
      expect(rows.every((r) => r.months.every((m) => m.breaches === 0 || r.group.tenantId === 'ten_globex'))).toBe(true);
    });

    it('reports a month that has samples even when it raised no breach', async () => {
      const [group] = await listGroups(db, GLOBEX_ADMIN);
      const nowMs = Date.now();
      const [month] = recentMonths(nowMs, 1);
      const { tier } = planSeries(month.from, month.to, nowMs);
      const first = Math.ceil(month.from / tier.stepMs) * tier.stepMs;
      db.insert(rpoSamples).values([0, 1].map((i) => ({ groupId: group.id, tier: tier.tier, timeMs: first + i * tier.stepMs, rpoSeconds: group.rpoTargetSeconds * i * 2, throughputMBps: 1, wanMBps: 1 }))).run();

      const rows = await rpoCompliance(db, GLOBEX_ADMIN);
      const mine = rows.find((r) => r.group.id === group.id)!;
      expect(mine.months[0]).toEqual({ month: month.month, sharePercent: 50, samples: 2, breaches: 0 });
    });
  });
});

describe('a reverse-replicating group over its RPO target', () => {
  it('is a breach in its status, its alerts and the month’s compliance, as forward replication would be', async () => {
    const NOW = Date.UTC(2026, 4, 12, 9, 30, 0);
    const own = await seededTestDb(new Date(NOW));
    const sim = createSimulator(own, { startAtMs: NOW, seed: 1 });
    setSimulatorForTests(sim as unknown as SimulatorControl);
    try {
      // A committed failover with reverse protection: the delta sync back takes longer than the target.
      sim.advance(60);
      sim.setGroupMode('grp_acme_web', 'failing-over');
      sim.advance(120);
      sim.setGroupMode('grp_acme_web', 'replicating');
      // As the operation does (lib/operations/effects.ts): swap the direction in the database, then the engine follows it.
      const dir = own.select({ from: protectionGroups.sourceSiteId, to: protectionGroups.targetSiteId }).from(protectionGroups).where(eq(protectionGroups.id, 'grp_acme_web')).get()!;
      own.update(protectionGroups).set({ sourceSiteId: dir.to, targetSiteId: dir.from }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
      sim.reverseProtection('grp_acme_web');
      sim.advance(420, 5);

      const web = (await listGroups(own, ACME_USER)).find((g) => g.id === 'grp_acme_web')!;
      expect(web.status).toBe('reverse-replicating');
      expect(web.rpoSeconds).toBeGreaterThan(web.rpoTargetSeconds);
      expect(web.subStatus).toMatch(/RPO .* over the 5 min target/);
      const rows = await rpoCompliance(own, ACME_USER);
      const month = rows.find((r) => r.group.id === 'grp_acme_web')!.months[0];
      expect(month.breaches).toBe(1);
    } finally {
      setSimulatorForTests(undefined);
      sim.stop();
    }
  });
});
