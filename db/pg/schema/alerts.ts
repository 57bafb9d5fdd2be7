import { pgTable, text, index } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { protectionGroups } from './groups';
import { sites } from './sites';
import { tenants } from './tenants';
import { ALERT_LEVELS, ALERT_CODES } from '../../../lib/schemas/alerts';

/**
 * Alerts raised by the simulator or the domain. An alert is open until `resolvedAt`;
 * rpo-breach rows double as the breach history (raisedAt..resolvedAt).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    groupId: text('group_id').references(() => protectionGroups.id, { onDelete: 'cascade' }),
    siteId: text('site_id').references(() => sites.id),
    vmId: text('vm_id'),
    code: text('code', { enum: ALERT_CODES }).notNull(),
    level: text('level', { enum: ALERT_LEVELS }).notNull(),
    message: text('message').notNull(),
    raisedAt: timestamp('raised_at').notNull(),
    resolvedAt: timestamp('resolved_at'),
    acknowledgedAt: timestamp('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    index('alerts_tenant_open_idx').on(t.tenantId, t.resolvedAt, t.raisedAt),
    index('alerts_group_idx').on(t.groupId, t.code, t.resolvedAt),
  ],
);
