/**
 * The simulator as the rest of the server sees it (SimulatorControl): configuration changes,
 * fault injection, tagged checkpoints and operation modes go to the engine and, where a caller
 * reads the result next, to the database at once.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '@/db';
import { outages, siteLinks, sites } from '@/db/schema';
import type { Engine } from '@/lib/engine';
import { newId } from '@/lib/ids';
import { BackgroundCatchUp, type CatchUpRunner } from './background-catch-up';
import type { CatchUpStatus, GroupMode, SimulatorControl, SiteDegradation } from './contract';
import { writeDegradation } from './site-degradation';
import { advanceHeadless } from './foreground-catch-up';
import { loadDirection, loadGroups, loadTenants, loadVolumes } from './load-config';
import type { SimCore } from './sim-core';
import { Ticker } from './ticker';
import { WorkerCatchUp } from './worker-catch-up';

export class Simulator implements SimulatorControl {
  readonly db: DB;
  readonly seed: number;
  readonly speed: number;
  /**
   * For start-up (start-up.ts): the catch-up of missed time, in a worker thread (`worker` given:
   * the server) or in slices in this thread, and the real-time clock.
   */
  readonly background: CatchUpRunner;
  readonly ticker: Ticker;

  constructor(
    private readonly core: SimCore,
    tickIntervalMs: number,
    worker: { log?: (m: string) => void } | null = null,
  ) {
    this.db = core.db;
    this.seed = core.seed;
    this.speed = core.speed;
    this.background = worker ? new WorkerCatchUp(core, worker.log) : new BackgroundCatchUp(core);
    this.ticker = new Ticker(core, this.background, tickIntervalMs);
    core.lagMs = () => this.lagMs();
  }

  /** The engine: replaced when a catch-up worker hands its own back. */
  get engine(): Engine {
    return this.core.engine;
  }

  // ---- SimulatorControl ------------------------------------------------------------------

  now(): number {
    return this.ticker.now();
  }

  notifyConfigChanged(groupId: string): void {
    for (const t of loadTenants(this.db)) this.engine.upsertTenant(t);
    this.engine.setVolumes(loadVolumes(this.db));
    const { configs, nextActivationMs } = loadGroups(this.db, this.engine.nowMs, [groupId]);
    if (configs.length) this.engine.upsertGroup(configs[0]);
    else if (nextActivationMs === null) this.core.dropGroup(groupId);
    this.core.noteActivation(nextActivationMs);
    this.core.collect();
  }

  notifyGroupDeleted(groupId: string): void {
    this.core.dropGroup(groupId);
  }

  setSiteDown(siteId: string, down: boolean, actorId?: string): void {
    if (!this.engine.hasSite(siteId)) throw new Error(`Unknown site ${siteId}`);
    if (this.engine.downSites.has(siteId) === down) return;
    const at = new Date(this.now());
    this.db.transaction((tx) => {
      if (down) tx.insert(outages).values({ id: newId('out'), siteId, startedAt: at, startedBy: actorId ?? null, reason: 'staff fault injection' }).run();
      else tx.update(outages).set({ endedAt: at }).where(and(eq(outages.siteId, siteId), isNull(outages.endedAt))).run();
      tx.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, siteId)).run();
    });
    this.engine.setSiteDown(siteId, down);
    this.core.collect();
    this.core.write(false);
  }

  setSiteDegraded(siteId: string, degradation: SiteDegradation): void {
    if (!this.engine.hasSite(siteId)) throw new Error(`Unknown site ${siteId}`);
    this.db.transaction((tx) => writeDegradation(tx, siteId, degradation));
    this.engine.setSiteStorageFactor(siteId, degradation.storageIopsPercent / 100);
    this.core.collect();
    this.core.write(false);
  }

  /** Re-read the tenants' storage volumes (staff changed a guarantee). */
  notifyVolumesChanged(): void {
    this.engine.setVolumes(loadVolumes(this.db));
  }

  setLinkDown(linkId: string, down: boolean, actorId?: string): void {
    if (!this.engine.hasLink(linkId)) throw new Error(`Unknown link ${linkId}`);
    if (this.engine.downLinks.has(linkId) === down) return;
    const at = new Date(this.now());
    this.db.transaction((tx) => {
      if (down) tx.insert(outages).values({ id: newId('out'), linkId, startedAt: at, startedBy: actorId ?? null, reason: 'staff fault injection' }).run();
      else tx.update(outages).set({ endedAt: at }).where(and(eq(outages.linkId, linkId), isNull(outages.endedAt))).run();
      tx.update(siteLinks).set({ up: !down }).where(eq(siteLinks.id, linkId)).run();
    });
    this.engine.setLinkDown(linkId, down);
    this.core.collect();
    this.core.write(false);
  }

  tagCheckpoint(groupId: string, tag: string, createdBy: string): { id: string; timeMs: number } {
    this.ensureGroup(groupId);
    const cp = this.engine.tagCheckpoint(groupId, tag, createdBy);
    this.core.collect();
    // The caller lists the journal next: the row must exist now, not at the next tick.
    this.core.write(false);
    return { id: cp.id, timeMs: cp.timeMs };
  }

  setGroupMode(groupId: string, mode: GroupMode): void {
    this.ensureGroup(groupId);
    this.engine.setGroupMode(groupId, mode);
    this.core.collect();
  }

  reverseProtection(groupId: string): void {
    this.ensureGroup(groupId);
    // The operation swapped the direction in the database first: follow it, do not toggle again.
    this.engine.reverseProtection(groupId, loadDirection(this.db, groupId));
    this.core.collect();
    this.core.write(false);
  }

  onTick(listener: (nowMs: number) => void): () => void {
    this.core.listeners.add(listener);
    return () => void this.core.listeners.delete(listener);
  }

  flush(): void {
    this.core.write(true);
  }

  catchingUp(): CatchUpStatus | null {
    return this.background.active ? this.background.status(this.lagMs()) : null;
  }

  // ---- driving the clock -----------------------------------------------------------------

  /**
   * Headless: advances the simulated clock by `seconds` in steps of `stepSeconds` (default 1 s,
   * 5 s for spans over an hour), calling tick listeners after every step, then persists.
   */
  advance(seconds: number, stepSeconds?: number): void {
    advanceHeadless(this.core, seconds, stepSeconds);
  }

  /** Stops ticking and persists everything (a catch-up under way resumes at the next start). */
  stop(): void {
    this.ticker.stop();
    const lagMs = this.lagMs();
    this.background.end();
    this.core.write(true, lagMs);
  }

  get isTicking(): boolean {
    return this.ticker.isTicking;
  }

  /** Simulated ms the engine is behind real time: what a background catch-up has still to cover. */
  private lagMs(): number {
    return this.background.active ? this.background.remainingMs() + this.ticker.carryMs : 0;
  }

  /** Resolves when no catch-up worker of this simulator runs any more (tests, after `stop`). */
  settled(): Promise<void> {
    return this.background instanceof WorkerCatchUp ? this.background.settled() : Promise.resolve();
  }

  private ensureGroup(groupId: string): void {
    if (!this.engine.groups.has(groupId)) this.notifyConfigChanged(groupId);
    if (!this.engine.groups.has(groupId)) throw new Error(`The simulator has no protection group ${groupId}`);
  }
}
