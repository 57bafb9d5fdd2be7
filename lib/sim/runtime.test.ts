/**
 * The runtime on a real SQLite file holding the demo seed: first start with a day of backfill,
 * persistence, restart, faults, configuration changes and operations' calls.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '@/db/client';
import { RPO_TIERS } from '@/db/schema';
import { SAMPLE_TIERS } from '@/lib/engine';
import { seededTestDb } from '@/lib/testing/db';
import { createSimulator, getSimulator } from './runtime';

const NOW = Date.UTC(2026, 4, 12, 9, 30, 0);
const HEALTHY = ['grp_acme_web', 'grp_acme_sql', 'grp_globex_erp', 'grp_globex_web'];

type GroupRow = { id: string; status: string; sub_status: string | null; rpo_seconds: number | null; history_covered_seconds: number; journal_used_gb: number; backlog_mb: number };
const groups = (db: DB) => new Map((db.$client.prepare('SELECT * FROM protection_groups').all() as GroupRow[]).map((g) => [g.id, g]));
const openAlerts = (db: DB) => db.$client.prepare('SELECT code, group_id, vm_id FROM alerts WHERE resolved_at IS NULL ORDER BY code, group_id').all() as { code: string; group_id: string | null; vm_id: string | null }[];
const count = (db: DB, sql: string, ...args: unknown[]) => (db.$client.prepare(sql).pluck().get(...args) as number);

it('samples in the engine use the schema tiers', () => {
  expect(SAMPLE_TIERS.map((t) => [t.tier, t.stepMs])).toEqual(RPO_TIERS.map((t) => [t.tier, t.stepMs]));
});

it('getSimulator() says clearly when the server has not started it', () => {
  expect(() => getSimulator()).toThrow(/not running/);
});

describe('first start on the demo seed', () => {
  let db: DB;
  let sim: ReturnType<typeof createSimulator>;
  beforeAll(async () => {
    db = await seededTestDb(new Date(NOW));
    sim = createSimulator(db, { startAtMs: NOW, backfillHours: 24, seed: 1 });
  });

  it('stores each journal exactly as the engine holds it after the catch-up (which writes journals once, at its end)', () => {
    for (const id of HEALTHY) {
      const stored = db.$client.prepare('SELECT id, time_ms AS timeMs, kind FROM checkpoints WHERE group_id = ? ORDER BY time_ms').all(id);
      const held = sim.engine.checkpointsOf(id).map((c) => ({ id: c.id, timeMs: c.timeMs, kind: c.kind }));
      expect(held.length).toBeGreaterThan(1000);
      expect(stored).toEqual(held);
    }
  });

  it('writes only the RPO samples the tiers keep', () => {
    for (const t of RPO_TIERS) {
      expect(count(db, 'SELECT count(*) FROM rpo_samples WHERE tier = ? AND time_ms < ?', t.tier, NOW - t.keepMs - t.stepMs)).toBe(0);
    }
    expect(count(db, "SELECT count(*) FROM rpo_samples WHERE group_id = 'grp_acme_web' AND tier = 0")).toBeGreaterThan(17_000);
  });

  it('has groups synced and meeting SLA with a day of history', () => {
    const g = groups(db);
    for (const id of HEALTHY) {
      expect(g.get(id)).toMatchObject({ status: 'meeting-sla' });
      expect(g.get(id)!.rpo_seconds).toBeLessThan(15);
      expect(g.get(id)!.history_covered_seconds).toBeGreaterThanOrEqual(24 * 3600);
    }
  });

  it('still initialises the 2 TB analytics VM, with progress', () => {
    const a = groups(db).get('grp_globex_analytics')!;
    expect(a.status).toBe('initialising');
    expect(a.sub_status).toMatch(/^initial sync 0 of 1 VMs, \d+%, ETA \d+ h/);
    const progress = count(db, "SELECT sync_progress FROM group_members WHERE vm_id = 'vm_globex_etl_01'");
    expect(progress).toBeGreaterThan(0);
    expect(progress).toBeLessThan(0.1);
  });

  it('warns about the backup server, and its small journal cuts the history short', () => {
    const f = groups(db).get('grp_acme_file')!;
    expect(['history-not-met', 'rpo-not-met']).toContain(f.status);
    const alerts = openAlerts(db);
    expect(alerts).toContainEqual({ code: 'continuous-writer', group_id: 'grp_acme_file', vm_id: 'vm_acme_bkp_01' });
    expect(alerts).toContainEqual(expect.objectContaining({ code: 'test-overdue', group_id: 'grp_acme_sql' }));
    // Its nightly backup window breached the RPO during the day behind us: kept as history.
    expect(count(db, "SELECT count(*) FROM alerts WHERE code = 'rpo-breach' AND group_id = 'grp_acme_file' AND resolved_at IS NOT NULL")).toBeGreaterThan(0);
  });

  it('stores RPO samples per tier, so a day reads 576 rows at the 2.5-minute tier', () => {
    const perTier = (tier: number) => count(db, "SELECT count(*) FROM rpo_samples WHERE group_id = 'grp_acme_web' AND tier = ?", tier);
    expect(perTier(0)).toBeGreaterThan(17_000);
    expect(perTier(1)).toBeGreaterThanOrEqual(575);
    expect(perTier(1)).toBeLessThanOrEqual(577);
    expect(perTier(2)).toBeGreaterThanOrEqual(95);
  });

  it('keeps a thinned journal: all checkpoints for an hour, one a minute for the day', () => {
    const n = count(db, "SELECT count(*) FROM checkpoints WHERE group_id = 'grp_acme_web'");
    expect(n).toBeGreaterThan(2_000);
    expect(n).toBeLessThan(2_300);
    const lastHour = count(db, "SELECT count(*) FROM checkpoints WHERE group_id = 'grp_acme_web' AND time_ms >= ?", NOW - 3_600_000);
    expect(lastHour).toBeGreaterThanOrEqual(719);
    expect(count(db, "SELECT count(*) FROM checkpoints WHERE group_id = 'grp_acme_sql' AND kind = 'app'")).toBe(48);
  });

  it('writes its snapshot and clock', () => {
    expect(count(db, "SELECT count(*) FROM sim_state WHERE key IN ('engine', 'clock', 'alert-ids')")).toBe(3);
  });
});

describe('headless runtime', () => {
  async function fresh() {
    const db = await seededTestDb(new Date(NOW));
    const sim = createSimulator(db, { startAtMs: NOW, seed: 3 });
    return { db, sim };
  }

  it('serves the simulated clock and ticks listeners on advance', async () => {
    const { sim } = await fresh();
    expect(sim.now()).toBe(NOW);
    const seen: number[] = [];
    const off = sim.onTick((t) => seen.push(t));
    sim.advance(3);
    off();
    sim.advance(2);
    expect(seen).toEqual([NOW + 1000, NOW + 2000, NOW + 3000]);
    expect(sim.now()).toBe(NOW + 5000);
  });

  it('a restart resumes where it was: same clock, same journal, no duplicate alerts', async () => {
    const { db, sim } = await fresh();
    sim.advance(120);
    const file = db.$client.name;
    const alertsBefore = count(db, 'SELECT count(*) FROM alerts');
    const lastCp = count(db, "SELECT max(time_ms) FROM checkpoints WHERE group_id = 'grp_acme_web'");

    const db2 = openDatabase(file);
    const again = createSimulator(db2, { startAtMs: NOW + 999_999_999, catchUp: false });
    expect(again.now()).toBe(NOW + 120_000);
    expect(count(db2, 'SELECT count(*) FROM alerts')).toBe(alertsBefore);
    again.advance(30);
    const times = db2.$client.prepare("SELECT time_ms FROM checkpoints WHERE group_id = 'grp_acme_web' AND time_ms > ? ORDER BY time_ms").pluck().all(lastCp) as number[];
    expect(times).toHaveLength(6);
    expect(groups(db2).get('grp_acme_web')!.status).toBe('meeting-sla');
    expect(count(db2, 'SELECT count(*) FROM alerts WHERE resolved_at IS NULL')).toBe(count(db, 'SELECT count(*) FROM alerts WHERE resolved_at IS NULL'));
  });

  it('fast-forwards the time it missed while the server was down', async () => {
    const { db, sim } = await fresh();
    sim.advance(10);
    const clock = JSON.parse(db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string);
    db.$client.prepare("UPDATE sim_state SET value = ? WHERE key = 'clock'").run(JSON.stringify({ ...clock, wallMs: Date.now() - 2 * 3_600_000 }));
    const again = createSimulator(openDatabase(db.$client.name), { catchUp: true });
    expect(again.now() - (NOW + 10_000)).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(again.now() - (NOW + 10_000)).toBeLessThan(2 * 3_600_000 + 60_000);
    // No hole in the chart: 2.5-minute samples all through the gap.
    const gapSamples = count(db, "SELECT count(*) FROM rpo_samples WHERE group_id = 'grp_acme_web' AND tier = 1 AND time_ms > ?", NOW + 60_000);
    expect(gapSamples).toBeGreaterThanOrEqual(47);
  });

  /** A restarted server whose clock says it was down `hours`. */
  async function downFor(hours: number) {
    const { db, sim } = await fresh();
    sim.advance(10);
    const clock = JSON.parse(db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string);
    db.$client.prepare("UPDATE sim_state SET value = ? WHERE key = 'clock'").run(JSON.stringify({ ...clock, wallMs: Date.now() - hours * 3_600_000 }));
    return db.$client.name;
  }
  const whenLive = async (sim: ReturnType<typeof createSimulator>) => {
    for (let waited = 0; sim.catchingUp(); waited += 20) {
      if (waited > 60_000) throw new Error('still catching up after 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('after a long downtime it serves at once and catches up in the background, then ticks live', async () => {
    const file = await downFor(2);
    const db2 = openDatabase(file);
    const sim = createSimulator(db2, { autoTick: true, catchUpInBackground: true, tickIntervalMs: 50 });
    try {
      // Open before simulating anything: "now" is where the engine is, and it says how far behind.
      expect(sim.now()).toBe(NOW + 10_000);
      expect(sim.catchingUp()!.behindMs).toBeGreaterThanOrEqual(2 * 3_600_000);
      const seen: number[] = [];
      sim.onTick((t) => seen.push(t));
      await whenLive(sim);
      // Tick listeners (operations) followed the catch-up step by step, never backwards.
      expect(seen.length).toBeGreaterThan(1000);
      expect(seen.every((t, i) => i === 0 || t > seen[i - 1])).toBe(true);
      expect(sim.now() - (NOW + 10_000)).toBeGreaterThanOrEqual(2 * 3_600_000);
      const gapSamples = count(db2, "SELECT count(*) FROM rpo_samples WHERE group_id = 'grp_acme_web' AND tier = 1 AND time_ms > ?", NOW + 60_000);
      expect(gapSamples).toBeGreaterThanOrEqual(47);
      // Live again: the real time spent catching up is simulated by the ticks that follow.
      const at = sim.now();
      await new Promise((r) => setTimeout(r, 300));
      expect(sim.now()).toBeGreaterThan(at);
      expect(sim.catchingUp()).toBeNull();
    } finally {
      sim.stop();
    }
  });

  it('a stop in the middle of a catch-up keeps the rest of the gap for the next start', async () => {
    const file = await downFor(2);
    const interrupted = createSimulator(openDatabase(file), { autoTick: true, catchUpInBackground: true });
    interrupted.stop(); // before its first slice
    const again = createSimulator(openDatabase(file), { catchUp: true });
    expect(again.now() - (NOW + 10_000)).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(again.now() - (NOW + 10_000)).toBeLessThan(2 * 3_600_000 + 60_000);
  });

  it('a crash in the middle of a catch-up (no stop) still leaves the whole gap to the next start', async () => {
    const file = await downFor(2);
    const crashed = createSimulator(openDatabase(file), { autoTick: true, catchUpInBackground: true });
    try {
      // The process dies here: nothing but what open() wrote reaches the database.
      const again = createSimulator(openDatabase(file), { catchUp: true });
      expect(again.now() - (NOW + 10_000)).toBeGreaterThanOrEqual(2 * 3_600_000);
    } finally {
      crashed.stop();
    }
  });

  it('a short downtime is caught up before serving, as before', async () => {
    const file = await downFor(30 / 3600);
    const sim = createSimulator(openDatabase(file), { autoTick: true, catchUpInBackground: true });
    try {
      expect(sim.catchingUp()).toBeNull();
      expect(sim.now() - (NOW + 10_000)).toBeGreaterThanOrEqual(30_000);
    } finally {
      sim.stop();
    }
  });

  it('faults: records the outage, pauses the groups, raises and resolves alerts', async () => {
    const { db, sim } = await fresh();
    sim.advance(10);
    sim.setLinkDown('guernsey--jersey', true, 'usr_staff');
    sim.setLinkDown('guernsey--jersey', true, 'usr_staff'); // idempotent
    expect(count(db, "SELECT up FROM site_links WHERE id = 'guernsey--jersey'")).toBe(0);
    sim.advance(700, 5);
    let f = groups(db).get('grp_acme_file')!;
    expect(f.status).toBe('paused');
    expect(f.sub_status).toBe('link Jersey–Guernsey down');
    expect(f.rpo_seconds).toBeGreaterThan(700);
    expect(openAlerts(db).filter((a) => a.code === 'link-down')).toHaveLength(2);
    sim.setLinkDown('guernsey--jersey', false, 'usr_staff');
    sim.advance(600, 5);
    f = groups(db).get('grp_acme_file')!;
    expect(f.status).not.toBe('paused');
    expect(openAlerts(db).filter((a) => a.code === 'link-down')).toHaveLength(0);
    const outages = db.$client.prepare('SELECT * FROM outages').all() as { link_id: string; started_at: number; ended_at: number; started_by: string }[];
    expect(outages).toEqual([expect.objectContaining({ link_id: 'guernsey--jersey', started_by: 'usr_staff', started_at: NOW + 10_000, ended_at: NOW + 710_000 })]);

    sim.setSiteDown('london', true, 'usr_staff');
    expect(count(db, "SELECT status FROM sites WHERE id = 'london'") as unknown).toBe('offline');
    sim.advance(30, 5);
    expect(groups(db).get('grp_acme_web')!.sub_status).toBe('site London offline');
    sim.setSiteDown('london', false);
    expect(count(db, "SELECT count(*) FROM outages WHERE site_id = 'london' AND ended_at IS NOT NULL")).toBe(1);
  });

  it('tags a checkpoint and writes its row at once', async () => {
    const { db, sim } = await fresh();
    sim.advance(20);
    const cp = sim.tagCheckpoint('grp_acme_web', 'before release 4.2', 'usr_admin_acme');
    const row = db.$client.prepare('SELECT * FROM checkpoints WHERE id = ?').get(cp.id);
    expect(row).toMatchObject({ group_id: 'grp_acme_web', kind: 'tagged', tag: 'before release 4.2', created_by: 'usr_admin_acme', time_ms: cp.timeMs });
    expect(() => sim.tagCheckpoint('grp_globex_analytics', 'x', 'u')).toThrow(/consistent/);
  });

  it('follows configuration changes: a VM added to a group starts its initial sync', async () => {
    const { db, sim } = await fresh();
    sim.advance(5);
    db.$client.prepare("INSERT INTO group_members (group_id, vm_id, sync_state, sync_progress, added_at) VALUES ('grp_acme_web', 'vm_acme_jump_01', 'syncing', 0, ?)").run(sim.now());
    sim.notifyConfigChanged('grp_acme_web');
    sim.advance(10);
    const g = groups(db).get('grp_acme_web')!;
    expect(g.status).toBe('initialising');
    expect(g.sub_status).toMatch(/^initial sync 4 of 5 VMs/);
    sim.advance(3600, 5); // 40 GB at what the 200 Mbit/s Acme limit leaves (~18 MB/s)
    expect(groups(db).get('grp_acme_web')!.status).toBe('meeting-sla');
    expect(count(db, "SELECT count(*) FROM group_members WHERE vm_id = 'vm_acme_jump_01' AND sync_state = 'synced' AND sync_progress = 1")).toBe(1);
  });

  it('drops a group deleted behind its back instead of failing its writes', async () => {
    const { db, sim } = await fresh();
    sim.advance(5);
    db.$client.prepare("DELETE FROM protection_groups WHERE id = 'grp_acme_file'").run();
    sim.advance(10);
    expect(sim.engine.groups.has('grp_acme_file')).toBe(false);
    sim.notifyGroupDeleted('grp_globex_web');
    expect(sim.engine.groups.has('grp_globex_web')).toBe(false);
  });

  it('follows an operation: failing over, then reverse protection with a delta sync', async () => {
    const { db, sim } = await fresh();
    sim.advance(30);
    sim.setGroupMode('grp_acme_web', 'failing-over');
    sim.advance(5);
    expect(groups(db).get('grp_acme_web')).toMatchObject({ status: 'failing-over', rpo_seconds: null });
    sim.setGroupMode('grp_acme_web', 'awaiting-commit');
    sim.advance(5);
    // The operation swaps the direction in the database, then tells the engine.
    db.$client.prepare("UPDATE protection_groups SET source_site_id = 'zurich', target_site_id = 'london' WHERE id = 'grp_acme_web'").run();
    sim.setGroupMode('grp_acme_web', 'replicating');
    sim.reverseProtection('grp_acme_web');
    expect(count(db, "SELECT count(*) FROM checkpoints WHERE group_id = 'grp_acme_web'")).toBe(0);
    sim.advance(60);
    const g = groups(db).get('grp_acme_web')!;
    expect(g.status).toBe('reverse-replicating');
    expect(g.sub_status).toMatch(/^delta sync \d+%$/);
    sim.advance(3 * 3600, 5);
    expect(groups(db).get('grp_acme_web')!.status).toBe('meeting-sla');
    expect(sim.engine.view('grp_acme_web')).toMatchObject({ sourceSiteId: 'zurich', targetSiteId: 'london' });
    expect(count(db, "SELECT count(*) FROM checkpoints WHERE group_id = 'grp_acme_web'")).toBeGreaterThan(100);
  });
});

describe('test evidence', () => {
  it('closes the test-overdue alert once operations record a test', async () => {
    const db = await seededTestDb(new Date(NOW));
    const sim = createSimulator(db, { startAtMs: NOW, seed: 5 });
    sim.advance(61);
    expect(openAlerts(db)).toContainEqual(expect.objectContaining({ code: 'test-overdue', group_id: 'grp_acme_sql' }));
    db.$client.prepare("UPDATE protection_groups SET last_tested_at = ? WHERE id = 'grp_acme_sql'").run(sim.now());
    sim.advance(121);
    expect(openAlerts(db)).not.toContainEqual(expect.objectContaining({ code: 'test-overdue', group_id: 'grp_acme_sql' }));
  });
});
