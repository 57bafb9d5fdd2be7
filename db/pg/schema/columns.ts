import { bigint, boolean, timestamp as pgTimestamp } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL counterparts of db/schema/columns.ts: the same JavaScript values on both
 * dialects, so domain code reads and writes either database alike.
 */

/** A point in time, read back as a Date: timestamptz with millisecond precision (SQLite: epoch ms). */
export const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/** Boolean (SQLite: 0/1). */
export const flag = (name: string) => boolean(name);

/**
 * Plain epoch milliseconds kept as a number (the simulated clock of high-volume rows: journal
 * checkpoints, RPO samples): int8, as SQLite's 64-bit integer; PostgreSQL's `integer` would end in 1970.
 */
export const epochMs = (name: string) => bigint(name, { mode: 'number' });
