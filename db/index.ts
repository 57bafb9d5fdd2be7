import { openDatabase, type DB } from './client';
import { databasePath, serverConfig } from '@/lib/config';

export type { DB, Tx, Executor } from './client';

const globalForDb = globalThis as unknown as { __cloudshieldDb?: DB };

/**
 * The server's database, opened (and migrated) once per process. Survives Next's module
 * re-evaluation in dev through globalThis.
 */
export function getDb(): DB {
  if (!globalForDb.__cloudshieldDb) {
    globalForDb.__cloudshieldDb = openDatabase(databasePath(serverConfig().DATABASE_URL));
  }
  return globalForDb.__cloudshieldDb;
}
