import { z } from 'zod';
import { OPERATION_TYPES } from './operations';
import { tenantFilterSchema } from './common';
import { calendarDate, monthField } from './dates';
import { idField } from './fields';
import { TEST_RESULTS } from './operations';

/** GET /reports/sla?month=YYYY-MM (defaults to the current month of the simulated clock). */
export const slaQuerySchema = tenantFilterSchema.extend({
  month: monthField.optional(),
});

/** A filter form sends "" for "All …": the same as leaving the filter out. */
const optionalParam = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * GET /reports/recovery and the portal's recovery report (page and CSV): every test failover,
 * live failover, move and failback, filtered. `result`: `passed` is a test that passed or a live
 * operation that completed; `failed` is a test that failed or any operation that failed.
 * Days are UTC and inclusive.
 */
export const recoveryReportQuerySchema = tenantFilterSchema
  .extend({
    type: optionalParam(z.enum(OPERATION_TYPES, { error: 'type must be test-failover, failover, move or failback.' })),
    groupId: optionalParam(idField('groupId')),
    result: optionalParam(z.enum(TEST_RESULTS, { error: 'result must be passed or failed.' })),
    from: optionalParam(calendarDate('from')),
    to: optionalParam(calendarDate('to')),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'from must be on or before to.', path: ['from'] });
export type RecoveryReportQuery = z.output<typeof recoveryReportQuerySchema>;
