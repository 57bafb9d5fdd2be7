import { z } from 'zod';
import { pagingSchema, tenantFilterSchema, timeRangeSchema } from './common';

/** GET /audit: the trail newest first; `action` matches exactly or as a prefix ("group" → group.*). */
export const listAuditQuerySchema = pagingSchema
  .extend(tenantFilterSchema.shape)
  .extend({ action: z.string({ error: 'action must be text.' }).trim().min(1).max(100, { error: 'action must be at most 100 characters.' }).optional() })
  .and(timeRangeSchema);
export type ListAuditQuery = z.input<typeof listAuditQuerySchema>;
