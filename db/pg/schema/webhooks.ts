import { pgTable, text, integer, json, index } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { tenants } from './tenants';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_DELIVERY_TRIGGERS } from '../../../lib/schemas/webhooks';

/**
 * Where signed webhooks are sent: a tenant's endpoint (its client administrators') or, with no
 * tenant, a provider endpoint (staff's). The secret (`whsec_…`) is stored encrypted
 * (AES-256-GCM, `v1:` prefix, key derived from the server secret: secret-box.ts); it is shown to
 * its owner only once, at creation.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The event types delivered, e.g. ["site.down", "rpo.breach"]. */
    events: json('events').$type<string[]>().notNull(),
    secret: text('secret').notNull(),
    description: text('description'),
    enabled: flag('enabled').notNull().default(true),
    /** Why it was disabled (set by the system after 24 h of failures, or by its owner). */
    disabledReason: text('disabled_reason'),
    /** Since when every attempt failed; null after a success. */
    failingSince: timestamp('failing_since'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

/**
 * One row per delivery attempt. A pending row is an attempt due at `nextAttemptAt`; sending it
 * records the outcome on it and, when it failed and the 24 h window allows, writes the next
 * attempt as a new pending row. `messageId` is the `webhook-id`: the same for every attempt and
 * redelivery of one event, so the receiver can de-duplicate.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body sent: { type, timestamp, data }. */
    payload: json('payload').$type<{ type: string; timestamp: string; data: unknown }>().notNull(),
    trigger: text('trigger', { enum: WEBHOOK_DELIVERY_TRIGGERS }).notNull().default('event'),
    attempt: integer('attempt').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms'),
    error: text('error'),
    /** When this (pending) attempt is due; null once made. */
    nextAttemptAt: timestamp('next_attempt_at'),
    /** When the first attempt of this event to this endpoint was due: retries stop 24 h after it. */
    firstAttemptAt: timestamp('first_attempt_at').notNull(),
    /** When the row was written (an attempt scheduled or made). */
    createdAt: timestamp('created_at').notNull(),
    /** When the attempt was made; null while pending. */
    attemptedAt: timestamp('attempted_at'),
    deliveredAt: timestamp('delivered_at'),
    /** The process sending this (pending) attempt right now (a lease); null when free. */
    claimedBy: text('claimed_by'),
    /** Until when the lease holds: after a crash, the loop takes the attempt over after this. */
    claimedUntil: timestamp('claimed_until'),
  },
  (t) => [
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
