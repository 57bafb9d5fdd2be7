import { z } from 'zod';
import { BREAK_GLASS_REASON, COMMIT_POLICIES, SHUTDOWN_GRACE_SECONDS } from './operation-limits';
import { jsonBoolean, pagingSchema } from './common';
import { dateTime } from './dates';
import { displayText, idField, wholeNumber } from './fields';

import { OPERATION_TYPE_LABEL, OPERATION_TYPES, type OperationType } from './vocabulary';

// Zod-free (the browser imports them from ./vocabulary).
export { OPERATION_TYPE_LABEL, OPERATION_TYPES, type OperationType };

export const OPERATION_STATUSES = ['pending', 'running', 'testing', 'awaiting-commit', 'completed', 'rolled-back', 'failed'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const OPEN_OPERATION_STATUSES = ['pending', 'running', 'testing', 'awaiting-commit'] as const;
export const STEP_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;

export { COMMIT_POLICIES };

/** What a person records when a test failover ends. */
export const TEST_RESULTS = ['passed', 'failed'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/**
 * The recovery point: a checkpoint id, or any point in the journal (`pointInTime`, resolved to
 * the newest checkpoint at or before it). Neither = the latest checkpoint.
 */
const pointFields = {
  checkpointId: idField('Checkpoint').optional(),
  pointInTime: dateTime('Point in time').optional(),
};
const onePoint = <T extends { checkpointId?: string; pointInTime?: Date }>(v: T) => !(v.checkpointId && v.pointInTime);
const onePointError = { error: 'Give either checkpointId or pointInTime, not both.', path: ['pointInTime'] };

/**
 * Four-eyes approval (issue 17): a live start may say why (`reason`, shown to the approver), and
 * with `breakGlass: true` proceed without waiting for approval, which needs a written reason.
 */
const approvalFields = {
  reason: displayText('Reason', 0, BREAK_GLASS_REASON.max, { multiline: true }).optional(),
  breakGlass: jsonBoolean('breakGlass').optional().default(false),
};
const breakGlassNeedsReason = (v: { breakGlass?: boolean; reason?: string }) => !v.breakGlass || (v.reason ?? '').length >= BREAK_GLASS_REASON.min;
export const breakGlassReasonError = {
  error: `Break glass needs a written reason (${BREAK_GLASS_REASON.min}–${BREAK_GLASS_REASON.max} characters).`,
  path: ['reason'],
};

/** POST /groups/{id}/test-failover */
export const testFailoverSchema = z.object(pointFields).refine(onePoint, onePointError);

/** Graceful guest shutdown of the source VMs, then a forced power-off of those still running. */
const shutdownGraceSeconds = wholeNumber('Grace period', SHUTDOWN_GRACE_SECONDS.min, SHUTDOWN_GRACE_SECONDS.max, 'seconds')
  .optional()
  .default(SHUTDOWN_GRACE_SECONDS.default);

const commitFields = {
  commitPolicy: z.enum(COMMIT_POLICIES, { error: 'Commit policy must be manual, auto-commit or auto-rollback.' }),
  /** Minutes after the VMs are up before an auto policy acts (0 = at once). Ignored for manual. */
  commitTimeoutMinutes: wholeNumber('Commit timeout', 0, 1440, 'minutes'),
};

/**
 * POST /groups/{id}/failover and /failback. Defaults: shut the source down (gracefully, forced
 * after 300 s), no reverse, manual 60 min.
 */
export const failoverSchema = z
  .object({
    ...pointFields,
    shutdownGraceSeconds,
    shutdownSource: jsonBoolean('Shut down the source VMs').optional().default(true),
    reverseProtection: jsonBoolean('Reverse protection').optional().default(false),
    commitPolicy: commitFields.commitPolicy.optional().default('manual'),
    commitTimeoutMinutes: commitFields.commitTimeoutMinutes.optional().default(60),
    ...approvalFields,
  })
  .refine(onePoint, onePointError)
  .refine(breakGlassNeedsReason, breakGlassReasonError);

/**
 * POST /groups/{id}/move: planned migration. The source is always shut down and synced (no data
 * loss), so there is no recovery point to choose. Like a planned move in Zerto, it reverses
 * protection and commits itself unless told otherwise.
 */
export const moveSchema = z.object({
  shutdownGraceSeconds,
  reverseProtection: jsonBoolean('Reverse protection').optional().default(true),
  commitPolicy: commitFields.commitPolicy.optional().default('auto-commit'),
  commitTimeoutMinutes: commitFields.commitTimeoutMinutes.optional().default(0),
  ...approvalFields,
}).refine(breakGlassNeedsReason, breakGlassReasonError);

/** POST /operations/{id}/stop-test */
export const stopTestSchema = z.object({
  result: z.enum(TEST_RESULTS, { error: 'Result must be passed or failed.' }),
  notes: displayText('Notes', 0, 2000, { multiline: true }).optional(),
});

/**
 * POST /operations/{id}/rollback. Refused while production is offline (the recovered VMs are
 * then the only running copy) unless `breakGlass` is true with a written `reason`, which is
 * audited and shown on the operation.
 */
export const rollbackSchema = z
  .object({
    breakGlass: jsonBoolean('breakGlass').optional().default(false),
    reason: displayText('Reason', BREAK_GLASS_REASON.min, BREAK_GLASS_REASON.max, { multiline: true }).optional(),
  })
  .refine((v) => !v.breakGlass || v.reason !== undefined, {
    error: `A break-glass rollback needs a reason (${BREAK_GLASS_REASON.min}–${BREAK_GLASS_REASON.max} characters).`,
    path: ['reason'],
  });

/** GET /groups/{id}/preflight?type&checkpointId|pointInTime */
export const preflightQuerySchema = z
  .object({
    type: z.enum(OPERATION_TYPES, { error: 'type must be test-failover, failover, move or failback.' }),
    ...pointFields,
  })
  .refine(onePoint, onePointError);

/** GET /operations */
export const listOperationsQuerySchema = pagingSchema.extend({
  limit: wholeNumber('limit', 1, 200).optional().default(50),
  groupId: idField('groupId').optional(),
  tenantId: idField('tenantId').optional(),
  type: z.enum(OPERATION_TYPES, { error: 'type must be test-failover, failover, move or failback.' }).optional(),
  status: z.enum(OPERATION_STATUSES, { error: `status must be one of ${OPERATION_STATUSES.join(', ')}.` }).optional(),
});
