import Database from 'better-sqlite3';
import { BetterSQLiteTransaction, drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { inTransactionScope } from './after-commit';

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
  scopeTransactions(sqlite);
  const db = drizzle(sqlite, { schema }) as DB;
  if (migrations) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

type NativeTx = ((...args: unknown[]) => unknown) & Record<'default' | 'deferred' | 'immediate' | 'exclusive', (...args: unknown[]) => unknown>;

/**
 * Every transaction of this connection, and drizzle's savepoints, run as a frame of
 * db/after-commit.ts: work queued inside (the live stream's announcements) runs after COMMIT, or
 * never when the transaction rolls back.
 */
function scopeTransactions(sqlite: Database.Database): void {
  const native = sqlite.transaction.bind(sqlite) as (fn: (...args: unknown[]) => unknown) => NativeTx;
  const wrap = (call: (...args: unknown[]) => unknown) => (...args: unknown[]) => inTransactionScope(() => call(...args));
  sqlite.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = native(fn);
    return Object.assign(wrap(tx), {
      default: wrap(tx.default),
      deferred: wrap(tx.deferred),
      immediate: wrap(tx.immediate),
      exclusive: wrap(tx.exclusive),
      database: sqlite,
    });
  }) as typeof sqlite.transaction;
  const proto = BetterSQLiteTransaction.prototype as unknown as { transaction: (fn: unknown) => unknown; __scoped?: true };
  if (!proto.__scoped) {
    const nested = proto.transaction;
    proto.transaction = function (this: unknown, fn: unknown) {
      return inTransactionScope(() => nested.call(this, fn));
    };
    proto.__scoped = true;
  }
}
