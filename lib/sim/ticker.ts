/**
 * The real-time clock of the server: every `tickIntervalMs` the engine advances by the real time
 * that passed × SIM_SPEED, and between ticks `now()` keeps running.
 */
import type { CatchUpRunner } from './background-catch-up';
import { planTick } from './catch-up';
import { loadTenants } from './load-config';
import type { SimCore } from './sim-core';

const TENANTS_REFRESH_EVERY_REAL_MS = 60_000;
/** A tick that finds more simulated time than this to cover (a suspended process) hands it to a background catch-up. */
const BACKGROUND_AFTER_TICK_MS = 600_000;

export class Ticker {
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastRealMs = 0;
  /** Simulated ms not yet given to the engine (fractions, and the time passing during a background catch-up). */
  carryMs = 0;
  private lastNowMs = -Infinity;
  private lastTenantsRealMs = 0;
  private ticking = false;

  constructor(
    private readonly core: SimCore,
    private readonly background: CatchUpRunner,
    private readonly tickIntervalMs: number,
  ) {}

  get isTicking(): boolean {
    return this.timer !== null;
  }

  now(): number {
    const engine = this.core.engine;
    // While catching up, "now" is as far as the engine got: what the pages show is consistent.
    if (this.background.active) return this.background.reachedMs();
    if (!this.timer) return engine.nowMs;
    // Between ticks the clock keeps running; never ahead by more than two ticks, never backwards.
    const sinceTick = Math.min(performance.now() - this.lastRealMs, 2 * this.tickIntervalMs) * this.core.speed;
    this.lastNowMs = Math.max(this.lastNowMs, Math.floor(engine.nowMs + sinceTick));
    return this.lastNowMs;
  }

  start(): void {
    this.lastRealMs = performance.now();
    this.lastTenantsRealMs = this.lastRealMs;
    this.timer = setInterval(() => this.tick(), this.tickIntervalMs);
    // The simulator must not keep a process alive on its own (scripts, tests).
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    const core = this.core;
    try {
      const real = performance.now();
      const advance = (real - this.lastRealMs) * core.speed + this.carryMs;
      this.lastRealMs = real;
      const whole = Math.floor(advance);
      this.carryMs = advance - whole;
      if (real - this.lastTenantsRealMs >= TENANTS_REFRESH_EVERY_REAL_MS) {
        // Staff may change a tenant's bandwidth limit without telling the engine.
        for (const t of loadTenants(core.db)) core.engine.upsertTenant(t);
        this.lastTenantsRealMs = real;
      }
      if (this.background.active) {
        // The slices are on it; the time passing meanwhile waits for the next tick after them.
        this.carryMs = advance;
        return;
      }
      if (whole > BACKGROUND_AFTER_TICK_MS) {
        this.background.start(core.engine.nowMs + whole);
        return;
      }
      for (const ms of planTick(whole)) core.stepOnce(ms);
      core.write(core.snapshotDue(real));
    } catch (error) {
      // One failed tick must not stop replication; the next one retries.
      console.error('[cloudshield] simulator tick failed', error);
    } finally {
      this.ticking = false;
    }
  }
}
