import { z } from 'zod';
import { tenantFilterSchema } from './common';
import { idField, wholeNumber } from './fields';

export const ALERT_LEVELS = ['warning', 'error'] as const;
export const ALERT_CODES = [
  'rpo-warning',
  'rpo-breach',
  'history-not-met',
  'site-down',
  'link-down',
  'continuous-writer',
  'initial-sync-stalled',
  'test-overdue',
  'operation-failed',
  /** An auto-commit/auto-rollback whose deadline passed while a site made it unsafe (lib/operations/decision-guard). */
  'operation-held',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export const ALERT_STATUS_FILTERS = ['open', 'resolved', 'all'] as const;

/** GET /alerts: open and recent alerts, newest first. */
export const listAlertsQuerySchema = tenantFilterSchema.extend({
  status: z.enum(ALERT_STATUS_FILTERS, { error: 'status must be open, resolved or all.' }).optional().default('all'),
  groupId: idField('groupId').optional(),
  limit: wholeNumber('limit', 1, 500).optional().default(100),
});
