/** The server's singleton and the real-time ticking (own file: it sets the process environment). */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededTestDb, testTempDir } from '@/lib/testing/db';
import { createSimulator, getSimulator, startSimulator, stopSimulator } from './runtime';

process.env.DATABASE_URL = path.join(testTempDir(), 'server.db');
process.env.SIM_ENABLED = '0';

afterAll(() => stopSimulator());

describe('startSimulator', () => {
  it('starts once, is then what getSimulator() returns, and with SIM_ENABLED=0 stands still', async () => {
    const { getDb } = await import('@/db');
    const { seedDemo } = await import('@/lib/seed/demo');
    await seedDemo(getDb(), { password: 'demo-password' });
    const [a, b] = await Promise.all([startSimulator(), startSimulator()]);
    expect(a).toBe(b);
    expect(await startSimulator()).toBe(a);
    expect(getSimulator()).toBe(a);
    expect(a.isTicking).toBe(false);
    const t = a.now();
    expect(Math.abs(t - Date.now())).toBeLessThan(60_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(a.now()).toBe(t);
    expect(a.engine.groups.size).toBe(6);
  });
});

describe('real-time ticking', () => {
  it('advances at SIM_SPEED simulated seconds per real second and persists as it goes', async () => {
    const now = Date.now();
    const db = await seededTestDb(new Date(now));
    const sim = createSimulator(db, { startAtMs: now, autoTick: true, speed: 200, tickIntervalMs: 25 });
    const ticks: number[] = [];
    sim.onTick((t) => ticks.push(t));
    await new Promise((r) => setTimeout(r, 300));
    sim.stop();
    const advanced = sim.now() - now;
    // ~300 ms real × 200 = ~60 s simulated (timers are not exact).
    expect(advanced).toBeGreaterThan(20_000);
    expect(advanced).toBeLessThan(200_000);
    expect(ticks.length).toBeGreaterThan(3);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]);
    const samples = db.$client.prepare('SELECT count(*) FROM rpo_samples').pluck().get() as number;
    expect(samples).toBeGreaterThan(0);
    expect(JSON.parse(db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string).simMs).toBe(sim.now());
  });
});
