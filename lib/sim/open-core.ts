/**
 * The common start of every way of running the engine on a database: the server's simulator
 * (start-up.ts), and a catch-up worker (catch-up-worker.ts), which must begin from exactly the
 * state the server would have begun from, and the server taking back a worker's result.
 */
import type { DB } from '@/db';
import { Engine } from '@/lib/engine';
import { loadTenants, loadTopology, loadVolumes, storedJournalReader } from './load-config';
import { Persister } from './persist';
import { SimCore } from './sim-core';
import { DEFAULT_SEED, HOUR_MS, type SimulatorOptions } from './simulator-options';
import { readAllState } from './state-store';

/** What the database holds for the engine, restored or new, configured and in line with the database (no catch-up yet). */
export type OpenedCore = { core: SimCore; restored: boolean; stored: ReturnType<typeof readAllState> };

/**
 * Restores the stored engine (or builds a new one), feeds it the configuration from the database
 * and puts its groups in line.
 */
export function openCore(db: DB, opts: Pick<SimulatorOptions, 'seed' | 'startAtMs' | 'backfillHours' | 'speed'> = {}): OpenedCore {
  const stored = readAllState(db);
  const speed = opts.speed ?? 1;
  const restored = stored.engine !== undefined;
  const seed = restored ? (stored.clock?.seed ?? DEFAULT_SEED) : (opts.seed ?? DEFAULT_SEED);
  const targetMs = opts.startAtMs ?? Date.now();
  const fresh = restored ? null : loadTopology(db);
  const engine = fresh
    ? new Engine({ seed, startMs: targetMs - (opts.backfillHours ?? 0) * HOUR_MS, sites: fresh.sites, links: fresh.links, tenants: loadTenants(db) })
    : Engine.restore(stored.engine!, { checkpoints: storedJournalReader(db) });
  configureEngine(db, engine);
  const core = new SimCore(db, engine, new Persister(db, stored.alertIds), seed, speed);
  core.prefillNewGroups = !restored;
  core.syncAllGroups();
  if (restored) {
    core.restoreGroupModes();
    core.persister.reconcileAlerts(engine, core.persister.existingGroupIds());
  }
  return { core, restored, stored };
}

/** Topology, tenants, fault state, volumes and degraded storage as the database holds them. */
export function configureEngine(db: DB, engine: Engine): void {
  const topology = loadTopology(db);
  const tenants = loadTenants(db);
  engine.setTopology(topology.sites, topology.links);
  for (const t of tenants) engine.upsertTenant(t);
  for (const s of topology.sites) engine.setSiteDown(s.id, topology.downSites.includes(s.id));
  for (const l of topology.links) engine.setLinkDown(l.id, topology.downLinks.includes(l.id));
  engine.setVolumes(loadVolumes(db));
  for (const [id, factor] of topology.storageFactors) engine.setSiteStorageFactor(id, factor);
}


/**
 * The server takes back an engine that ran elsewhere (a catch-up worker: its result, or after a
 * failure what it last committed) and puts it in line with the database again: what staff and
 * users changed meanwhile (configuration, faults, volumes) was written there and is read now.
 */
export function adoptEngine(core: SimCore, engine: Engine, alertIds: Record<string, string> | undefined): void {
  configureEngine(core.db, engine);
  core.replaceEngine(engine, new Persister(core.db, alertIds));
  core.syncAllGroups();
  core.restoreGroupModes();
  core.persister.reconcileAlerts(engine, core.persister.existingGroupIds());
}

/** The engine as last committed to the database (a catch-up worker that failed leaves it there). */
export function storedEngine(db: DB): { engine: Engine; alertIds: Record<string, string> | undefined } {
  const stored = readAllState(db);
  if (!stored.engine) throw new Error('No stored engine snapshot');
  return { engine: Engine.restore(stored.engine, { checkpoints: storedJournalReader(db) }), alertIds: stored.alertIds };
}
