/**
 * Types of the pure operations state machine. No database or Next.js imports here (type-only
 * imports are erased), so the machine can be unit-tested and reasoned about in isolation.
 */
import { z } from 'zod';
import type { OperationStatus, OperationType } from '@/lib/schemas/operations';
import type { GroupMode } from '@/lib/sim/contract';
import { COMMIT_POLICIES } from '@/lib/schemas/operation-limits';

export type { OperationStatus, OperationType };
export type StepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

export type Step = {
  name: string;
  status: StepStatus;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  detail: string | null;
};

const decisionSchema = z.object({
  kind: z.enum(['commit', 'rollback']),
  atMs: z.number(),
  /** True when the commit policy decided at the deadline, not a person. */
  auto: z.boolean(),
  /** A rollback a person forced while production was offline (lib/operations/decision-guard). */
  breakGlass: z.object({ reason: z.string(), by: z.string(), siteName: z.string() }).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

/**
 * Everything the machine needs, snapshotted into operations.options at start: the recovery
 * plan with boot times and the network settings. A snapshot keeps a resumed operation
 * identical to the one that was started, whatever is edited meanwhile. Validated on load:
 * an operation whose options no longer parse cannot be resumed and is failed with a reason.
 */
export const operationOptionsSchema = z.object({
  v: z.literal(1),
  fromSiteName: z.string(),
  toSiteName: z.string(),
  /** Whether the source site was reachable at start (a down site cannot shut its VMs down). */
  sourceSiteOnline: z.boolean(),
  shutdownSource: z.boolean(),
  /** Graceful shutdown time allowed before a forced power-off; absent on operations saved before it existed (fixed 30 s). */
  shutdownGraceSeconds: z.number().int().min(0).optional(),
  reverseProtection: z.boolean(),
  commitPolicy: z.enum(COMMIT_POLICIES),
  commitTimeoutMinutes: z.number().int().min(0).max(1440),
  /** Move only: simulated seconds to ship the remaining backlog after the source is down. */
  finalSyncSeconds: z.number().min(0),
  network: z.object({
    kind: z.enum(['test', 'live']),
    mode: z.enum(['keep-ip', 're-ip']),
    network: z.string(),
    mappings: z.array(z.object({ sourceSubnet: z.string(), targetSubnet: z.string() })),
    /**
     * Every recovered NIC's address, computed when the operation started (later edits of the
     * group's networks do not rewrite it). Absent on operations started before it existed.
     */
    addresses: z
      .array(
        z.object({
          vmId: z.string(), vmName: z.string(), nic: z.number(), mac: z.string(), sourceNetwork: z.string(), sourceIp: z.string(),
          network: z.string(), ip: z.string(), prefix: z.number().nullable(), gateway: z.string().nullable(), dns: z.array(z.string()),
          rule: z.enum(['keep-ip', 'subnet-map', 'override', 'unmapped']),
        }),
      )
      .optional(),
    /** Live only: the simulated 1:1 NAT addresses and DNS records a commit puts in place. */
    nat: z.array(z.object({ vmId: z.string(), vmName: z.string(), publicIp: z.string(), privateIp: z.string(), ports: z.string() })).optional(),
    dns: z.array(z.object({ name: z.string(), type: z.literal('A'), from: z.string(), to: z.string(), ttlSeconds: z.number() })).optional(),
  }),
  plan: z
    .array(
      z.object({
        name: z.string(),
        delayAfterSeconds: z.number().min(0),
        vms: z.array(z.object({ id: z.string(), name: z.string(), bootSeconds: z.number().min(0) })),
      }),
    )
    .min(1),
  /** Group status before the operation, restored when it ends without changing the group. */
  groupStatusBefore: z.string(),
  stopRequestedAtMs: z.number().nullable(),
  decision: decisionSchema.nullable(),
  /**
   * The commit policy's deadline passed while its decision could not be carried out (a site
   * offline): the machine holds, alerts, and decides once the site is back or a person acts.
   * Optional: operations saved before holds existed have none.
   */
  hold: z.object({ kind: z.enum(['commit', 'rollback']), reason: z.string(), sinceMs: z.number() }).nullable().optional(),
});
export type OperationOptions = z.infer<typeof operationOptionsSchema>;

export type OperationState = {
  type: OperationType;
  status: OperationStatus;
  startedAtMs: number;
  finishedAtMs: number | null;
  commitDeadlineMs: number | null;
  checkpointTimeMs: number | null;
  rtoSeconds: number | null;
  error: string | null;
  options: OperationOptions;
  steps: Step[];
};

/** What the outside world must do because of a transition; applied by lib/operations/effects. */
export type Effect =
  | { kind: 'group-mode'; mode: GroupMode }
  | { kind: 'vms-power'; power: 'on' | 'off' }
  /** Commit: the group's VMs now run at the operation's target site. */
  | { kind: 'vms-at-target' }
  | { kind: 'reverse-protection'; atMs: number }
  /** Move: the final sync produced a clean checkpoint at this time. */
  | { kind: 'clean-checkpoint'; timeMs: number }
  /** Test stopped: tag the checkpoint used, and set lastTestedAt when the test passed. */
  | { kind: 'tested'; atMs: number };

/** Audit-worthy things the machine decided on its own (the system acted, not a person). */
export type OperationEvent = {
  action: 'auto-commit' | 'auto-rollback' | 'auto-decision-held' | 'completed' | 'rolled-back' | 'failed';
  atMs: number;
  details?: Record<string, unknown>;
};

export type AdvanceResult = { state: OperationState; effects: Effect[]; events: OperationEvent[]; changed: boolean };

export const OPEN_STATUSES: readonly OperationStatus[] = ['pending', 'running', 'testing', 'awaiting-commit'];
export const isOpen = (status: OperationStatus) => OPEN_STATUSES.includes(status);
