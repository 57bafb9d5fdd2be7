import { pgTable, text, primaryKey } from 'drizzle-orm/pg-core';
import { flag, timestamp } from './columns';
import { users } from './users';
import { NOTIFICATION_EVENT_TYPES } from '../../../lib/schemas/notifications';

/**
 * A person's own e-mail choices (issue 16, preferences). Only the choices that differ from their
 * role's default (DEFAULT_EMAIL_PREFERENCES) are stored: a person who never touched the settings
 * has no rows and follows the defaults as they are now, so a change to a role's defaults (or to
 * the person's role) still reaches everyone who did not decide otherwise. "Reset to defaults"
 * deletes the rows. A row for a type the person's role is not offered (after a role change) is
 * ignored, never deleted by the change, so the choice comes back with the role.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    eventType: text('event_type', { enum: NOTIFICATION_EVENT_TYPES }).notNull(),
    /** true: e-mail me although my role's default is not to; false: do not, although it is. */
    email: flag('email').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.eventType] })],
);
