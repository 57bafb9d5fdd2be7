/**
 * What every way of driving the clock shares: the engine, the configuration it is fed from the
 * database, one simulated step (with its tick listeners) and the batched write of what the steps
 * produced. The timer, the catch-ups and the control interface build on this.
 */
import type { DB } from '@/db';
import type { Engine } from '@/lib/engine';
import { loadGroupModes } from './group-modes';
import { loadGroups, loadLastTested } from './load-config';
import { PendingWrites } from './pending-writes';
import type { Persister } from './persist';

/** Operations record tests straight in the database; the engine re-reads them this often (simulated). */
const TESTED_REFRESH_EVERY_MS = 60_000;
/** The engine snapshot is rewritten at most this often while ticking (rows are written every tick). */
const SNAPSHOT_EVERY_REAL_MS = 5_000;

export class SimCore {
  pending = new PendingWrites();
  readonly listeners = new Set<(nowMs: number) => void>();
  private nextActivationMs: number | null = null;
  /** First-start backfill: groups coming into existence get assumed history like the ones before. */
  prefillNewGroups = false;
  private lastTestedRefreshMs = -Infinity;
  /** Set by a catch-up: no operation runs meanwhile, so test dates are read once. */
  inCatchUp = false;
  private lastSnapshotRealMs = -Infinity;
  /** How far behind real time the engine is (set by the simulator: a background catch-up's lag). */
  lagMs: () => number = () => 0;
  /**
   * While a catch-up worker owns the database's replication state, this engine is stale: nothing
   * of it is written (writes return at once) and it is replaced when the worker hands back.
   */
  suspended = false;

  constructor(
    readonly db: DB,
    public engine: Engine,
    public persister: Persister,
    readonly seed: number,
    readonly speed: number,
  ) {}

  stepOnce(ms: number): void {
    if (this.nextActivationMs !== null && this.engine.nowMs >= this.nextActivationMs) this.syncAllGroups();
    // No operation runs during a catch-up, so test dates cannot change: read them once.
    const testedDue = this.inCatchUp ? this.lastTestedRefreshMs === -Infinity : this.engine.nowMs - this.lastTestedRefreshMs >= TESTED_REFRESH_EVERY_MS;
    if (testedDue) {
      for (const [id, at] of loadLastTested(this.db)) this.engine.setLastTested(id, at);
      this.lastTestedRefreshMs = this.engine.nowMs;
    }
    this.pending.add(this.engine.step(ms / 1000));
    for (const listener of this.listeners) {
      try {
        listener(this.engine.nowMs);
      } catch (error) {
        console.error('[cloudshield] simulator tick listener failed', error);
      }
    }
  }

  // ---- configuration ---------------------------------------------------------------------

  /** Makes the engine's groups match the database at the current simulated time. */
  syncAllGroups(): void {
    const { configs, nextActivationMs } = loadGroups(this.db, this.engine.nowMs);
    const present = new Set(configs.map((c) => c.id));
    for (const id of [...this.engine.groups.keys()]) if (!present.has(id)) this.dropGroup(id);
    for (const cfg of configs) {
      const isNew = !this.engine.groups.has(cfg.id);
      this.engine.upsertGroup(cfg, isNew && this.prefillNewGroups ? { assumeHistorySinceMs: cfg.createdAtMs } : {});
    }
    this.nextActivationMs = nextActivationMs;
    this.collect();
  }

  /**
   * The snapshot may predate the last operation transitions (it is written every few seconds,
   * operations at once): each group takes the mode its latest operation left it in.
   */
  restoreGroupModes(): void {
    const modes = loadGroupModes(this.db);
    for (const id of this.engine.groups.keys()) this.engine.setGroupMode(id, modes.get(id) ?? 'replicating');
    this.collect();
  }

  noteActivation(atMs: number | null): void {
    if (atMs !== null) this.nextActivationMs = this.nextActivationMs === null ? atMs : Math.min(this.nextActivationMs, atMs);
  }

  dropGroup(groupId: string): void {
    this.engine.removeGroup(groupId);
    this.engine.takeEvents(); // its alert rows go with the group (cascade)
    this.pending.dropGroup(groupId);
  }

  /** Continue from another engine (a catch-up worker's result): what was pending for the old one is dropped. */
  replaceEngine(engine: Engine, persister: Persister): void {
    this.engine = engine;
    this.persister = persister;
    this.pending = new PendingWrites();
    this.nextActivationMs = null;
    this.lastTestedRefreshMs = -Infinity;
  }

  // ---- persistence -----------------------------------------------------------------------

  collect(): void {
    this.pending.add(this.engine.takeEvents());
  }

  /** Whether the engine snapshot is due again (rows are written at every write). */
  snapshotDue(realMs = performance.now()): boolean {
    return realMs - this.lastSnapshotRealMs >= SNAPSHOT_EVERY_REAL_MS;
  }

  /** `lagMs`: how far behind real time the engine is; stored so the next start still covers it. */
  write(snapshot: boolean, lagMs = this.lagMs()): void {
    if (this.suspended) return;
    this.collect();
    const existing = this.persister.existingGroupIds();
    // A group deleted without telling the engine: forget it rather than fail on its foreign key.
    for (const id of [...this.engine.groups.keys()]) if (!existing.has(id)) this.dropGroup(id);
    this.persister.write(this.engine, this.pending.take(), existing, {
      snapshot,
      clock: { simMs: this.engine.nowMs, wallMs: Date.now() - lagMs / this.speed, speed: this.speed, seed: this.seed },
    });
    if (snapshot) this.lastSnapshotRealMs = performance.now();
  }
}
