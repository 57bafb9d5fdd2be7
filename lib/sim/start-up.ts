/**
 * Opening the simulator: restore the stored engine (or build a new one and backfill history),
 * put it in line with the database, cover the time missed while the server was down, and (with
 * autoTick) start the clock.
 */
import type { DB } from '@/db';
import { Engine } from '@/lib/engine';
import { catchUp } from './foreground-catch-up';
import { loadTenants, loadTopology, loadVolumes, storedJournalReader } from './load-config';
import { Persister } from './persist';
import { SimCore } from './sim-core';
import { Simulator } from './simulator';
import { DEFAULT_SEED, HOUR_MS, type SimulatorOptions } from './simulator-options';
import { readAllState } from './state-store';

/**
 * A server that was down longer than this (simulated) catches up in the background, serving
 * meanwhile (reads show the state it has reached; operations wait): at 5,000 VMs a minute takes
 * ~0.3 s to simulate, so blocking start-up on an hour's gap would keep the portal dark ~20 s.
 */
const BACKGROUND_CATCH_UP_AFTER_MS = 60_000;

/** Loads or restores, backfills or catches up, and (with autoTick) starts ticking. */
export function openSimulator(db: DB, opts: SimulatorOptions = {}): Simulator {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const stored = readAllState(db);
  const topology = loadTopology(db);
  const tenants = loadTenants(db);
  const speed = opts.speed ?? 1;
  const restored = stored.engine !== undefined;
  const seed = restored ? (stored.clock?.seed ?? DEFAULT_SEED) : (opts.seed ?? DEFAULT_SEED);
  const targetMs = opts.startAtMs ?? Date.now();
  const engine = restored
    ? Engine.restore(stored.engine!, { checkpoints: storedJournalReader(db) })
    : new Engine({ seed, startMs: targetMs - (opts.backfillHours ?? 0) * HOUR_MS, sites: topology.sites, links: topology.links, tenants });
  engine.setTopology(topology.sites, topology.links);
  for (const t of tenants) engine.upsertTenant(t);
  for (const s of topology.sites) engine.setSiteDown(s.id, topology.downSites.includes(s.id));
  for (const l of topology.links) engine.setLinkDown(l.id, topology.downLinks.includes(l.id));
  engine.setVolumes(loadVolumes(db));
  for (const [id, factor] of topology.storageFactors) engine.setSiteStorageFactor(id, factor);

  const core = new SimCore(db, engine, new Persister(db, stored.alertIds), seed, speed);
  const sim = new Simulator(core, opts.tickIntervalMs ?? 1000);
  core.prefillNewGroups = !restored;
  core.syncAllGroups();
  if (restored) {
    core.restoreGroupModes();
    core.persister.reconcileAlerts(engine, core.persister.existingGroupIds());
  }

  let caughtUpMs = 0;
  let backgroundMs = 0;
  if (!restored && engine.nowMs < targetMs) {
    caughtUpMs = targetMs - engine.nowMs;
    catchUp(core, targetMs);
  } else if (restored && (opts.catchUp ?? opts.autoTick ?? false) && stored.clock) {
    const missedMs = Math.floor(Math.max(0, Date.now() - stored.clock.wallMs) * speed);
    if (opts.autoTick && opts.catchUpInBackground && missedMs > BACKGROUND_CATCH_UP_AFTER_MS) backgroundMs = missedMs;
    else {
      caughtUpMs = missedMs;
      catchUp(core, engine.nowMs + caughtUpMs);
    }
  }
  core.prefillNewGroups = false;
  // Before the first write: the stored clock then keeps the gap still to cover, so a crash
  // during the catch-up leaves it for the next start instead of losing it.
  if (backgroundMs) sim.background.start(engine.nowMs + backgroundMs, log);
  core.write(true);
  log(
    `[cloudshield] simulator ${restored ? 'resumed' : 'started'} at ${new Date(engine.nowMs).toISOString()}: ${engine.groups.size} groups, ` +
      `${caughtUpMs ? `fast-forwarded ${Math.round(caughtUpMs / 60_000)} simulated min ` : ''}in ${Math.round(performance.now() - started)} ms, SIM_SPEED=${speed}` +
      `${backgroundMs ? `; catching up ${Math.round(backgroundMs / 60_000)} simulated min in the background` : ''}`,
  );
  if (opts.autoTick) sim.ticker.start();
  return sim;
}
