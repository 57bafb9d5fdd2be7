/**
 * What a catch-up worker does (catch-up-worker.ts is its thread's entry): on its own connection
 * to the database it restores the engine exactly as the server would (open-core.ts), covers the
 * gap to `toMs` with the steps and writes of the in-thread catch-up (background-catch-up.ts), and
 * hands the engine back. Every write is one bounded transaction (a simulated minute of rows)
 * carrying the engine snapshot and the clock: should the process stop in the middle, the next
 * start resumes exactly from the last one, nothing lost and nothing simulated twice.
 */
import type { DB } from '@/db';
import type { EngineSnapshot } from '@/lib/engine';
import { beginCatchUp, endCatchUp, runCatchUpSteps } from './background-catch-up';
import { openCore } from './open-core';

export type CatchUpJobInput = {
  /** The database file (the worker opens its own connection: WAL, busy timeout). */
  dbFile: string;
  /** The simulated time to reach. */
  toMs: number;
  speed: number;
  /** Wall time when the server handed over: the real time passing meanwhile is lag the clock keeps. */
  handedOverAtMs: number;
};

export type CatchUpJobMessage =
  /** A write committed: the database holds the state at `nowMs`. */
  | { type: 'progress'; nowMs: number }
  /** Topics for the live stream, published by the server's thread (subscribers live there). */
  | { type: 'live'; tenantId: string | null; topics: string[] }
  /** Done and committed; the engine (with its journals) for the server to continue from. */
  | { type: 'done'; nowMs: number; snapshot: EngineSnapshot; alertIds: Record<string, string> };

export function runCatchUpJob(db: DB, input: CatchUpJobInput, post: (message: CatchUpJobMessage) => void): void {
  const { core, restored } = openCore(db, { speed: input.speed });
  if (!restored) throw new Error('A catch-up needs a stored engine to start from');
  core.lagMs = () => Math.max(0, input.toMs - core.engine.nowMs) + Math.max(0, Date.now() - input.handedOverAtMs) * input.speed;
  core.persister.publish = (tenantId, topics) => post({ type: 'live', tenantId, topics: [...topics] });
  const progress = () => post({ type: 'progress', nowMs: core.engine.nowMs });
  const bg = beginCatchUp(core, input.toMs);
  core.write(true);
  progress();
  runCatchUpSteps(core, bg, () => true, () => true, progress);
  endCatchUp(core);
  core.write(true);
  post({ type: 'done', nowMs: core.engine.nowMs, snapshot: core.engine.snapshot(), alertIds: Object.fromEntries(core.persister.alertIds) });
}
