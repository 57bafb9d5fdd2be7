/**
 * The simulated shutdown of the source VMs before a live failover or move: each guest is asked
 * to shut down (ACPI), which takes it a while, and a few never finish (an application that
 * ignores the signal, an update in progress). Whatever is still running when the grace period
 * ends is powered off. Deterministic per VM, so a resumed operation computes the same timeline.
 */

/** A forced power-off is near instant; the hypervisor confirms within seconds. */
export const FORCED_OFF_SECONDS = 5;

type ShutdownVm = { id: string; name: string; bootSeconds: number };

/** FNV-1a: a stable small hash of the VM id (no PRNG state to carry across restarts). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Seconds the guest takes to shut down cleanly, or null when it hangs. About a third to four
 * fifths of its boot time (Windows takes longer than Linux, as it boots longer); one VM in
 * seven does not finish at all.
 */
export function gracefulShutdownSeconds(vm: ShutdownVm): number | null {
  const h = hashOf(vm.id);
  if (h % 7 === 0) return null;
  return Math.max(5, Math.round(vm.bootSeconds * (0.3 + (h % 100) / 200)));
}

export type ShutdownPlan = {
  durationSeconds: number;
  /** VMs still running at the end of the grace period, powered off. */
  forced: string[];
  graceful: number;
  /** When every VM shut down cleanly: how long the slowest took. */
  slowestSeconds: number;
};

export function shutdownPlan(vms: ShutdownVm[], graceSeconds: number): ShutdownPlan {
  const times = vms.map((vm) => ({ name: vm.name, seconds: gracefulShutdownSeconds(vm) }));
  const forced = times.filter((t) => t.seconds === null || t.seconds > graceSeconds).map((t) => t.name);
  const slowestSeconds = Math.max(0, ...times.map((t) => t.seconds ?? 0).filter((s) => s <= graceSeconds));
  return {
    durationSeconds: forced.length ? graceSeconds + FORCED_OFF_SECONDS : slowestSeconds,
    forced,
    graceful: vms.length - forced.length,
    slowestSeconds,
  };
}
