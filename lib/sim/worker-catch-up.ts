/**
 * The server's catch-up off the request path: a worker thread (catch-up-job.ts) covers the gap
 * with its own connection to the database while this thread serves requests at full speed.
 *
 * While it runs, the database's replication state belongs to the worker: this thread's engine is
 * stale and writes nothing (SimCore.suspended), ticks carry the real time passing to after it,
 * `now()` is the simulated time of the worker's last committed write, and actions that make the
 * engine do something refuse (assertEngineLive), as during the in-thread catch-up. Configuration,
 * faults and volumes changed meanwhile are written to the database only; when the worker hands
 * its engine back, this thread continues from it and reads them (open-core.ts adoptEngine).
 * Should the worker fail, this thread continues from what it last committed, in slices
 * (background-catch-up.ts), so nothing is lost; so it does where no worker can run (an in-memory
 * database, no worker entry).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Engine } from '@/lib/engine';
import { publishLive } from '@/lib/core/live-events';
import { BackgroundCatchUp, catchUpEta, type CatchUpRunner } from './background-catch-up';
import type { CatchUpJobInput, CatchUpJobMessage } from './catch-up-job';
import type { CatchUpStatus } from './contract';
import { adoptEngine, storedEngine } from './open-core';
import type { SimCore } from './sim-core';

/** The bundled worker (scripts/build-sim-worker.mjs, run by `npm run build`), relative to the app's folder. */
export const BUILT_WORKER = 'dist/sim-catch-up-worker.cjs';
const SOURCE_WORKER = 'lib/sim/catch-up-worker.ts';

/** A file for the worker to run, or (`eval`) code that imports the TypeScript source through tsx. */
export type WorkerEntry = { file: string; eval?: string };

/**
 * What a worker thread can run: outside production the TypeScript source through tsx's API
 * (dev server, vitest; Node 20 does not apply an `--import tsx` loader to a worker's entry),
 * else the bundle. Null when neither is there.
 */
export function catchUpWorkerEntry(cwd = process.cwd()): WorkerEntry | null {
  const source = path.join(cwd, SOURCE_WORKER);
  if (process.env.NODE_ENV !== 'production' && fs.existsSync(source)) {
    try {
      const tsx = path.join(path.dirname(createRequire(path.join(cwd, 'package.json')).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
      const [api, file] = [pathToFileURL(tsx).href, pathToFileURL(source).href].map((u) => JSON.stringify(u));
      if (fs.existsSync(tsx)) return { file: source, eval: `import(${api}).then(({ tsImport }) => tsImport(${file}, ${file}))` };
    } catch {
      // no tsx: the bundle, if built
    }
  }
  const built = path.join(cwd, BUILT_WORKER);
  return fs.existsSync(built) ? { file: built } : null;
}

type Running = { worker: Worker; toMs: number; reachedMs: number; startedReal: number; startedSimMs: number; exited: Promise<void> };

export class WorkerCatchUp implements CatchUpRunner {
  private running: Running | null = null;
  /** In this thread: where no worker can run, and after a worker failed. */
  readonly fallback: BackgroundCatchUp;
  private stopped = false;
  /** How the last worker ended: handed its engine back, or failed (this thread took over). */
  lastOutcome: 'handed-back' | 'failed' | null = null;
  private lastExit: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: SimCore,
    private readonly log: (m: string) => void = console.log,
    private readonly entry: () => WorkerEntry | null = () => catchUpWorkerEntry(),
  ) {
    this.fallback = new BackgroundCatchUp(core);
  }

  get active(): boolean {
    return this.running !== null || this.fallback.active;
  }

  /** Whether the catch-up under way runs in a worker thread. */
  get inWorker(): boolean {
    return this.running !== null;
  }

  remainingMs(): number {
    return this.running ? Math.max(0, this.running.toMs - this.running.reachedMs) : this.fallback.remainingMs();
  }

  reachedMs(): number {
    return this.running ? this.running.reachedMs : this.fallback.reachedMs();
  }

  status(behindMs: number): CatchUpStatus | null {
    const r = this.running;
    if (!r) return this.fallback.status(behindMs);
    return { behindMs, etaSeconds: catchUpEta(r.startedReal, r.reachedMs - r.startedSimMs, r.toMs - r.reachedMs) };
  }

  /** Resolves once no worker of this simulator runs any more (after `end`, a failure or the hand-back). */
  settled(): Promise<void> {
    return this.lastExit;
  }

  start(toMs: number, log: (m: string) => void = this.log): void {
    const core = this.core;
    const client = core.db.$client;
    const entry = client.memory ? null : this.entry();
    if (!entry) {
      if (!client.memory) log(`[cloudshield] no catch-up worker to run (${BUILT_WORKER} is built by npm run build): catching up in this thread`);
      this.fallback.start(toMs, log);
      return;
    }
    const fromMs = core.engine.nowMs;
    // What this thread holds goes to the database first, the clock keeping the whole gap: the
    // worker starts from exactly this state, and a crash before its first write loses nothing.
    core.write(true, toMs - fromMs);
    core.suspended = true;
    const input: CatchUpJobInput = { dbFile: path.resolve(client.name), toMs, speed: core.speed, handedOverAtMs: Date.now() };
    const worker = entry.eval ? new Worker(entry.eval, { eval: true, workerData: input }) : new Worker(entry.file, { workerData: input });
    // The server's process ends when it is told to; the worker must not keep it (or a test) alive.
    worker.unref();
    const startedReal = performance.now();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.lastExit = exited;
    const running: Running = { worker, toMs, reachedMs: fromMs, startedReal, startedSimMs: fromMs, exited };
    this.running = running;
    let done = false;
    let failure: unknown = null;
    worker.on('message', (m: CatchUpJobMessage) => {
      if (this.running !== running) return;
      if (m.type === 'progress') running.reachedMs = Math.max(running.reachedMs, m.nowMs);
      else if (m.type === 'live') publishLive(m.tenantId, m.topics);
      else if (m.type === 'done') {
        done = true;
        this.lastOutcome = 'handed-back';
        this.handBack(running, Engine.restore(m.snapshot), m.alertIds);
        log(`[cloudshield] simulator caught up to ${new Date(m.nowMs).toISOString()} in a worker thread in ${Math.round(performance.now() - startedReal)} ms`);
      }
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (done || this.running !== running) return;
      // Failed (or ended without handing back): continue from what it committed, in this thread.
      this.lastOutcome = 'failed';
      console.error(`[cloudshield] simulator catch-up worker failed (exit code ${code}); continuing in this thread`, failure);
      try {
        const stored = storedEngine(core.db);
        this.handBack(running, stored.engine, stored.alertIds);
        if (!this.stopped && core.engine.nowMs < toMs) this.fallback.start(toMs, log);
      } catch (error) {
        console.error('[cloudshield] simulator could not take back the catch-up', error);
      }
    });
  }

  private handBack(running: Running, engine: Engine, alertIds: Record<string, string> | undefined): void {
    this.running = null;
    if (this.stopped) return;
    adoptEngine(this.core, engine, alertIds);
    this.core.suspended = false;
  }

  /**
   * Stops the catch-up. A worker is terminated: its transaction under way rolls back, and what it
   * committed (the clock keeping the rest of the gap) is where the next start resumes; this
   * thread's engine is stale and stays unwritten (suspended).
   */
  end(): void {
    this.fallback.end();
    const r = this.running;
    if (!r) return;
    this.stopped = true;
    this.running = null;
    void r.worker.terminate();
  }
}
