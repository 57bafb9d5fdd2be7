import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';

/**
 * One row: a counter that goes up with every change of the tenants' configuration that cached
 * reads depend on (groups' settings and sites, membership, VMs, their disks and NICs, recovery
 * vDCs and volumes), never with replication state. Triggers of migration
 * 0023_render_config_version keep it, so every writer counts (the domain, operations' effects,
 * seeds, scripts, another connection). lib/domain/core/read-cache.ts `cachedConfigRead` keys on it.
 */
export const configVersion = sqliteTable('config_version', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull().default(0),
});
