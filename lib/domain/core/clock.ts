import 'server-only';
import { simulator } from '@/lib/sim/bridge';

/**
 * "Now" on the simulated clock, epoch ms: every time the portal shows or stores comes from here.
 * Falls back to the wall clock when the runtime is not running (unit tests, SIM_ENABLED=0).
 */
export async function simNow(): Promise<number> {
  const sim = await simulator();
  return sim ? sim.now() : Date.now();
}

/** The running simulator (to act on) with its now; null and the wall clock when none runs. */
export async function simClock() {
  const sim = await simulator();
  return { sim, nowMs: sim ? sim.now() : Date.now() };
}

export async function simDate(): Promise<Date> {
  return new Date(await simNow());
}

export const iso = (d: Date | number): string => new Date(d).toISOString();
export const isoOrNull = (d: Date | number | null | undefined): string | null => (d == null ? null : iso(d));
