/**
 * Opening the simulator: restore the stored engine (or build a new one and backfill history),
 * put it in line with the database, cover the time missed while the server was down, and (with
 * autoTick) start the clock.
 */
import type { DB } from '@/db';
import { catchUp } from './foreground-catch-up';
import { openCore } from './open-core';
import { Simulator } from './simulator';
import { type SimulatorOptions } from './simulator-options';

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
  const { core, restored, stored } = openCore(db, opts);
  const engine = core.engine;
  const speed = core.speed;
  const targetMs = opts.startAtMs ?? Date.now();
  const sim = new Simulator(core, opts.tickIntervalMs ?? 1000, opts.catchUpInWorker ? { log } : null);

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
