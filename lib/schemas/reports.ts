import { z } from 'zod';
import { tenantFilterSchema } from './common';

/** GET /reports/sla?month=YYYY-MM (defaults to the current month of the simulated clock). */
export const slaQuerySchema = tenantFilterSchema.extend({
  month: z
    .string({ error: 'month must be YYYY-MM.' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month must be a calendar month as YYYY-MM, e.g. 2025-03.' })
    .optional(),
});
export type SlaQuery = z.input<typeof slaQuerySchema>;
