import type { CatchUpStatus, SimulatorControl } from '@/lib/sim/contract';
import { EngineCatchingUpError } from '@/lib/core/errors';

/**
 * The one door from the domain to the simulator runtime. The runtime is imported lazily: it
 * owns the engine and timers and is started by the server, so unit tests and scripts that never
 * start it must not pull it in or trip over it. Null means "not running" (tests, SIM_ENABLED=0).
 */
let override: SimulatorControl | null | undefined;

/** Tests: force a fake simulator, or null for "not running". `undefined` restores the real one. */
export function setSimulatorForTests(sim: SimulatorControl | null | undefined): void {
  override = sim;
}

export async function simulator(): Promise<SimulatorControl | null> {
  if (override !== undefined) return override;
  try {
    const runtime = await import('@/lib/sim/runtime');
    return runtime.getSimulator() ?? null;
  } catch {
    // Not started (or not startable in this process): the domain works without it.
    return null;
  }
}

/**
 * Tells the engine a group's configuration changed. The database change is already committed, so
 * a failure here must not turn into an error for the caller; the runtime reloads on restart.
 */
export async function notifyGroupChanged(groupId: string, deleted = false): Promise<void> {
  const sim = await simulator();
  if (!sim) return;
  try {
    if (deleted) sim.notifyGroupDeleted(groupId);
    else sim.notifyConfigChanged(groupId);
  } catch (error) {
    console.error('Simulator did not accept a configuration change', groupId, error);
  }
}

/** Null when the engine is live (or not running); how far behind it is while it catches up. */
export async function engineCatchUp(): Promise<CatchUpStatus | null> {
  return (await simulator())?.catchingUp() ?? null;
}

/** Actions that make the engine do something now refuse while "now" is still in its past. */
export function assertEngineLive(sim: SimulatorControl | null): void {
  const lag = sim?.catchingUp();
  if (lag) throw new EngineCatchingUpError(lag.behindMs, Math.min(300, Math.max(5, lag.etaSeconds ?? 30)));
}

/**
 * Tells the engine the tenants' storage volumes changed (a vDC's storage or guaranteed IOPS, a
 * vDC added or removed): their guarantees cap what groups apply at the recovery site. Like
 * notifyGroupChanged, after the commit and never an error for the caller.
 */
export async function notifyVolumes(): Promise<void> {
  const sim = await simulator();
  if (!sim) return;
  try {
    sim.notifyVolumesChanged();
  } catch (error) {
    console.error('Simulator did not accept a storage volume change', error);
  }
}
