/**
 * A catch-up that runs in slices between requests (a server start after a long gap, or a tick
 * that finds the process was suspended): the portal serves meanwhile, reads show the state the
 * engine has reached, and `status` says how far behind it is.
 */
import { RPO_TIERS } from '@/db/schema';
import type { CatchUpStatus } from './contract';
import { planCatchUp } from './catch-up';
import type { SimCore } from './sim-core';

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

type Progress = { steps: number[]; next: number; toMs: number; sinceWrite: number; startedReal: number; startedSimMs: number };

export class BackgroundCatchUp {
  /** Null when live. */
  private progress: Progress | null = null;

  constructor(private readonly core: SimCore) {}

  get active(): boolean {
    return this.progress !== null;
  }

  /** Simulated ms still to cover (0 when live). */
  remainingMs(): number {
    return this.progress ? Math.max(0, this.progress.toMs - this.core.engine.nowMs) : 0;
  }

  /** How far behind (`behindMs`, given) and, from the pace so far, how long it will take. */
  status(behindMs: number): CatchUpStatus | null {
    const bg = this.progress;
    if (!bg) return null;
    // From the pace so far; none in the first half second (nothing to go on yet).
    const elapsedReal = performance.now() - bg.startedReal;
    const doneSim = this.core.engine.nowMs - bg.startedSimMs;
    const etaSeconds = elapsedReal > 500 && doneSim > 0 ? Math.ceil(((bg.toMs - this.core.engine.nowMs) * elapsedReal) / doneSim / 1000) : null;
    return { behindMs, etaSeconds };
  }

  /**
   * Covers the gap to `toMs` in slices of at most BACKGROUND_SLICE_MS, leaving the event loop to
   * requests between them; journals are written as they go (an interrupted catch-up leaves nothing
   * half-written) and every simulated minute the rows are, so pages follow its progress.
   */
  start(toMs: number, log: (m: string) => void = console.log): void {
    const core = this.core;
    const plan = planCatchUp(core.engine.nowMs, toMs);
    core.pending.sampleHorizonMs = RPO_TIERS.map((t) => toMs - t.keepMs - t.stepMs);
    core.inCatchUp = true;
    if (plan.skipToMs !== null) {
      core.engine.skipTo(plan.skipToMs);
      core.collect();
    }
    const startedReal = performance.now();
    this.progress = { steps: plan.steps, next: 0, toMs, sinceWrite: 0, startedReal, startedSimMs: core.engine.nowMs };
    const slice = () => {
      const bg = this.progress;
      if (!bg) return; // stopped meanwhile
      const until = performance.now() + BACKGROUND_SLICE_MS;
      try {
        while (bg.next < bg.steps.length && performance.now() < until) {
          const ms = bg.steps[bg.next++];
          core.stepOnce(ms);
          bg.sinceWrite += ms;
          if (bg.sinceWrite >= BACKGROUND_WRITE_EVERY_MS) {
            // With a snapshot now and then, a crash keeps the progress (the clock carries the lag).
            core.write(core.snapshotDue());
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
      this.end();
      core.write(true);
      // The real time the catch-up took (carried by the ticks meanwhile) goes to the next tick.
      log(`[cloudshield] simulator caught up to ${new Date(core.engine.nowMs).toISOString()} in ${Math.round(performance.now() - startedReal)} ms`);
    };
    setImmediate(slice);
  }

  end(): void {
    if (!this.progress) return;
    this.progress = null;
    this.core.pending.sampleHorizonMs = [];
    this.core.inCatchUp = false;
  }
}
