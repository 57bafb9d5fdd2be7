/**
 * How to cover simulated time the engine did not live through (a restart, a first-start
 * backfill, a slow tick): in coarse steps, finer for the last day because that is the span of
 * the 5 s sample tier, and bounded so a server that was off for months starts in seconds.
 */
export const MAX_CATCH_UP_MS = 30 * 24 * 3_600_000;
const RECENT_MS = 24 * 3_600_000;
const FINE_STEP_MS = 5_000;
const COARSE_STEP_MS = 60_000;

export type CatchUpPlan = {
  /** Jump here without simulating first (only when the gap exceeds the bound). */
  skipToMs: number | null;
  /** Steps in ms, in order; their sum reaches the target exactly. */
  steps: number[];
};

export function planCatchUp(fromMs: number, toMs: number): CatchUpPlan {
  const steps: number[] = [];
  if (toMs <= fromMs) return { skipToMs: null, steps };
  const skipToMs = toMs - fromMs > MAX_CATCH_UP_MS ? toMs - MAX_CATCH_UP_MS : null;
  let t = skipToMs ?? fromMs;
  const fineFrom = toMs - RECENT_MS;
  while (t < toMs) {
    const size = t < fineFrom ? Math.min(COARSE_STEP_MS, fineFrom - t) : FINE_STEP_MS;
    const step = Math.min(size, toMs - t);
    steps.push(step);
    t += step;
  }
  return { skipToMs, steps };
}

/**
 * Steps for one live tick covering `advanceMs` of simulated time: one step at ordinary speeds,
 * several of at most 5 s (60 s for very high SIM_SPEED) when the clock runs faster.
 */
export function planTick(advanceMs: number): number[] {
  if (advanceMs <= 0) return [];
  const size = advanceMs <= 5_000 ? advanceMs : Math.min(COARSE_STEP_MS, Math.max(FINE_STEP_MS, Math.ceil(advanceMs / 500)));
  const steps: number[] = [];
  for (let t = 0; t < advanceMs; t += size) steps.push(Math.min(size, advanceMs - t));
  return steps;
}
