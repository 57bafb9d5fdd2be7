export const DEFAULT_SEED = 0x5eed;
export const HOUR_MS = 3_600_000;

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
  /**
   * With catchUpInBackground: run that catch-up in a worker thread (worker-catch-up.ts) with its
   * own database connection, off the request path; in slices in this thread where none can run.
   */
  catchUpInWorker?: boolean;
  log?: (message: string) => void;
};
