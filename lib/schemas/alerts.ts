import { z } from 'zod';
import { tenantFilterSchema } from './common';
import { idField, wholeNumber } from './fields';

export const ALERT_STATUS_FILTERS = ['open', 'resolved', 'all'] as const;

/** GET /alerts: open and recent alerts, newest first. */
export const listAlertsQuerySchema = tenantFilterSchema.extend({
  status: z.enum(ALERT_STATUS_FILTERS, { error: 'status must be open, resolved or all.' }).optional().default('all'),
  groupId: idField('groupId').optional(),
  limit: wholeNumber('limit', 1, 500).optional().default(100),
});
