/**
 * The simulator runtime: owns the engine inside the server process, feeds it configuration
 * from the database, drives it on the simulated clock (SIM_SPEED simulated seconds per real
 * second) and writes its state back in batched transactions. Also runs headless for tests
 * (`createSimulator(db, { autoTick: false })` + `advance(seconds)`).
 *
 * One job per file: start-up.ts opens it (restore or backfill, catch up), ticker.ts is the
 * real-time clock, foreground-catch-up.ts and background-catch-up.ts cover missed time,
 * sim-core.ts steps the engine, feeds it configuration and writes what it produced, and
 * simulator.ts is the control interface. This file keeps the server's singleton.
 */
import type { DB } from '@/db';
import type { SimulatorControl } from './contract';
import type { Simulator } from './simulator';
import { type SimulatorOptions } from './simulator-options';
import { openSimulator } from './start-up';

export { Simulator } from './simulator';
export { DEFAULT_SEED, type SimulatorOptions } from './simulator-options';

// ---- the server's singleton --------------------------------------------------------------

const globalForSim = globalThis as unknown as { __cloudshieldSim?: Simulator; __cloudshieldSimStarting?: Promise<Simulator> };

/** A simulator on `db`; headless unless `autoTick`. Tests: `createSimulator(db, { startAtMs, seed, autoTick: false })`. */
export function createSimulator(db: DB, opts: SimulatorOptions = {}): Simulator {
  return openSimulator(db, opts);
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
        catchUpInWorker: true,
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
