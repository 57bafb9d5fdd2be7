/**
 * The catch-up in a worker thread, on real SQLite files holding the demo seed: the same rows as
 * the catch-up in this thread for the same seed, a crash in its middle resumes where its last
 * transaction left it, and the server's thread meanwhile serves reads, refuses what would make
 * the engine act, and keeps what staff change for when the worker hands back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { EngineCatchingUpError } from '@/lib/core/errors';
import { seededTestDb, testTempDir } from '@/lib/testing/db';
import { assertEngineLive } from './bridge';
import { openCore } from './open-core';
import { createSimulator } from './runtime';
import { Simulator } from './simulator';
import { catchUpWorkerEntry, WorkerCatchUp } from './worker-catch-up';

const NOW = Date.UTC(2026, 4, 12, 9, 30, 0);
const START = NOW + 10_000;
const GAP_MS = 2 * 3_600_000;
const TO = START + GAP_MS;

/** A database whose engine stands at START (the demo seed, ten simulated seconds run), checkpointed into one file. */
async function stoppedAtStart(): Promise<string> {
  const db = await seededTestDb(new Date(NOW));
  const sim = createSimulator(db, { startAtMs: NOW, seed: 3 });
  sim.advance(10);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const file = db.$client.name;
  db.$client.close();
  return file;
}

function copyOf(file: string): string {
  const to = path.join(testTempDir(), 'copy.db');
  fs.copyFileSync(file, to);
  return to;
}

/** As the server opens after a downtime (start-up.ts), catching up to `toMs` in a worker or in slices. */
function openAndCatchUp(file: string, inWorker: boolean, toMs = TO): { db: DB; sim: Simulator } {
  const db = openDatabase(file);
  const { core } = openCore(db, {});
  const sim = new Simulator(core, 1000, inWorker ? { log: () => {} } : null);
  sim.background.start(toMs, () => {});
  sim.flush(); // start-up's write after starting the catch-up (none while a worker owns the state)
  return { db, sim };
}

async function whenLive(sim: Simulator): Promise<void> {
  for (let waited = 0; sim.catchingUp(); waited += 20) {
    if (waited > 120_000) throw new Error('still catching up after 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  await sim.settled();
  // A worker's catch-up must have been the worker's (not this thread's after a failure).
  if (sim.background instanceof WorkerCatchUp) expect(sim.background.lastOutcome).toBe('handed-back');
}

/** Everything the catch-up persists, without what is random (alert row ids) or wall-clock (the clock's wall time). */
function persisted(db: DB) {
  const all = (sql: string) => db.$client.prepare(sql).raw().all();
  const state = (key: string) => JSON.parse(db.$client.prepare('SELECT value FROM sim_state WHERE key = ?').pluck().get(key) as string);
  return {
    samples: all('SELECT * FROM rpo_samples ORDER BY group_id, tier, time_ms'),
    checkpoints: all('SELECT id, group_id, time_ms, kind, tag, created_by FROM checkpoints ORDER BY id'),
    groups: all(
      'SELECT id, status, sub_status, rpo_seconds, history_covered_seconds, journal_used_gb, throughput_mbps, wan_mbps, backlog_mb, write_iops, applied_iops, limit_reason FROM protection_groups ORDER BY id',
    ),
    members: all('SELECT group_id, vm_id, sync_state, sync_progress FROM group_members ORDER BY group_id, vm_id'),
    alerts: all('SELECT tenant_id, group_id, site_id, vm_id, code, level, message, raised_at, resolved_at FROM alerts ORDER BY raised_at, code, group_id, vm_id, resolved_at'),
    engine: state('engine'),
    simMs: state('clock').simMs,
  };
}

describe('catch-up in a worker thread', () => {
  it('runs from the TypeScript source here (tsx), from the bundle in production', () => {
    expect(catchUpWorkerEntry()).toMatchObject({ file: path.join(process.cwd(), 'lib/sim/catch-up-worker.ts'), eval: expect.stringContaining('tsImport') });
    expect(catchUpWorkerEntry(testTempDir())).toBeNull();
  });

  it('persists exactly what the catch-up in this thread persists for the same seed, and hands the same engine back', async () => {
    const file = await stoppedAtStart();
    const inThread = openAndCatchUp(copyOf(file), false);
    await whenLive(inThread.sim);
    const inWorker = openAndCatchUp(copyOf(file), true);
    expect((inWorker.sim.background as WorkerCatchUp).inWorker).toBe(true);
    await whenLive(inWorker.sim);

    const a = persisted(inThread.db);
    const b = persisted(inWorker.db);
    expect(a.simMs).toBe(TO);
    expect(b.simMs).toBe(TO);
    expect(b.samples.length).toBeGreaterThan(1000);
    expect(b.checkpoints.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    // The engine handed back continues as the one that ran here.
    expect(inWorker.sim.now()).toBe(TO);
    expect(JSON.stringify(inWorker.sim.engine.snapshot({ checkpoints: true }))).toBe(JSON.stringify(inThread.sim.engine.snapshot({ checkpoints: true })));
    inThread.sim.advance(60);
    inWorker.sim.advance(60);
    expect(persisted(inWorker.db)).toEqual(persisted(inThread.db));
    inThread.sim.stop();
    inWorker.sim.stop();
  }, 240_000);

  it('a crash in its middle resumes from its last transaction at the next start: nothing lost, nothing twice', async () => {
    const file = await stoppedAtStart();
    const uninterrupted = openAndCatchUp(copyOf(file), false);
    await whenLive(uninterrupted.sim);

    const crashedFile = copyOf(file);
    const crashed = openAndCatchUp(crashedFile, true);
    // Let it commit part of the gap, then stop the process's work there (its transaction under way rolls back).
    for (let waited = 0; crashed.sim.now() < START + 20 * 60_000; waited += 10) {
      if (waited > 120_000) throw new Error('no progress');
      await new Promise((r) => setTimeout(r, 10));
    }
    crashed.sim.stop();
    await crashed.sim.settled();
    crashed.db.$client.close();

    // The next start finds the engine where the worker's last transaction left it, the clock keeping the rest of the gap.
    const reopened = openDatabase(crashedFile);
    const { core } = openCore(reopened, {});
    const clock = JSON.parse(reopened.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string) as { simMs: number; wallMs: number };
    expect(core.engine.nowMs).toBeGreaterThanOrEqual(START + 20 * 60_000);
    expect(core.engine.nowMs).toBeLessThan(TO);
    expect(clock.simMs).toBe(core.engine.nowMs);
    expect(clock.simMs + (Date.now() - clock.wallMs)).toBeGreaterThanOrEqual(TO);
    reopened.$client.close();

    const resumed = openAndCatchUp(crashedFile, true);
    await whenLive(resumed.sim);
    expect(persisted(resumed.db)).toEqual(persisted(uninterrupted.db));
    resumed.sim.stop();
    uninterrupted.sim.stop();
  }, 240_000);

  it('meanwhile the server reads at will, refuses actions, writes nothing stale, and keeps what staff changed for after the hand-back', async () => {
    const file = await stoppedAtStart();
    const { db, sim } = openAndCatchUp(file, true);
    try {
      expect(sim.catchingUp()!.behindMs).toBeGreaterThanOrEqual(GAP_MS);
      // Operations, tags, approvals and runs refuse while "now" is in the engine's past.
      expect(() => assertEngineLive(sim)).toThrow(EngineCatchingUpError);

      // Staff change things meanwhile: a group's RPO target, a site's fault.
      db.$client.prepare("UPDATE protection_groups SET rpo_target_seconds = 123 WHERE id = 'grp_acme_web'").run();
      sim.notifyConfigChanged('grp_acme_web');
      const site = db.$client.prepare("SELECT id FROM sites WHERE id NOT IN (SELECT source_site_id FROM protection_groups) LIMIT 1").pluck().get() as string;
      sim.setSiteDown(site, true, undefined);
      sim.flush(); // the engine here is stale: nothing of it is written

      // Reads go on, and "now" follows what the worker committed, never backwards.
      const seen: number[] = [];
      while (sim.catchingUp()) {
        seen.push(sim.now());
        const [samples] = db.$client.prepare('SELECT count(*) FROM rpo_samples').pluck().all() as number[];
        expect(samples).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 15));
      }
      await sim.settled();
      expect(seen.length).toBeGreaterThan(3);
      expect(seen.every((t, i) => i === 0 || t >= seen[i - 1])).toBe(true);
      expect(new Set(seen).size).toBeGreaterThan(2);
      expect(seen.every((t) => t >= START && t <= TO)).toBe(true);

      // Handed back: live, at the target, with what staff changed meanwhile.
      expect(sim.catchingUp()).toBeNull();
      expect(() => assertEngineLive(sim)).not.toThrow();
      expect(sim.now()).toBe(TO);
      expect(sim.engine.groups.get('grp_acme_web')!.rpoTargetSeconds).toBe(123);
      expect(sim.engine.downSites.has(site)).toBe(true);
      expect(db.$client.prepare('SELECT count(*) FROM outages WHERE site_id = ? AND ended_at IS NULL').pluck().get(site)).toBe(1);
      // It ticks on from there and writes again.
      sim.advance(30);
      expect(JSON.parse(db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string).simMs).toBe(TO + 30_000);
    } finally {
      sim.stop();
    }
  }, 240_000);

  it('the production bundle (scripts/build-sim-worker.mjs) runs the same catch-up', async () => {
    // Inside the app's folder, as in production: better-sqlite3 resolves from its node_modules.
    const bundle = path.join(process.cwd(), 'dist', `test-${process.pid}-sim-catch-up-worker.cjs`);
    const built = spawnSync(process.execPath, ['scripts/build-sim-worker.mjs', bundle], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const file = await stoppedAtStart();
    const inThread = openAndCatchUp(copyOf(file), false, START + 30 * 60_000);
    await whenLive(inThread.sim);
    const db = openDatabase(copyOf(file));
    const { core } = openCore(db, {});
    const runner = new WorkerCatchUp(core, () => {}, () => ({ file: bundle }));
    runner.start(START + 30 * 60_000);
    await runner.settled();
    expect(runner.lastOutcome).toBe('handed-back');
    expect(core.engine.nowMs).toBe(START + 30 * 60_000);
    expect(persisted(db)).toEqual(persisted(inThread.db));
    inThread.sim.stop();
    fs.rmSync(bundle, { force: true });
  }, 240_000);

  it('a worker that fails hands over to the catch-up in this thread, from what it committed', async () => {
    const file = await stoppedAtStart();
    const broken = path.join(testTempDir(), 'broken-worker.mjs');
    fs.writeFileSync(broken, "throw new Error('worker could not start');\n");
    const db = openDatabase(file);
    const { core } = openCore(db, {});
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    const runner = new WorkerCatchUp(core, () => {}, () => ({ file: broken }));
    try {
      runner.start(TO);
      expect(runner.inWorker).toBe(true);
      await runner.settled();
      for (let waited = 0; runner.active; waited += 20) {
        if (waited > 120_000) throw new Error('still catching up');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      console.error = originalError;
    }
    expect(runner.lastOutcome).toBe('failed');
    expect(errors.length).toBeGreaterThan(0);
    expect(core.suspended).toBe(false);
    expect(core.engine.nowMs).toBe(TO);
    expect(JSON.parse(db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string).simMs).toBe(TO);
  }, 240_000);
});
