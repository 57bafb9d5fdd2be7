import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL migrations (issue 21, docs/postgresql.md), from db/pg/schema — the same intent
 * as db/schema, which drizzle.config.ts turns into the SQLite migrations. Generate with
 * `npx drizzle-kit generate --config drizzle.pg.config.ts --name NAME`.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema/index.ts',
  out: './db/pg/migrations',
});
