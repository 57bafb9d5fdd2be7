/**
 * A catch-up that runs in slices between requests (a server start after a long gap, or a tick
 * that finds the process was suspended): the portal serves meanwhile, reads show the state the
 * engine has reached, and `status` says how far behind it is. The server runs it in a worker
 * thread when it can (worker-catch-up.ts, with the same steps and writes: runCatchUpSteps); in
 * this thread, in slices, otherwise (tests, an in-memory database, no worker entry).
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
export const BACKGROUND_WRITE_EVERY_MS = 60_000;

export type CatchUpProgress = { steps: number[]; next: number; toMs: number; sinceWrite: number; startedReal: number; startedSimMs: number };

/** What the ticker and the simulator need of a catch-up, in this thread or in a worker. */
export interface CatchUpRunner {
  readonly active: boolean;
  /** Simulated ms still to cover (0 when live). */
  remainingMs(): number;
  /** The simulated time the catch-up has reached (what pages show while it runs). */
  reachedMs(): number;
  status(behindMs: number): CatchUpStatus | null;
  start(toMs: number, log?: (m: string) => void): void;
  end(): void;
}

/** Prepares a catch-up to `toMs`: the plan, the sample horizon, the jump of a gap over the bound. */
export function beginCatchUp(core: SimCore, toMs: number): CatchUpProgress {
  const plan = planCatchUp(core.engine.nowMs, toMs);
  core.pending.sampleHorizonMs = RPO_TIERS.map((t) => toMs - t.keepMs - t.stepMs);
  core.inCatchUp = true;
  if (plan.skipToMs !== null) {
    core.engine.skipTo(plan.skipToMs);
    core.collect();
  }
  return { steps: plan.steps, next: 0, toMs, sinceWrite: 0, startedReal: performance.now(), startedSimMs: core.engine.nowMs };
}

/**
 * Steps while `more()` allows, writing every simulated minute (`snapshot()`: with the engine
 * snapshot and clock). Journals are written as they go: an interrupted catch-up leaves nothing
 * half-written. Returns whether the plan is done.
 */
export function runCatchUpSteps(core: SimCore, bg: CatchUpProgress, more: () => boolean, snapshot: () => boolean, onWrite?: () => void): boolean {
  try {
    while (bg.next < bg.steps.length && more()) {
      const ms = bg.steps[bg.next++];
      core.stepOnce(ms);
      bg.sinceWrite += ms;
      if (bg.sinceWrite >= BACKGROUND_WRITE_EVERY_MS) {
        // With a snapshot now and then, a crash keeps the progress (the clock carries the lag).
        core.write(snapshot());
        bg.sinceWrite = 0;
        onWrite?.();
      }
    }
  } catch (error) {
    // The failed step is skipped, as a failed live tick would be.
    console.error('[cloudshield] simulator catch-up step failed', error);
  }
  return bg.next >= bg.steps.length;
}

export function endCatchUp(core: SimCore): void {
  core.pending.sampleHorizonMs = [];
  core.inCatchUp = false;
}

/** From the pace so far; none in the first half second (nothing to go on yet). */
export function catchUpEta(startedReal: number, doneSimMs: number, leftSimMs: number): number | null {
  const elapsedReal = performance.now() - startedReal;
  return elapsedReal > 500 && doneSimMs > 0 ? Math.ceil((leftSimMs * elapsedReal) / doneSimMs / 1000) : null;
}

export class BackgroundCatchUp implements CatchUpRunner {
  /** Null when live. */
  private progress: CatchUpProgress | null = null;

  constructor(private readonly core: SimCore) {}

  get active(): boolean {
    return this.progress !== null;
  }

  remainingMs(): number {
    return this.progress ? Math.max(0, this.progress.toMs - this.core.engine.nowMs) : 0;
  }

  reachedMs(): number {
    return this.core.engine.nowMs;
  }

  /** How far behind (`behindMs`, given) and, from the pace so far, how long it will take. */
  status(behindMs: number): CatchUpStatus | null {
    const bg = this.progress;
    if (!bg) return null;
    const now = this.core.engine.nowMs;
    return { behindMs, etaSeconds: catchUpEta(bg.startedReal, now - bg.startedSimMs, bg.toMs - now) };
  }

  /**
   * Covers the gap to `toMs` in slices of at most BACKGROUND_SLICE_MS, leaving the event loop to
   * requests between them; every simulated minute the rows are written, so pages follow its progress.
   */
  start(toMs: number, log: (m: string) => void = console.log): void {
    const core = this.core;
    this.progress = beginCatchUp(core, toMs);
    const startedReal = this.progress.startedReal;
    const slice = () => {
      const bg = this.progress;
      if (!bg) return; // stopped meanwhile
      const until = performance.now() + BACKGROUND_SLICE_MS;
      if (!runCatchUpSteps(core, bg, () => performance.now() < until, () => core.snapshotDue())) {
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
    endCatchUp(this.core);
  }
}
