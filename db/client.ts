import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle, accepted wherever a DB is. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
export type Executor = DB | Tx;

export const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/**
 * Opens a SQLite database with the pragmas the app relies on: WAL so readers never block the
 * simulator's batched writes, foreign keys enforced, and a busy timeout instead of SQLITE_BUSY.
 */
export function openDatabase(file: string, { migrations = true }: { migrations?: boolean } = {}): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // The simulator rewrites recent RPO samples and checkpoints every second: a 64 MiB page cache
  // (default 2 MiB) and memory-mapped reads keep the pages that charts read hot.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema }) as DB;
  if (migrations) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}
