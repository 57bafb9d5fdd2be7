/**
 * The step list of an operation, derived from its type and options (and, once made, the
 * commit/rollback decision). Durations are simulated seconds.
 */
import { shutdownPlan } from './shutdown';
import type { OperationOptions, OperationState } from './types';

export type StepKey = 'preflight' | 'shutdown' | 'final-sync' | 'create-vms' | 'boot' | 'network' | 'stop-test' | 'commit' | 'reverse' | 'rollback';

export type StepDef = {
  key: StepKey;
  name: string;
  durationSeconds: number;
  /** Wait after the previous step finished (the recovery plan's delay after a boot group). */
  delayBeforeSeconds: number;
  /** The step waits for a person (or the commit policy) before it may start. */
  gate?: 'stop' | 'decision';
  /** When set, the step is skipped with this reason instead of run. */
  skipReason?: string;
  /** Shown while pending/running, and once completed. */
  detail: string;
  doneDetail: string;
  bootIndex?: number;
};

// Realistic but short: creating a VM from a replica is a metadata operation.
export const CREATE_BASE_SECONDS = 5;
export const CREATE_PER_VM_SECONDS = 3;
export const SHUTDOWN_SECONDS = 30;
export const NETWORK_SECONDS = 5;
export const TEST_CLEANUP_SECONDS = 10;
export const COMMIT_SECONDS = 5;
export const REVERSE_SECONDS = 5;
export const ROLLBACK_SECONDS = 15;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function vmCount(options: OperationOptions): number {
  return options.plan.reduce((n, bg) => n + bg.vms.length, 0);
}

export function networkDetail(options: OperationOptions): string {
  const { kind, mode, network, mappings } = options.network;
  const label = `${kind === 'test' ? 'Test' : 'Live'} network settings: "${network}"`;
  if (mode === 'keep-ip') return `${label}, same IP addresses as production (keep-ip)`;
  const maps = mappings.map((m) => `${m.sourceSubnet} → ${m.targetSubnet}`).join(', ');
  return `${label}, re-IP ${maps || '(no mapping defined)'}`;
}

function bootDefs(options: OperationOptions): StepDef[] {
  return options.plan.map((bg, i) => {
    const seconds = Math.max(0, ...bg.vms.map((v) => v.bootSeconds));
    const names = bg.vms.map((v) => v.name).join(', ') || 'no VMs';
    const prevDelay = i > 0 ? options.plan[i - 1].delayAfterSeconds : 0;
    const wait = prevDelay > 0 ? ` (starts ${prevDelay} s after boot group ${i})` : '';
    return {
      key: 'boot' as const,
      name: `Boot group ${i + 1}: ${bg.name}`,
      durationSeconds: seconds,
      delayBeforeSeconds: prevDelay,
      bootIndex: i,
      detail: `${plural(bg.vms.length, 'VM')}: ${names}${wait}`,
      doneDetail: `${plural(bg.vms.length, 'VM')} up in ${seconds} s: ${names}`,
    };
  });
}

export function stepDefinitions(state: Pick<OperationState, 'type' | 'options'>): StepDef[] {
  const { type, options } = state;
  const n = vmCount(options);
  const test = type === 'test-failover';
  const defs: StepDef[] = [
    { key: 'preflight', name: 'Pre-flight checks', durationSeconds: 0, delayBeforeSeconds: 0, detail: 'Checking', doneDetail: 'All checks passed' },
  ];
  if (!test) {
    const skipReason =
      type !== 'move' && !options.shutdownSource
        ? 'Not requested: the source VMs keep running'
        : !options.sourceSiteOnline
          ? `Source site ${options.fromSiteName} is offline: its VMs could not be shut down`
          : undefined;
    defs.push({ key: 'shutdown', name: 'Shut down source VMs', delayBeforeSeconds: 0, skipReason, ...shutdownStep(options, n) });
  }
  if (type === 'move') {
    defs.push({
      key: 'final-sync', name: 'Final sync', durationSeconds: options.finalSyncSeconds, delayBeforeSeconds: 0,
      detail: 'Shipping the last writes to the target', doneDetail: 'Target identical to the source; clean checkpoint created',
    });
  }
  defs.push({
    key: 'create-vms', name: test ? 'Create test VMs' : 'Create recovered VMs',
    durationSeconds: CREATE_BASE_SECONDS + CREATE_PER_VM_SECONDS * n, delayBeforeSeconds: 0,
    detail: `${plural(n, 'VM')} in the recovery vDC at ${options.toSiteName}${test ? ' ("testing recovery" copies; production untouched)' : ''}`,
    doneDetail: `${plural(n, 'VM')} created at ${options.toSiteName}`,
  });
  defs.push(...bootDefs(options));
  const netDetail = networkDetail(options);
  defs.push({ key: 'network', name: 'Configure network', durationSeconds: NETWORK_SECONDS, delayBeforeSeconds: 0, detail: netDetail, doneDetail: netDetail });
  if (test) {
    defs.push({
      key: 'stop-test', name: 'Stop test and remove test VMs', durationSeconds: TEST_CLEANUP_SECONDS, delayBeforeSeconds: 0, gate: 'stop',
      detail: 'Waiting for the test to be stopped', doneDetail: 'Test VMs powered off and deleted; checkpoint tagged',
    });
    return defs;
  }
  if (options.decision?.kind === 'rollback') {
    const forced = options.decision.breakGlass;
    defs.push({
      key: 'rollback', name: 'Roll back', durationSeconds: ROLLBACK_SECONDS, delayBeforeSeconds: 0, gate: 'decision',
      ...(forced
        ? {
            detail: `Break-glass by ${forced.by} while ${forced.siteName} is offline ("${forced.reason}"): removing recovered VMs`,
            doneDetail: `Break-glass by ${forced.by} ("${forced.reason}"): recovered VMs removed; ${forced.siteName} offline, its VMs could not be restarted`,
          }
        : { detail: 'Removing recovered VMs, restoring the source', doneDetail: 'Recovered VMs removed; source VMs and replication as before' }),
    });
    return defs;
  }
  defs.push({
    key: 'commit', name: 'Commit', durationSeconds: COMMIT_SECONDS, delayBeforeSeconds: 0, gate: 'decision',
    detail: commitWaitDetail(options), doneDetail: `VMs now run at ${options.toSiteName}`,
  });
  defs.push({
    key: 'reverse', name: 'Reverse protection', durationSeconds: REVERSE_SECONDS, delayBeforeSeconds: 0,
    skipReason: options.reverseProtection ? undefined : 'Not requested: the group is failed over and does not replicate',
    detail: `Replicate back from ${options.toSiteName} to ${options.fromSiteName}`,
    doneDetail: `Replicating back to ${options.fromSiteName} (delta sync)`,
  });
  return defs;
}

/** Graceful, then forced after the grace period; operations saved before grace periods keep their fixed 30 s. */
function shutdownStep(options: OperationOptions, n: number): Pick<StepDef, 'durationSeconds' | 'detail' | 'doneDetail'> {
  const at = options.fromSiteName;
  const grace = options.shutdownGraceSeconds;
  if (grace === undefined) {
    return { durationSeconds: SHUTDOWN_SECONDS, detail: `Graceful shutdown of ${plural(n, 'VM')} at ${at}`, doneDetail: `${plural(n, 'VM')} powered off at ${at}` };
  }
  const plan = shutdownPlan(options.plan.flatMap((bg) => bg.vms), grace);
  return {
    durationSeconds: plan.durationSeconds,
    detail: `Graceful shutdown of ${plural(n, 'VM')} at ${at}; any still running after ${grace} s is powered off`,
    doneDetail: plan.forced.length
      ? `${plan.graceful} of ${plural(n, 'VM')} shut down gracefully; forced off after the ${grace} s grace period: ${plan.forced.join(', ')}`
      : `${plural(n, 'VM')} shut down gracefully at ${at} in ${plan.slowestSeconds} s`,
  };
}

function commitWaitDetail(options: OperationOptions): string {
  if (options.commitPolicy === 'manual') return 'Waiting for commit or rollback';
  const verb = options.commitPolicy === 'auto-commit' ? 'commits' : 'rolls back';
  return `Waiting for commit or rollback; ${verb} automatically after ${options.commitTimeoutMinutes} min`;
}
