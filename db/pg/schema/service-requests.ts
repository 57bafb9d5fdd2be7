import { pgTable, text, json, index } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { tenants, vdcs } from './tenants';
import { REQUEST_KINDS, REQUEST_PRIORITIES, REQUEST_STATUSES, type ResourceChange } from '../../../lib/schemas/requests';

export const serviceRequests = pgTable(
  'service_requests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REQUEST_KINDS }).notNull(),
    priority: text('priority', { enum: REQUEST_PRIORITIES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('open'),
    vdcId: text('vdc_id').references(() => vdcs.id),
    resourceChange: json('resource_change').$type<ResourceChange>(),
    requestedBy: text('requested_by').notNull(),
    assignedTo: text('assigned_to'),
    createdAt: timestamp('created_at').notNull(),
    respondBy: timestamp('respond_by').notNull(),
    resolvedAt: timestamp('resolved_at'),
  },
  (t) => [index('service_requests_tenant_idx').on(t.tenantId, t.status), index('service_requests_queue_idx').on(t.status, t.respondBy)],
);

export const serviceRequestComments = pgTable(
  'service_request_comments',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().references(() => serviceRequests.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    authorEmail: text('author_email').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('service_request_comments_request_idx').on(t.requestId, t.createdAt)],
);
