import { pgTable, integer } from 'drizzle-orm/pg-core';

/**
 * One row: the configuration version cached reads key on (as db/schema/config-version.ts);
 * kept by the triggers of db/pg/migrations 0003_config_version_triggers, as SQLite's 0023.
 */
export const configVersion = pgTable('config_version', {
  // The one row's id (1), as SQLite's integer primary key needs no value given.
  id: integer('id').primaryKey().$defaultFn(() => 1),
  n: integer('n').notNull().default(0),
});
