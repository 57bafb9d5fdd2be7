import 'server-only';
import { eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** `column = tenant` when the actor is scoped to a tenant; undefined (no filter) for service-wide staff. */
export function tenantFilter(column: SQLiteColumn, tenantId: string | null): SQL | undefined {
  return tenantId === null ? undefined : eq(column, tenantId);
}
