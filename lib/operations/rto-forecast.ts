/**
 * The RTO an operation's plan implies, computed from the same step list the machine runs
 * (lib/operations/steps), so a forecast and the operation it forecasts cannot disagree: the
 * time from start until the last boot group is up, skipped steps taking no time.
 */
import { stepDefinitions } from './steps';
import type { OperationState } from './types';

export function plannedRtoSeconds(state: Pick<OperationState, 'type' | 'options'>): number {
  const defs = stepDefinitions(state);
  const lastBoot = defs.findLastIndex((d) => d.key === 'boot');
  let seconds = 0;
  for (const def of defs.slice(0, lastBoot + 1)) {
    if (def.skipReason) continue;
    seconds += def.delayBeforeSeconds + def.durationSeconds;
  }
  return seconds;
}

/**
 * How much longer than their plans said past recoveries took: the median of (measured −
 * planned) over them, never below 0. A deterministic simulator gives 0; a real platform's
 * slow storage or busy hosts show up here and are added to the forecast.
 */
export function measuredOverheadSeconds(past: { measuredSeconds: number; plannedSeconds: number }[]): number {
  if (!past.length) return 0;
  const diffs = past.map((p) => p.measuredSeconds - p.plannedSeconds).sort((a, b) => a - b);
  const mid = Math.floor(diffs.length / 2);
  const median = diffs.length % 2 ? diffs[mid] : (diffs[mid - 1] + diffs[mid]) / 2;
  return Math.max(0, median);
}

/**
 * Predicted RTO of each group of a tiered run, from the run's start: a tier starts when every
 * VM of the tier before it is up, plus that tier's delay; a group's RTO counts from the run's
 * start, so later tiers carry the wait.
 */
export function tieredRtoSeconds(tiers: { delayAfterSeconds: number; groups: { id: string; rtoSeconds: number }[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  let tierStart = 0;
  for (const tier of tiers) {
    let tierUp = tierStart;
    for (const g of tier.groups) {
      const up = tierStart + g.rtoSeconds;
      out.set(g.id, up);
      tierUp = Math.max(tierUp, up);
    }
    tierStart = tierUp + tier.delayAfterSeconds;
  }
  return out;
}
