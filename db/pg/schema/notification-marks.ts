import { pgTable, text, index, primaryKey } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { users } from './users';

/**
 * What the scheduled notification checks (lib/domain/notifications/scheduled-checks.ts) and the
 * run driver have already told people, so a check that runs every pass, or again after a
 * restart, records each event once: one row per (kind, subject, period), e.g.
 * ('test.overdue', group id, the due date) or ('maintenance.tomorrow', window id, its start).
 * Written in the transaction that records the event. No foreign keys: marks outlive subjects.
 */
export const notificationMarks = pgTable(
  'notification_marks',
  {
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Which occurrence: a due date, a window's start; '' when the subject has only one. */
    period: text('period').notNull(),
    /** The event it recorded (outbox_events.id). */
    eventId: text('event_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId, t.period] })],
);

/**
 * The devices a person has signed in from (lib/auth/devices.ts), for "sign-in from a new
 * device". Only a hash of the browser family and the network prefix is kept, never the
 * user-agent or the address; the most recent 20 per person.
 */
export const userDevices = pgTable(
  'user_devices',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] }), index('user_devices_user_seen_idx').on(t.userId, t.lastSeenAt)],
);
