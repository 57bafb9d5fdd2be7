import { z } from 'zod';
import { BREAK_GLASS_REASON, SHUTDOWN_GRACE_SECONDS } from './operation-limits';
import { jsonBoolean, pagingSchema } from './common';
import { displayText, idField, wholeNumber } from './fields';
import { COMMIT_POLICIES, TEST_RESULTS } from './operations';

/**
 * Recovery runs: one test failover, live failover or move over several protection groups, in
 * tiers (tier 2 starts when tier 1's VMs are up, after the tier's delay). A run is the parent
 * of one ordinary operation per group.
 */
export const RUN_TYPES = ['test-failover', 'failover', 'move'] as const;
export type RunType = (typeof RUN_TYPES)[number];
export const RUN_TYPE_LABEL: Record<RunType, string> = {
  'test-failover': 'Test failover',
  failover: 'Live failover',
  move: 'Move',
};

/** `in-progress` until every group's operation has ended; then what the run achieved. */
export const RUN_STATUSES = ['in-progress', 'completed', 'partially-completed', 'failed', 'rolled-back', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  'in-progress': 'In progress',
  completed: 'Completed',
  'partially-completed': 'Partially completed',
  failed: 'Failed',
  'rolled-back': 'Rolled back',
  cancelled: 'Cancelled',
};

/**
 * A group's place in a run: waiting for its tier, started (its operation carries the rest),
 * not started (its tier came but it could not start: the reason is kept), or cancelled (the
 * run was rolled back or stopped before its tier came).
 */
export const RUN_GROUP_STATES = ['waiting', 'started', 'not-started', 'cancelled'] as const;
export type RunGroupState = (typeof RUN_GROUP_STATES)[number];

export const RUN_LIMITS = { tiers: 10, groups: 100, delaySeconds: 3600 } as const;

const delayAfterSeconds = wholeNumber('Delay after the tier', 0, RUN_LIMITS.delaySeconds, 'seconds');

/** One tier of a multi-group plan: its groups start together; the next tier waits for their VMs, then the delay. */
export const tierSchema = z.object({
  groupIds: z.array(idField('Group'), { error: 'Each tier needs a list of group ids.' })
    .min(1, { error: 'Each tier needs at least one group.' })
    .max(RUN_LIMITS.groups, { error: `A tier holds at most ${RUN_LIMITS.groups} groups.` }),
  delayAfterSeconds: delayAfterSeconds.optional().default(0),
});

const tiersField = z
  .array(tierSchema, { error: 'Tiers must be a list.' })
  .min(1, { error: 'A plan needs at least one tier.' })
  .max(RUN_LIMITS.tiers, { error: `A plan has at most ${RUN_LIMITS.tiers} tiers.` })
  .refine((tiers) => {
    const ids = tiers.flatMap((t) => t.groupIds);
    return new Set(ids).size === ids.length;
  }, { error: 'A group may appear only once in a plan.' });

/** POST /recovery-plans, PATCH /recovery-plans/{id} */
export const recoveryPlanSchema = z.object({
  name: displayText('Plan name', 1, 100),
  description: displayText('Description', 0, 500, { multiline: true }).optional(),
  tiers: tiersField,
});
export const recoveryPlanPatchSchema = recoveryPlanSchema.partial();

/**
 * POST /recovery-runs (and its pre-flight review): the groups by id (one tier), every group of
 * the tenant replicating from a site (one tier), or a saved plan (its tiers). Latest
 * checkpoints; live options as a single failover's, commit manual by default so that a
 * person decides for the whole run.
 */
export const startRunSchema = z
  .object({
    type: z.enum(RUN_TYPES, { error: 'type must be test-failover, failover or move.' }),
    groupIds: z.array(idField('Group'), { error: 'groupIds must be a list of group ids.' })
      .min(1, { error: 'Choose at least one group.' })
      .max(RUN_LIMITS.groups, { error: `A run covers at most ${RUN_LIMITS.groups} groups.` })
      .optional(),
    sourceSiteId: idField('Source site').optional(),
    planId: idField('Plan').optional(),
    reason: displayText('Reason', 0, 500, { multiline: true }).optional(),
    shutdownSource: jsonBoolean('Shut down the source VMs').optional().default(true),
    shutdownGraceSeconds: wholeNumber('Grace period', SHUTDOWN_GRACE_SECONDS.min, SHUTDOWN_GRACE_SECONDS.max, 'seconds').optional(),
    reverseProtection: jsonBoolean('Reverse protection').optional(),
    commitPolicy: z.enum(COMMIT_POLICIES, { error: 'Commit policy must be manual, auto-commit or auto-rollback.' }).optional().default('manual'),
    commitTimeoutMinutes: wholeNumber('Commit timeout', 0, 1440, 'minutes').optional().default(60),
    /** Four-eyes approval: start a live run without waiting for approval; needs a reason. */
    breakGlass: jsonBoolean('breakGlass').optional().default(false),
  })
  .refine((v) => !v.breakGlass || (v.reason ?? '').length >= BREAK_GLASS_REASON.min, {
    error: `Break glass needs a written reason (${BREAK_GLASS_REASON.min}–500 characters).`,
    path: ['reason'],
  })
  .refine((v) => [v.groupIds, v.sourceSiteId, v.planId].filter((x) => x !== undefined).length === 1, {
    error: 'Name the groups one way: groupIds, sourceSiteId or planId.',
    path: ['groupIds'],
  })
  .refine((v) => !v.groupIds || new Set(v.groupIds).size === v.groupIds.length, {
    error: 'A group may appear only once.',
    path: ['groupIds'],
  });
export type StartRunInput = z.infer<typeof startRunSchema>;

/** POST /recovery-runs/{id}/stop-test: one result and note for every test of the run. */
export const stopRunTestsSchema = z.object({
  result: z.enum(TEST_RESULTS, { error: 'Result must be passed or failed.' }),
  notes: displayText('Notes', 0, 2000, { multiline: true }).optional(),
});

/** GET /recovery-runs */
export const listRunsQuerySchema = pagingSchema.extend({
  limit: wholeNumber('limit', 1, 100).optional().default(25),
  tenantId: idField('tenantId').optional(),
  status: z.enum(RUN_STATUSES, { error: `status must be one of ${RUN_STATUSES.join(', ')}.` }).optional(),
});

/** GET /what-if?siteId */
export const whatIfQuerySchema = z.object({
  siteId: idField('Site'),
  tenantId: idField('tenantId').optional(),
  planId: idField('Plan').optional(),
});
