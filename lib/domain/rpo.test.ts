import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { RPO_TIERS, rpoSamples } from '@/db/schema';
import type { SimulatorControl } from '@/lib/sim/contract';
import { seededTestDb } from '@/lib/testing/db';
import { ACME_USER, GLOBEX_ADMIN } from '@/lib/testing/actors';
import { MAX_POINTS, planSeries, rpoSeries } from './rpo';
import { setSimulatorForTests } from './sim-bridge';

const NOW = Date.parse('2025-06-10T00:00:00Z');
const DAY = 24 * 3600_000;
let db: DB;

beforeAll(async () => {
  setSimulatorForTests({ now: () => NOW } as unknown as SimulatorControl);
  db = await seededTestDb(new Date(NOW));
  // What the runtime keeps: 5 s for a day, 1 min for 7 days, 15 min for 35 days.
  const rows: (typeof rpoSamples.$inferInsert)[] = [];
  for (const t of RPO_TIERS) {
    for (let time = NOW - t.keepMs; time <= NOW; time += t.stepMs) {
      rows.push({ groupId: 'grp_acme_web', tier: t.tier, timeMs: time, rpoSeconds: 5 + (time % 7), throughputMBps: 0.5, wanMBps: 0.4 });
    }
  }
  rows.push({ groupId: 'grp_acme_web', tier: 0, timeMs: NOW - 3600_000 + 2_500, rpoSeconds: 900, throughputMBps: 2, wanMBps: 1 }); // a spike
  for (let i = 0; i < rows.length; i += 5000) db.insert(rpoSamples).values(rows.slice(i, i + 5000)).onConflictDoNothing().run();
});

describe('planSeries', () => {
  const counts = new Map([[0, 17_281], [1, 10_081], [2, 3_361]]);
  it('buckets the 5 s tier for a day', () => {
    expect(planSeries(NOW - DAY, NOW, NOW, counts)).toEqual({ tier: RPO_TIERS[0], bucketMs: 90_000 });
  });
  it('uses a tier raw when it has few rows', () => {
    expect(planSeries(NOW - 3600_000, NOW, NOW, new Map([[0, 721]]))).toEqual({ tier: RPO_TIERS[0], bucketMs: null });
  });
  it('skips tiers that no longer hold the start of the range', () => {
    expect(planSeries(NOW - 3 * DAY, NOW, NOW, counts).tier.tier).toBe(1);
    expect(planSeries(NOW - 30 * DAY, NOW, NOW, counts).tier.tier).toBe(2);
    expect(planSeries(NOW - 90 * DAY, NOW, NOW, counts).tier.tier).toBe(2);
  });
});

describe('rpoSeries', () => {
  it('defaults to the last 24 h of the simulated clock, at most ~1,000 points, keeping the worst RPO', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web');
    expect(s.from).toBe(new Date(NOW - DAY).toISOString());
    expect(s.to).toBe(new Date(NOW).toISOString());
    expect(s.tier).toBe(0);
    expect(s.targetSeconds).toBe(300);
    expect(s.points.length).toBeGreaterThan(900);
    expect(s.points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(Math.max(...s.points.map((p) => p.rpoSeconds))).toBe(900);
    expect(s.points[0]).toEqual({ time: expect.any(String), rpoSeconds: expect.any(Number), throughputMBps: expect.any(Number), wanMBps: expect.any(Number) });
    const times = s.points.map((p) => Date.parse(p.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('reads a coarser tier for a month', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 30 * DAY).toISOString(), to: new Date(NOW).toISOString() });
    expect(s.tier).toBe(2);
    expect(s.points.length).toBeLessThanOrEqual(MAX_POINTS + 1);
  });

  it('returns raw points for a short range', async () => {
    const s = await rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW - 600_000).toISOString() });
    expect(s.tier).toBe(0);
    expect(s.points.length).toBe(121);
  });

  it('refuses a reversed or malformed range, and other tenants', async () => {
    await expect(rpoSeries(db, ACME_USER, 'grp_acme_web', { from: new Date(NOW).toISOString(), to: new Date(NOW - 1000).toISOString() })).rejects.toMatchObject({ status: 400 });
    await expect(rpoSeries(db, ACME_USER, 'grp_acme_web', { from: 'yesterday' })).rejects.toMatchObject({ status: 400, extra: { errors: [{ field: 'from' }] } });
    await expect(rpoSeries(db, GLOBEX_ADMIN, 'grp_acme_web')).rejects.toMatchObject({ status: 404 });
  });
});
