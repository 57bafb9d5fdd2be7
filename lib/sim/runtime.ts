/**
 * The simulator runtime: owns the engine inside the server process, feeds it configuration
 * from the database, drives it on the simulated clock (SIM_SPEED simulated seconds per real
 * second) and writes its state back in batched transactions. Also runs headless for tests
 * (`createSimulator(db, { autoTick: false })` + `advance(seconds)`).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '@/db';
import { outages, RPO_TIERS, siteLinks, sites } from '@/db/schema';
import { Engine } from '@/lib/engine';
import { newId } from '@/lib/ids';
import { loadGroupModes } from '@/lib/sim/group-modes';
import type { CatchUpStatus, GroupMode, SimulatorControl } from './contract';
import { planCatchUp, planTick } from './catch-up';
import { loadDirection, loadGroups, loadLastTested, loadTenants, loadTopology, storedJournalReader } from './load-config';
import { PendingWrites } from './pending-writes';
import { Persister } from './persist';
import { readAllState } from './state-store';

export const DEFAULT_SEED = 0x5eed;
const HOUR_MS = 3_600_000;
/** During long catch-ups, write what accumulated every this much simulated time (bounded memory). */
const CATCH_UP_FLUSH_EVERY_MS = 6 * HOUR_MS;
/** The engine snapshot is rewritten at most this often while ticking (rows are written every tick). */
const SNAPSHOT_EVERY_REAL_MS = 5_000;
const TENANTS_REFRESH_EVERY_REAL_MS = 60_000;
/** Operations record tests straight in the database; the engine re-reads them this often (simulated). */
const TESTED_REFRESH_EVERY_MS = 60_000;
/**
 * A server that was down longer than this (simulated) catches up in the background, serving
 * meanwhile (reads show the state it has reached; operations wait): at 5,000 VMs a minute takes
 * ~0.3 s to simulate, so blocking start-up on an hour's gap would keep the portal dark ~20 s.
 */
const BACKGROUND_CATCH_UP_AFTER_MS = 60_000;
/**
 * Real time one background slice may hold the event loop, then the pause before the next one.
 * A request crosses the event loop a few dozen times (sockets, streams, timers) and back-to-back
 * slices made it wait for one at every crossing (~330 ms for GET /groups): with the loop free
 * half of the time it waits little (~20 ms), and an hour's catch-up took 34 s instead of 29.
 */
const BACKGROUND_SLICE_MS = 10;
const BACKGROUND_PAUSE_MS = 10;
/** How often (simulated) a background catch-up writes what it reached (small writes, pages follow). */
const BACKGROUND_WRITE_EVERY_MS = 60_000;

export type SimulatorOptions = {
  /** PRNG seed, first start only (later starts continue the stored PRNG). */
  seed?: number;
  /** First start only: the simulated "now" to reach (default: the wall clock). */
  startAtMs?: number;
  /** First start only: begin this many hours before `startAtMs` and fast-forward, so history exists. */
  backfillHours?: number;
  /** Tick on a real-time interval (the server). Off for headless use: drive it with `advance`. */
  autoTick?: boolean;
  /** Simulated seconds per real second (SIM_SPEED). */
  speed?: number;
  /** On a restart, fast-forward the time missed while the server was down (default: autoTick). */
  catchUp?: boolean;
  /** Real milliseconds between ticks. */
  tickIntervalMs?: number;
  /** With autoTick: catch up a gap over a minute in slices between requests instead of before serving. */
  catchUpInBackground?: boolean;
  log?: (message: string) => void;
};

export class Simulator implements SimulatorControl {
  private readonly pending = new PendingWrites();
  private readonly listeners = new Set<(nowMs: number) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastRealMs = 0;
  private carryMs = 0;
  private lastSnapshotRealMs = -Infinity;
  private lastTenantsRealMs = 0;
  private lastNowMs = -Infinity;
  private nextActivationMs: number | null = null;
  /** First-start backfill: groups coming into existence get assumed history like the ones before. */
  private prefillNewGroups = false;
  private ticking = false;
  private lastTestedRefreshMs = -Infinity;
  private inCatchUp = false;
  /** A catch-up running in slices (server start after a long gap); null when live. */
  private background: { steps: number[]; next: number; toMs: number; sinceWrite: number; startedReal: number; startedSimMs: number } | null = null;

  private constructor(
    readonly db: DB,
    readonly engine: Engine,
    private readonly persister: Persister,
    readonly seed: number,
    readonly speed: number,
    private readonly tickIntervalMs: number,
  ) {}

  /** Loads or restores, backfills or catches up, and (with autoTick) starts ticking. */
  static open(db: DB, opts: SimulatorOptions = {}): Simulator {
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

    const sim = new Simulator(db, engine, new Persister(db, stored.alertIds), seed, speed, opts.tickIntervalMs ?? 1000);
    sim.prefillNewGroups = !restored;
    sim.syncAllGroups();
    if (restored) {
      sim.restoreGroupModes();
      sim.persister.reconcileAlerts(engine, sim.persister.existingGroupIds());
    }

    let caughtUpMs = 0;
    let backgroundMs = 0;
    if (!restored && engine.nowMs < targetMs) {
      caughtUpMs = targetMs - engine.nowMs;
      sim.catchUp(targetMs);
    } else if (restored && (opts.catchUp ?? opts.autoTick ?? false) && stored.clock) {
      const missedMs = Math.floor(Math.max(0, Date.now() - stored.clock.wallMs) * speed);
      if (opts.autoTick && opts.catchUpInBackground && missedMs > BACKGROUND_CATCH_UP_AFTER_MS) backgroundMs = missedMs;
      else {
        caughtUpMs = missedMs;
        sim.catchUp(engine.nowMs + caughtUpMs);
      }
    }
    sim.prefillNewGroups = false;
    // Before the first write: the stored clock then keeps the gap still to cover, so a crash
    // during the catch-up leaves it for the next start instead of losing it.
    if (backgroundMs) sim.startBackgroundCatchUp(engine.nowMs + backgroundMs, log);
    sim.write(true);
    log(
      `[cloudshield] simulator ${restored ? 'resumed' : 'started'} at ${new Date(engine.nowMs).toISOString()}: ${engine.groups.size} groups, ` +
        `${caughtUpMs ? `fast-forwarded ${Math.round(caughtUpMs / 60_000)} simulated min ` : ''}in ${Math.round(performance.now() - started)} ms, SIM_SPEED=${speed}` +
        `${backgroundMs ? `; catching up ${Math.round(backgroundMs / 60_000)} simulated min in the background` : ''}`,
    );
    if (opts.autoTick) sim.startTicking();
    return sim;
  }

  // ---- SimulatorControl ------------------------------------------------------------------

  now(): number {
    // While catching up, "now" is as far as the engine got: what the pages show is consistent.
    if (!this.timer || this.background) return this.engine.nowMs;
    // Between ticks the clock keeps running; never ahead by more than two ticks, never backwards.
    const sinceTick = Math.min(performance.now() - this.lastRealMs, 2 * this.tickIntervalMs) * this.speed;
    this.lastNowMs = Math.max(this.lastNowMs, Math.floor(this.engine.nowMs + sinceTick));
    return this.lastNowMs;
  }

  notifyConfigChanged(groupId: string): void {
    for (const t of loadTenants(this.db)) this.engine.upsertTenant(t);
    const { configs, nextActivationMs } = loadGroups(this.db, this.engine.nowMs, [groupId]);
    if (configs.length) this.engine.upsertGroup(configs[0]);
    else if (nextActivationMs === null) this.dropGroup(groupId);
    this.noteActivation(nextActivationMs);
    this.collect();
  }

  notifyGroupDeleted(groupId: string): void {
    this.dropGroup(groupId);
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
    this.collect();
    this.write(false);
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
    this.collect();
    this.write(false);
  }

  tagCheckpoint(groupId: string, tag: string, createdBy: string): { id: string; timeMs: number } {
    this.ensureGroup(groupId);
    const cp = this.engine.tagCheckpoint(groupId, tag, createdBy);
    this.collect();
    // The caller lists the journal next: the row must exist now, not at the next tick.
    this.write(false);
    return { id: cp.id, timeMs: cp.timeMs };
  }

  setGroupMode(groupId: string, mode: GroupMode): void {
    this.ensureGroup(groupId);
    this.engine.setGroupMode(groupId, mode);
    this.collect();
  }

  reverseProtection(groupId: string): void {
    this.ensureGroup(groupId);
    // The operation swapped the direction in the database first: follow it, do not toggle again.
    this.engine.reverseProtection(groupId, loadDirection(this.db, groupId));
    this.collect();
    this.write(false);
  }

  onTick(listener: (nowMs: number) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  flush(): void {
    this.write(true);
  }

  catchingUp(): CatchUpStatus | null {
    const bg = this.background;
    if (!bg) return null;
    const behindMs = this.lagMs();
    // From the pace so far; none in the first half second (nothing to go on yet).
    const elapsedReal = performance.now() - bg.startedReal;
    const doneSim = this.engine.nowMs - bg.startedSimMs;
    const etaSeconds = elapsedReal > 500 && doneSim > 0 ? Math.ceil(((bg.toMs - this.engine.nowMs) * elapsedReal) / doneSim / 1000) : null;
    return { behindMs, etaSeconds };
  }

  // ---- driving the clock -----------------------------------------------------------------

  /**
   * Headless: advances the simulated clock by `seconds` in steps of `stepSeconds` (default 1 s,
   * 5 s for spans over an hour), calling tick listeners after every step, then persists.
   */
  advance(seconds: number, stepSeconds?: number): void {
    const stepMs = Math.max(1, Math.round((stepSeconds ?? (seconds > 3600 ? 5 : 1)) * 1000));
    let left = Math.round(seconds * 1000);
    let sinceWrite = 0;
    while (left > 0) {
      const ms = Math.min(stepMs, left);
      this.stepOnce(ms);
      left -= ms;
      sinceWrite += ms;
      if (sinceWrite >= CATCH_UP_FLUSH_EVERY_MS) {
        this.write(false);
        sinceWrite = 0;
      }
    }
    this.write(true);
  }

  /** Stops ticking and persists everything (a catch-up under way resumes at the next start). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const lagMs = this.lagMs();
    this.endBackground();
    this.write(true, lagMs);
  }

  get isTicking(): boolean {
    return this.timer !== null;
  }

  private startTicking(): void {
    this.lastRealMs = performance.now();
    this.lastTenantsRealMs = this.lastRealMs;
    this.timer = setInterval(() => this.tick(), this.tickIntervalMs);
    // The simulator must not keep a process alive on its own (scripts, tests).
    this.timer.unref?.();
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const real = performance.now();
      const advance = (real - this.lastRealMs) * this.speed + this.carryMs;
      this.lastRealMs = real;
      const whole = Math.floor(advance);
      this.carryMs = advance - whole;
      if (real - this.lastTenantsRealMs >= TENANTS_REFRESH_EVERY_REAL_MS) {
        // Staff may change a tenant's bandwidth limit without telling the engine.
        for (const t of loadTenants(this.db)) this.engine.upsertTenant(t);
        this.lastTenantsRealMs = real;
      }
      if (this.background) {
        // The slices are on it; the time passing meanwhile waits for the next tick after them.
        this.carryMs = advance;
        return;
      }
      if (whole > 600_000) {
        this.startBackgroundCatchUp(this.engine.nowMs + whole);
        return;
      }
      for (const ms of planTick(whole)) this.stepOnce(ms);
      const snapshot = real - this.lastSnapshotRealMs >= SNAPSHOT_EVERY_REAL_MS;
      this.write(snapshot);
    } catch (error) {
      // One failed tick must not stop replication; the next one retries.
      console.error('[cloudshield] simulator tick failed', error);
    } finally {
      this.ticking = false;
    }
  }

  private catchUp(toMs: number): void {
    const plan = planCatchUp(this.engine.nowMs, toMs);
    // What would be pruned by the end of the catch-up is not written in the first place.
    this.pending.sampleHorizonMs = RPO_TIERS.map((t) => toMs - t.keepMs - t.stepMs);
    // A long catch-up writes journals once at its end; a short one (a restart) keeps the usual
    // event path, where rewriting every journal would cost more than it saves.
    const deferJournals = toMs - this.engine.nowMs > CATCH_UP_FLUSH_EVERY_MS;
    this.pending.journalsDeferred = deferJournals;
    this.inCatchUp = true;
    try {
      this.runCatchUp(plan);
      if (deferJournals) {
        this.collect();
        this.persister.replaceJournals(this.engine, this.persister.existingGroupIds());
      }
    } finally {
      this.pending.sampleHorizonMs = [];
      this.pending.journalsDeferred = false;
      this.inCatchUp = false;
    }
  }

  /**
   * Covers the gap to `toMs` in slices of at most BACKGROUND_SLICE_MS, leaving the event loop to
   * requests between them; journals are written as they go (an interrupted catch-up leaves nothing
   * half-written) and every simulated minute the rows are, so pages follow its progress.
   */
  private startBackgroundCatchUp(toMs: number, log: (m: string) => void = console.log): void {
    const plan = planCatchUp(this.engine.nowMs, toMs);
    this.pending.sampleHorizonMs = RPO_TIERS.map((t) => toMs - t.keepMs - t.stepMs);
    this.inCatchUp = true;
    if (plan.skipToMs !== null) {
      this.engine.skipTo(plan.skipToMs);
      this.collect();
    }
    const startedReal = performance.now();
    this.background = { steps: plan.steps, next: 0, toMs, sinceWrite: 0, startedReal, startedSimMs: this.engine.nowMs };
    const slice = () => {
      const bg = this.background;
      if (!bg) return; // stopped meanwhile
      const until = performance.now() + BACKGROUND_SLICE_MS;
      try {
        while (bg.next < bg.steps.length && performance.now() < until) {
          const ms = bg.steps[bg.next++];
          this.stepOnce(ms);
          bg.sinceWrite += ms;
          if (bg.sinceWrite >= BACKGROUND_WRITE_EVERY_MS) {
            // With a snapshot now and then, a crash keeps the progress (the clock carries the lag).
            this.write(performance.now() - this.lastSnapshotRealMs >= SNAPSHOT_EVERY_REAL_MS);
            bg.sinceWrite = 0;
          }
        }
      } catch (error) {
        // The failed step is skipped, as a failed live tick would be.
        console.error('[cloudshield] simulator catch-up step failed', error);
      }
      if (bg.next < bg.steps.length) {
        setTimeout(slice, BACKGROUND_PAUSE_MS);
        return;
      }
      this.endBackground();
      this.write(true);
      // The real time the catch-up took (carried by the ticks meanwhile) goes to the next tick.
      log(`[cloudshield] simulator caught up to ${new Date(this.engine.nowMs).toISOString()} in ${Math.round(performance.now() - startedReal)} ms`);
    };
    setImmediate(slice);
  }

  private endBackground(): void {
    if (!this.background) return;
    this.background = null;
    this.pending.sampleHorizonMs = [];
    this.inCatchUp = false;
  }

  /** Simulated ms the engine is behind real time: what a background catch-up has still to cover. */
  private lagMs(): number {
    return this.background ? Math.max(0, this.background.toMs - this.engine.nowMs) + this.carryMs : 0;
  }

  private runCatchUp(plan: ReturnType<typeof planCatchUp>): void {
    if (plan.skipToMs !== null) {
      this.engine.skipTo(plan.skipToMs);
      this.collect();
    }
    let sinceWrite = 0;
    for (const ms of plan.steps) {
      this.stepOnce(ms);
      sinceWrite += ms;
      if (sinceWrite >= CATCH_UP_FLUSH_EVERY_MS) {
        this.write(false);
        sinceWrite = 0;
      }
    }
  }

  private stepOnce(ms: number): void {
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

  // ---- configuration and persistence -----------------------------------------------------

  /** Makes the engine's groups match the database at the current simulated time. */
  private syncAllGroups(): void {
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
  private restoreGroupModes(): void {
    const modes = loadGroupModes(this.db);
    for (const id of this.engine.groups.keys()) this.engine.setGroupMode(id, modes.get(id) ?? 'replicating');
    this.collect();
  }

  private ensureGroup(groupId: string): void {
    if (!this.engine.groups.has(groupId)) this.notifyConfigChanged(groupId);
    if (!this.engine.groups.has(groupId)) throw new Error(`The simulator has no protection group ${groupId}`);
  }

  private noteActivation(atMs: number | null): void {
    if (atMs !== null) this.nextActivationMs = this.nextActivationMs === null ? atMs : Math.min(this.nextActivationMs, atMs);
  }

  private dropGroup(groupId: string): void {
    this.engine.removeGroup(groupId);
    this.engine.takeEvents(); // its alert rows go with the group (cascade)
    this.pending.dropGroup(groupId);
  }

  private collect(): void {
    this.pending.add(this.engine.takeEvents());
  }

  /** `lagMs`: how far behind real time the engine is; stored so the next start still covers it. */
  private write(snapshot: boolean, lagMs = this.lagMs()): void {
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

// ---- the server's singleton --------------------------------------------------------------

const globalForSim = globalThis as unknown as { __cloudshieldSim?: Simulator; __cloudshieldSimStarting?: Promise<Simulator> };

/** A simulator on `db`; headless unless `autoTick`. Tests: `createSimulator(db, { startAtMs, seed, autoTick: false })`. */
export function createSimulator(db: DB, opts: SimulatorOptions = {}): Simulator {
  return Simulator.open(db, opts);
}

/**
 * Starts the server's simulator once (idempotent): opens the database, restores or backfills,
 * and ticks at SIM_SPEED unless SIM_ENABLED=0 (then it loads and serves `now()` but stands still).
 */
export async function startSimulator(): Promise<Simulator> {
  if (globalForSim.__cloudshieldSim) return globalForSim.__cloudshieldSim;
  if (!globalForSim.__cloudshieldSimStarting) {
    globalForSim.__cloudshieldSimStarting = (async () => {
      const [{ getDb }, { serverConfig }] = await Promise.all([import('@/db'), import('@/lib/config')]);
      const config = serverConfig();
      const enabled = config.SIM_ENABLED === '1';
      const sim = createSimulator(getDb(), {
        autoTick: enabled,
        catchUp: enabled,
        catchUpInBackground: true,
        backfillHours: enabled ? 24 : 0,
        speed: config.SIM_SPEED,
        log: (m) => console.log(m),
      });
      globalForSim.__cloudshieldSim = sim;
      return sim;
    })().finally(() => {
      delete globalForSim.__cloudshieldSimStarting;
    });
  }
  return globalForSim.__cloudshieldSimStarting;
}

/** The running simulator. Throws when the server has not started it (see instrumentation.ts). */
export function getSimulator(): SimulatorControl {
  const sim = globalForSim.__cloudshieldSim;
  if (!sim) throw new Error('The replication simulator is not running: startSimulator() has not been called in this process (instrumentation.ts does it on server start).');
  return sim;
}

/** Stops the server's simulator after persisting (shutdown, tests). */
export function stopSimulator(): void {
  globalForSim.__cloudshieldSim?.stop();
  delete globalForSim.__cloudshieldSim;
}
