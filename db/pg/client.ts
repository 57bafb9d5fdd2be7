import pg from 'pg';
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema';
import { isPostgresUrl } from '../../lib/config';

/**
 * The PostgreSQL connection (issue 21, docs/postgresql.md): a node-postgres pool behind drizzle,
 * with db/pg/schema. Not used by the portal yet — the domain is synchronous (better-sqlite3) and
 * lib/config.ts refuses a postgres:// DATABASE_URL; this is the foundation the async data layer
 * builds on, exercised by db/pg/client.test.ts against a real server.
 */
export type PgDB = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'pg', 'migrations');

export { isPostgresUrl };

export type OpenPostgresOptions = {
  /** Apply db/pg/migrations (default true). */
  migrations?: boolean;
  /** Pool size (default 10). */
  max?: number;
  /** An idle connection's error (the server restarted, the network dropped): logged by default. A pool without a listener would crash the process. */
  onError?: (error: Error) => void;
};

/** Opens a pool to `url`, checks the server answers, and migrates it (under an advisory lock, see below). */
export async function openPostgres(url: string, { migrations = true, max = 10, onError }: OpenPostgresOptions = {}): Promise<PgDB> {
  if (!isPostgresUrl(url)) throw new Error('openPostgres needs a postgres:// or postgresql:// URL');
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'cloudshield' });
  pool.on('error', onError ?? ((error) => console.error('[cloudshield] PostgreSQL connection error:', error.message)));
  const db = drizzle(pool, { schema }) as PgDB;
  try {
    await pool.query('SELECT 1');
    if (migrations) await migratePostgres(db);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return db;
}

/**
 * Applies db/pg/migrations. Several portal instances may start at once against one server: an
 * advisory lock, held on one connection for the whole run, lets one migrate while the others
 * wait and then find nothing to do. (drizzle's migrator opens its own transaction on that
 * connection, so the lock is session-level and released by hand.)
 */
export async function migratePostgres(db: PgDB): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('cloudshield:migrate'))");
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('cloudshield:migrate'))");
    }
  } finally {
    client.release();
  }
}

export async function closePostgres(db: PgDB): Promise<void> {
  await db.$client.end();
}
