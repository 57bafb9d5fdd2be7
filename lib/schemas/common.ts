import { z } from 'zod';
import { idField, wholeNumber } from './fields';

/** `limit`/`cursor` paging of growing lists (checkpoints, audit trail...). */
export const pagingSchema = z.object({
  limit: wholeNumber('limit', 1, 500).optional().default(100),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).max(200).optional(),
});
export type PagingInput = z.input<typeof pagingSchema>;

/** An ISO 8601 date-time with a zone ("2025-03-01T12:00:00Z"); read as a Date. */
export const isoTime = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be an ISO 8601 date-time, e.g. 2025-03-01T12:00:00Z.` })
    .transform((s) => new Date(s));

/** An optional `from`..`to` range; `from` must come before `to` when both are given. */
export const timeRangeSchema = z
  .object({ from: isoTime('from').optional(), to: isoTime('to').optional() })
  .refine((r) => !r.from || !r.to || r.from.getTime() < r.to.getTime(), { error: 'from must be before to.', path: ['from'] });
export type TimeRangeInput = z.input<typeof timeRangeSchema>;

/** Staff may narrow a read to one tenant; client roles are pinned to theirs whatever they send. */
export const tenantFilterSchema = z.object({ tenantId: idField('tenantId').optional() });

/** `true`/`false` from JSON, or "true"/"false"/"1"/"0" from a query string. */
export const booleanParam = (label: string) =>
  z.union([z.boolean(), z.stringbool({ error: `${label} must be true or false.` })], { error: `${label} must be true or false.` });

/** A calendar month, YYYY-MM (SLA and compliance reports). */
export const monthField = z
  .string({ error: 'month must be YYYY-MM.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month must be a calendar month as YYYY-MM, e.g. 2025-03.' });
