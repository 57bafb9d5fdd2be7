import { sql } from 'drizzle-orm';
import { pgTable, text, integer, json, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, NOTIFICATION_EVENT_TYPES } from '../../../lib/schemas/notifications';

/**
 * The transactional outbox (issue 16): an event is written by the change that causes it, in the
 * same transaction, so it exists exactly when the change does. Its id is the message id a
 * receiver de-duplicates by. No foreign keys: events outlive what they mention.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: NOTIFICATION_EVENT_TYPES }).notNull(),
    /** Null for provider events that belong to no tenant (a site going down). */
    tenantId: text('tenant_id'),
    payload: json('payload').$type<Record<string, unknown>>().notNull(),
    /** When it happened: the simulated clock for events about the estate, real time otherwise. */
    occurredAt: timestamp('occurred_at').notNull(),
    createdAt: timestamp('created_at').notNull(),
    /** When the webhook loop fanned the event out to the subscribed endpoints; null until then. */
    webhooksQueuedAt: timestamp('webhooks_queued_at'),
  },
  (t) => [
    index('outbox_events_tenant_idx').on(t.tenantId, t.createdAt),
    index('outbox_events_webhooks_due_idx').on(t.createdAt).where(sql`webhooks_queued_at is null`),
    /** Retention prunes the oldest events first. */
    index('outbox_events_created_idx').on(t.createdAt),
  ],
);

/** One delivery of an event over one channel to one recipient; the sender works through the pending ones. */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull().references(() => outboxEvents.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    /** An e-mail address for the email channel. */
    recipient: text('recipient').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at'),
    createdAt: timestamp('created_at').notNull(),
    /** The sender process holding this delivery while it sends it (a lease); null when free. */
    claimedBy: text('claimed_by'),
    /** Until when the lease holds: after a crash, another sender takes the delivery over after this. */
    claimedUntil: timestamp('claimed_until'),
  },
  (t) => [
    uniqueIndex('outbox_deliveries_event_channel_recipient_uq').on(t.eventId, t.channel, t.recipient),
    index('outbox_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** What the offline mailer (no SMTP_URL) kept instead of sending: the staff "Sent mail" view. */
export const sentMail = pgTable(
  'sent_mail',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    sentAt: timestamp('sent_at').notNull(),
    eventIds: json('event_ids').$type<string[]>().notNull(),
  },
  (t) => [index('sent_mail_sent_at_idx').on(t.sentAt)],
);
