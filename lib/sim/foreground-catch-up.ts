/**
 * Covering simulated time in one go, before anything else runs: the headless `advance` of tests
 * and scripts, and a catch-up short enough (or at first start) to finish before serving.
 */
import { RPO_TIERS } from '@/db/schema';
import { planCatchUp } from './catch-up';
import type { SimCore } from './sim-core';
import { HOUR_MS } from './simulator-options';

/** During long catch-ups, write what accumulated every this much simulated time (bounded memory). */
const CATCH_UP_FLUSH_EVERY_MS = 6 * HOUR_MS;

/**
 * Advances the simulated clock by `seconds` in steps of `stepSeconds` (default 1 s, 5 s for spans
 * over an hour), calling tick listeners after every step, then persists.
 */
export function advanceHeadless(core: SimCore, seconds: number, stepSeconds?: number): void {
  const stepMs = Math.max(1, Math.round((stepSeconds ?? (seconds > 3600 ? 5 : 1)) * 1000));
  let left = Math.round(seconds * 1000);
  let sinceWrite = 0;
  while (left > 0) {
    const ms = Math.min(stepMs, left);
    core.stepOnce(ms);
    left -= ms;
    sinceWrite += ms;
    if (sinceWrite >= CATCH_UP_FLUSH_EVERY_MS) {
      core.write(false);
      sinceWrite = 0;
    }
  }
  core.write(true);
}

export function catchUp(core: SimCore, toMs: number): void {
  const plan = planCatchUp(core.engine.nowMs, toMs);
  // What would be pruned by the end of the catch-up is not written in the first place.
  core.pending.sampleHorizonMs = RPO_TIERS.map((t) => toMs - t.keepMs - t.stepMs);
  // A long catch-up writes journals once at its end; a short one (a restart) keeps the usual
  // event path, where rewriting every journal would cost more than it saves.
  const deferJournals = toMs - core.engine.nowMs > CATCH_UP_FLUSH_EVERY_MS;
  core.pending.journalsDeferred = deferJournals;
  // Checkpoint rows already queued (a first start's prefilled journals: ~10^6 at 5,000 VMs)
  // would be written now and again by replaceJournals at the end: that one write covers them.
  if (deferJournals) core.pending.dropQueuedCheckpoints();
  core.inCatchUp = true;
  try {
    runCatchUp(core, plan);
    if (deferJournals) {
      core.collect();
      core.persister.replaceJournals(core.engine, core.persister.existingGroupIds());
    }
  } finally {
    core.pending.sampleHorizonMs = [];
    core.pending.journalsDeferred = false;
    core.inCatchUp = false;
  }
}

function runCatchUp(core: SimCore, plan: ReturnType<typeof planCatchUp>): void {
  if (plan.skipToMs !== null) {
    core.engine.skipTo(plan.skipToMs);
    core.collect();
  }
  let sinceWrite = 0;
  for (const ms of plan.steps) {
    core.stepOnce(ms);
    sinceWrite += ms;
    if (sinceWrite >= CATCH_UP_FLUSH_EVERY_MS) {
      core.write(false);
      sinceWrite = 0;
    }
  }
}
