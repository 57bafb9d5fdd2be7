import { pgTable, text, index } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { users } from './users';

/**
 * Browser sessions signed out one by one: the `sid` claim of their JWT cookie, refused from then
 * on. Kept until the cookie could no longer be used anyway (its absolute lifetime), then pruned.
 * "Sign out everywhere" and an administrator's changes bump users.session_version instead.
 */
export const endedSessions = pgTable(
  'ended_sessions',
  {
    sid: text('sid').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    endedAt: timestamp('ended_at').notNull(),
    /** After this the cookie is past its absolute lifetime: the row can go. */
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('ended_sessions_expires_idx').on(t.expiresAt)],
);
