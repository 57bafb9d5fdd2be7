import { pgTable, text, json, index } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { tenants } from './tenants';
import { APPROVAL_KINDS, APPROVAL_STATUSES, GATED_TYPES } from '../../../lib/schemas/approvals';
import { ROLES } from '../../../lib/schemas/users';

/**
 * A request to start a live failover, move or failback (of one group, or a recovery run of
 * several) that waits for a second administrator (issue 17). The stored request is what the
 * requester asked for; approving it re-validates it and starts it as the requester would have.
 */
export const approvals = pgTable(
  'approvals',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: APPROVAL_KINDS }).notNull(),
    /** The operation (or run) type asked for: failover (a failback on a reversed group), move, failback. */
    type: text('type', { enum: GATED_TYPES }).notNull(),
    groupIds: json('group_ids').$type<string[]>().notNull(),
    /** The validated start request (single: the operation body; run: the run body and its resolved tiers). */
    request: json('request').$type<Record<string, unknown>>().notNull(),
    reason: text('reason'),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    requestedByEmail: text('requested_by_email').notNull(),
    requestedByRole: text('requested_by_role', { enum: ROLES }).notNull(),
    requestedActingAsStaff: flag('requested_acting_as_staff').notNull().default(false),
    /** Real time: a person decides, whatever speed the simulator runs at. */
    requestedAt: timestamp('requested_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    decidedBy: text('decided_by'),
    decidedByEmail: text('decided_by_email'),
    decidedAt: timestamp('decided_at'),
    comment: text('comment'),
    /** What the approval started, or why it could not. */
    operationId: text('operation_id'),
    runId: text('run_id'),
    error: text('error'),
  },
  (t) => [index('approvals_tenant_status_idx').on(t.tenantId, t.status, t.requestedAt)],
);
