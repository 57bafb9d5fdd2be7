import { integer } from 'drizzle-orm/sqlite-core';

/** A point in time stored as epoch milliseconds, read back as a Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** Boolean stored as 0/1. */
export const flag = (name: string) => integer(name, { mode: 'boolean' });
