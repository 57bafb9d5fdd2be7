import { z } from 'zod';
import { dateTime } from './dates';
import { idField, wholeNumber } from './fields';

/** `limit`/`cursor` paging of growing lists (checkpoints, audit trail...). */
export const pagingSchema = z.object({
  limit: wholeNumber('limit', 1, 500).optional().default(100),
  cursor: z.string({ error: 'cursor must be the nextCursor of a previous page.' }).max(200).optional(),
});

/** An optional `from`..`to` range; `from` must come before `to` when both are given. */
export const timeRangeSchema = z
  .object({ from: dateTime('from').optional(), to: dateTime('to').optional() })
  .refine((r) => !r.from || !r.to || r.from.getTime() < r.to.getTime(), { error: 'from must be before to.', path: ['from'] });

/** Staff may narrow a read to one tenant; client roles are pinned to theirs whatever they send. */
export const tenantFilterSchema = z.object({ tenantId: idField('tenantId').optional() });

/**
 * A yes/no in a JSON body: `true` or `false` only. A string "true" is a client bug (or a
 * "false" that would read as true somewhere else), so it is refused rather than guessed at.
 * Forms that post FormData convert their checkboxes themselves, explicitly.
 */
export const jsonBoolean = (label: string) => z.boolean({ error: `${label} must be true or false (a JSON boolean, not text).` });

/** A yes/no filter: "true"/"false"/"1"/"0" from a query string (all text), or a boolean from a page. */
export const queryBoolean = (label: string) =>
  z.union([z.boolean(), z.stringbool({ error: `${label} must be true or false.` })], { error: `${label} must be true or false.` });
