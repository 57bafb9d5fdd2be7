import { z } from 'zod';
import { jsonBoolean } from './common';
import { displayText, idField, wholeNumber } from './fields';

/**
 * Four-eyes approval of live failovers, moves and failbacks (issue 17). A request waits
 * `pending` until another administrator approves or rejects it, or until it expires. An approved
 * request that could no longer start (its checkpoint left the journal, a pre-flight check fails)
 * is `approved-failed`, with the reason.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'approved-failed'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABEL: Record<ApprovalStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  'approved-failed': 'Approved, could not start',
};

/** What waits: one group's operation, or a recovery run over several groups. */
export const APPROVAL_KINDS = ['operation', 'run'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** The operation types that need approval when the tenant's setting is on; a test failover never does. */
export const GATED_TYPES = ['failover', 'move', 'failback'] as const;
export type GatedType = (typeof GATED_TYPES)[number];

/**
 * Minutes a request waits before it expires. Wall-clock (real) minutes, not the simulated clock:
 * the approver is a person, whatever speed the simulator runs at.
 */
export const APPROVAL_TIMEOUT_MINUTES = { min: 5, max: 1440, default: 30 } as const;

/** GET/PATCH /tenant: the tenant's own settings. */
export const tenantSettingsPatchSchema = z
  .object(
    {
      liveFailoverApproval: jsonBoolean('liveFailoverApproval').optional(),
      approvalTimeoutMinutes: wholeNumber('Approval timeout', APPROVAL_TIMEOUT_MINUTES.min, APPROVAL_TIMEOUT_MINUTES.max, 'minutes').optional(),
      providerMayApprove: jsonBoolean('providerMayApprove').optional(),
    },
    { error: 'Send a JSON object.' },
  )
  .refine((v) => v.liveFailoverApproval !== undefined || v.approvalTimeoutMinutes !== undefined || v.providerMayApprove !== undefined, {
    error: 'Send liveFailoverApproval, approvalTimeoutMinutes or providerMayApprove.',
    path: ['liveFailoverApproval'],
  });
export type TenantSettingsPatch = z.infer<typeof tenantSettingsPatchSchema>;

/** POST /approvals/{id}/approve and /reject. */
export const approvalDecisionSchema = z.object({ comment: displayText('Comment', 0, 1000, { multiline: true }).optional() }, { error: 'Send a JSON object.' });

/** GET /approvals */
export const listApprovalsQuerySchema = z.object({
  status: z.enum(APPROVAL_STATUSES, { error: `status must be one of ${APPROVAL_STATUSES.join(', ')}.` }).optional(),
  tenantId: idField('tenantId').optional(),
  limit: wholeNumber('limit', 1, 200).optional().default(50),
});

/** The start-request fields of break glass: proceed without approval, with a written reason. */
export const breakGlassField = jsonBoolean('breakGlass').optional().default(false);
