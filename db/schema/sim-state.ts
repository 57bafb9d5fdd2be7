import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/** Simulator runtime state (clock, PRNG, per-group replication snapshot), keyed by name. */
export const simState = sqliteTable('sim_state', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
