import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { DB } from '@/db';
import { outages, protectionGroups, RPO_TIERS, rpoSamples, sites } from '@/db/schema';
import type { SimulatorControl } from '@/lib/sim/contract';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { MAX_POINTS, MAX_ROWS_READ, planSeries, rpoSeries } from './rpo';
import { setSimulatorForTests } from '@/lib/sim/bridge';

const NOW = Date.parse('2025-06-10T00:00:00Z');
const DAY = 24 * 3600_000;
let db: DB;

beforeAll(async () => {
  setSimulatorForTests({ now: () => NOW } as unknown as SimulatorControl);
  db = await seededTestDb(new Date(NOW));
  // What the runtime keeps: 5 s for a day, 2.5 min for 7 days, 15 min for 35 days, 1 h for 400 days.
  const rows: (typeof rpoSamples.$inferInsert)[] = [];
  for (const t of RPO_TIERS) {
    for (let time = NOW - t.keepMs; time <= NOW; time += t.stepMs) {
      rows.push({ groupId: 'grp_acme_web', tier: t.tier, timeMs: time, rpoSeconds: 5 + (time % 7), throughputMBps: 0.5, wanMBps: 0.4, writeIops: 16, appliedIops: 12.8 });
    }
  }
  // A spike, as the runtime records it: in its 5 s sample and, folded, in every coarser tier.
  const spikeMs = NOW - 3600_000 + 2_500;
  for (const t of RPO_TIERS) rows.push({ groupId: 'grp_acme_web', tier: t.tier, timeMs: Math.floor(spikeMs / t.stepMs) * t.stepMs, rpoSeconds: 900, throughputMBps: 2, wanMBps: 1 });
  // 8 columns a row (with the IOPS ones): 3,000 rows stay under SQLite's 32,766 variables.
  for (let i = 0; i < rows.length; i += 3000) {
    db.insert(rpoSamples).values(rows.slice(i, i + 3000)).onConflictDoUpdate({ target: [rpoSamples.groupId, rpoSamples.tier, rpoSamples.timeMs], set: { rpoSeconds: sql`excluded.rpo_seconds` } }).run();
  }
});

describe('recovery volume of the series', () => {
  it('names the tenant volume at the recovery site with its guaranteed IOPS, and what a degraded site leaves', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web');
    expect(s.volume).not.toBeNull();
    expect(s.volume!.siteId).toBe(db.select().from(protectionGroups).where(eq(protectionGroups.id, 'grp_acme_web')).get()!.targetSiteId);
    expect(s.volume!.effectiveIops).toBe(s.volume!.guaranteedIops);
    db.update(sites).set({ storageIopsPercent: 40 }).where(eq(sites.id, s.volume!.siteId)).run();
    try {
      const d = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 3600_000).toISOString() });
      expect(d.volume).toMatchObject({ storageIopsPercent: 40, effectiveIops: Math.round(s.volume!.guaranteedIops * 0.4) });
    } finally {
      db.update(sites).set({ storageIopsPercent: 100 }).where(eq(sites.id, s.volume!.siteId)).run();
    }
  });

  it("carries the group's current limit reason, for the explanation under the charts", async () => {
    expect((await rpoSeries(db, ACME_USER, 'grp_acme_web')).limitReason).toBeNull();
    db.update(protectionGroups).set({ limitReason: 'iops-limited' }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    try {
      expect((await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 7200_000).toISOString() })).limitReason).toBe('iops-limited');
    } finally {
      db.update(protectionGroups).set({ limitReason: null }).where(eq(protectionGroups.id, 'grp_acme_web')).run();
    }
  });
});

describe('planSeries', () => {
  const tierFor = (rangeMs: number) => planSeries(NOW - rangeMs, NOW, NOW);
  it('reads each chart range from a tier that keeps it within ~1,000 rows', () => {
    expect(tierFor(3600_000)).toEqual({ tier: RPO_TIERS[0], bucketMs: null, estimatedRows: 720 });
    expect(tierFor(DAY)).toEqual({ tier: RPO_TIERS[1], bucketMs: null, estimatedRows: 576 });
    expect(tierFor(7 * DAY)).toEqual({ tier: RPO_TIERS[2], bucketMs: null, estimatedRows: 672 });
    expect(tierFor(30 * DAY)).toEqual({ tier: RPO_TIERS[3], bucketMs: null, estimatedRows: 720 });
  });
  it('keeps every range, odd ones too, within MAX_POINTS points and MAX_ROWS_READ rows', () => {
    const ranges = [60_000, 600_000, 3600_000, 2 * 3600_000, 90 * 60_000, 6 * 3600_000, 12 * 3600_000, 25 * 3600_000, 2 * DAY, 3 * DAY + 7_000, 5 * DAY, 7 * DAY, 8 * DAY, 14 * DAY, 20 * DAY, 30 * DAY, 35 * DAY, 90 * DAY, 365 * DAY];
    for (const r of ranges) {
      const p = planSeries(NOW - r, NOW, NOW);
      const points = p.bucketMs ? Math.ceil(r / p.bucketMs) : p.estimatedRows;
      expect(points, `range ${r / 60_000} min`).toBeLessThanOrEqual(MAX_POINTS);
      // The coarsest (hourly) tier is read whatever the range: beyond ~83 days it reads more.
      if (p.tier.tier < 3) expect(p.estimatedRows, `range ${r / 60_000} min`).toBeLessThanOrEqual(MAX_ROWS_READ);
    }
    // The chart's own ranges read ~720 rows or fewer and are never bucketed.
    for (const r of [3600_000, DAY, 7 * DAY, 30 * DAY]) {
      const p = planSeries(NOW - r, NOW, NOW);
      expect(p.bucketMs).toBeNull();
      expect(p.estimatedRows).toBeLessThanOrEqual(720);
    }
  });
  it('skips tiers that no longer hold the start of the range', () => {
    expect(planSeries(NOW - 3 * DAY, NOW - 3 * DAY + 3600_000, NOW).tier.tier).toBe(1);
    expect(planSeries(NOW - 90 * DAY, NOW - 89 * DAY, NOW).tier.tier).toBe(3);
    expect(planSeries(NOW - 900 * DAY, NOW, NOW).tier.tier).toBe(3);
  });
  it('counts only the part of the range that has happened', () => {
    expect(planSeries(NOW - 3600_000, NOW + DAY, NOW).estimatedRows).toBe(720);
  });
});

describe('rpoSeries', () => {
  it('defaults to the last 24 h of the simulated clock, at most ~720 points read as stored, keeping the worst RPO', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web');
    expect(s.from).toBe(new Date(NOW - DAY).toISOString());
    expect(s.to).toBe(new Date(NOW).toISOString());
    expect(s.tier).toBe(1);
    expect(s.targetSeconds).toBe(300);
    // One row per 2.5 min, both ends included (577), on the tier's grid.
    expect(s.points.length).toBeGreaterThanOrEqual(577);
    expect(s.points.length).toBeLessThanOrEqual(720);
    expect(new Set(s.points.map((p) => Date.parse(p.time) % RPO_TIERS[1].stepMs))).toEqual(new Set([0]));
    expect(Math.max(...s.points.map((p) => p.rpoSeconds))).toBe(900);
    expect(s.points[0]).toEqual({ time: expect.any(String), rpoSeconds: expect.any(Number), throughputMBps: expect.any(Number), wanMBps: expect.any(Number), writeIops: 16, appliedIops: 12.8 });
    const times = s.points.map((p) => Date.parse(p.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('reads the hourly tier for a month: at most ~720 rows, the spike kept', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 30 * DAY).toISOString(), to: new Date(NOW).toISOString() });
    expect(s.tier).toBe(3);
    expect(s.points.length).toBeLessThanOrEqual(721);
    expect(Math.max(...s.points.map((p) => p.rpoSeconds))).toBe(900);
  });

  it('answers 1 h, 7 d, 30 d and odd ranges on the seeded database with at most ~1,000 points', async () => {
    for (const [r, tier] of [[3600_000, 0], [7 * DAY, 2], [30 * DAY, 3], [2 * 3600_000, 0], [3 * DAY + 7_000, 1], [14 * DAY, 2]] as const) {
      const s = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - r).toISOString(), to: new Date(NOW).toISOString() });
      expect(s.tier, `range ${r / 60_000} min`).toBe(tier);
      expect(s.points.length, `range ${r / 60_000} min`).toBeGreaterThan(100);
      expect(s.points.length, `range ${r / 60_000} min`).toBeLessThanOrEqual(MAX_POINTS + 1);
      expect(Math.max(...s.points.map((p) => p.rpoSeconds))).toBe(900);
    }
  });

  it('returns raw points for a short range', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 600_000).toISOString() });
    expect(s.tier).toBe(0);
    expect(s.points.length).toBe(121);
  });

  it('shares a read between ranges on the same samples, and sees a new sample at once', async () => {
    const range = (offsetMs: number) => ({ from: new Date(NOW - 30 * DAY + 1000 + offsetMs).toISOString(), to: new Date(NOW - 5000 + offsetMs).toISOString() });
    const a = await rpoSeries(db, ACME_USER, 'grp_acme_web', range(0));
    const b = await rpoSeries(db, ACME_USER, 'grp_acme_web', range(1000));
    expect(b.points).toBe(a.points);
    expect(b.from).not.toBe(a.from);
    db.update(rpoSamples).set({ rpoSeconds: 4321 }).where(and(eq(rpoSamples.groupId, 'grp_acme_web'), eq(rpoSamples.tier, 3), eq(rpoSamples.timeMs, NOW - 2 * 3600_000))).run();
    const c = await rpoSeries(db, ACME_USER, 'grp_acme_web', range(0));
    expect(Math.max(...c.points.map((p) => p.rpoSeconds))).toBe(4321);
  });

  it('lists the faults that paused the group in the range, for the charts to shade', async () => {
    // grp_acme_web replicates London → Zurich.
    const HOUR = 3600_000;
    db.insert(outages)
      .values([
        { id: 'out_t1', siteId: 'zurich', startedAt: new Date(NOW - 5 * HOUR), endedAt: new Date(NOW - 4 * HOUR) },
        { id: 'out_t2', linkId: 'london--zurich', startedAt: new Date(NOW - 30 * 60_000) },
        { id: 'out_t3', siteId: 'jersey', startedAt: new Date(NOW - 3 * HOUR), endedAt: new Date(NOW - 2 * HOUR) },
        { id: 'out_t4', siteId: 'london', startedAt: new Date(NOW - 3 * DAY), endedAt: new Date(NOW - 3 * DAY + HOUR) },
      ])
      .run();
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web');
    expect(s.outages).toEqual([
      { from: new Date(NOW - 5 * HOUR).toISOString(), to: new Date(NOW - 4 * HOUR).toISOString(), label: 'Site Zurich offline' },
      { from: new Date(NOW - 30 * 60_000).toISOString(), to: null, label: 'Link London–Zurich down' },
    ]);
    db.delete(outages).run();
  });

  it('refuses a reversed or malformed range, and other tenants', async () => {
    await expect(rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW).toISOString(), to: new Date(NOW - 1000).toISOString() })).rejects.toMatchObject({ status: 400 });
    await expect(rpoSeries(db, ACME_USER, 'grp_acme_web', { from: 'yesterday' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'from' }] } });
    await expect(rpoSeries(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
  });
});
