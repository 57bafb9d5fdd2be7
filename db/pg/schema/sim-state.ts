import { pgTable, text, jsonb } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';

/** Simulator runtime state (clock, PRNG, per-group replication snapshot), keyed by name. */
export const simState = pgTable('sim_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});
