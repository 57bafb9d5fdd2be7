import { pgTable, text, json } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';

/** Simulator runtime state (clock, PRNG, per-group replication snapshot), keyed by name. */
export const simState = pgTable('sim_state', {
  key: text('key').primaryKey(),
  value: json('value').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
