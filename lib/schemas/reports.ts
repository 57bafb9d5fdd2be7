import { z } from 'zod';
import { tenantFilterSchema } from './common';
import { monthField } from './dates';

/** GET /reports/sla?month=YYYY-MM (defaults to the current month of the simulated clock). */
export const slaQuerySchema = tenantFilterSchema.extend({
  month: monthField.optional(),
});
export type SlaQuery = z.input<typeof slaQuerySchema>;
