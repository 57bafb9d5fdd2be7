import { z } from 'zod';
import { formatNumber } from '@/lib/format';
import { displayText, idField } from './fields';

export const REQUEST_KINDS = ['grow-resources', 'shrink-resources', 'other'] as const;
export const REQUEST_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const REQUEST_STATUSES = ['open', 'in-progress', 'resolved', 'cancelled'] as const;

/** Resource change asked for by a grow/shrink request: deltas applied to a vDC when resolved. */
export type ResourceChange = { vdcId: string; vcpuGhz?: number; memoryGb?: number; storageGb?: number; guaranteedIops?: number };

/**
 * Service requests: shared by /api/v1/requests, the portal's "raise a request" form and the
 * staff queue. Resource amounts are positive; the kind (grow/shrink) gives the sign.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const numericText = /^\s*\d+(\.\d+)?\s*$/;

/** A non-negative amount; "" or absent means "no change to this resource". */
const amount = (label: string, unit: string, max: number, whole = false) =>
  z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      return typeof b === 'string' && numericText.test(b) ? Number(b) : b;
    },
    (whole ? z.number({ error: `${label} must be a number of ${unit}.` }).int({ error: `${label} must be a whole number of ${unit}.` }) : z.number({ error: `${label} must be a number of ${unit}.` }))
      .min(0, { error: `${label} cannot be negative; choose grow or shrink instead.` })
      .max(max, { error: `${label} must be at most ${formatNumber(max)} ${unit}.` })
      .optional(),
  );

export const resourceChangeSchema = z.object({
  vcpuGhz: amount('vCPU', 'GHz', 100_000),
  memoryGb: amount('Memory', 'GB', 1_000_000),
  storageGb: amount('Storage', 'GB', 100_000_000),
  guaranteedIops: amount('Guaranteed IOPS', 'IOPS', 10_000_000, true),
});

export const requestCreateSchema = z
  .object({
    kind: z.enum(REQUEST_KINDS, { error: `Kind must be one of ${REQUEST_KINDS.join(', ')}.` }),
    priority: z.enum(REQUEST_PRIORITIES, { error: `Priority must be one of ${REQUEST_PRIORITIES.join(', ')}.` }),
    title: displayText('Title', 3, 120),
    description: displayText('Details', 1, 4000, { multiline: true }),
    vdcId: z.preprocess(blankToUndefined, idField('Virtual datacentre').optional()),
    change: resourceChangeSchema.optional(),
    /** Staff raising a request for a tenant without acting for it; ignored for client roles. */
    tenantId: z.preprocess(blankToUndefined, idField('tenantId').optional()),
  })
  // Growing or shrinking needs the vDC and an amount; "other" needs neither.
  .refine((r) => r.kind === 'other' || !!r.vdcId, { error: 'Choose the virtual datacentre to grow or shrink.', path: ['vdcId'] })
  .refine((r) => r.kind === 'other' || [r.change?.vcpuGhz, r.change?.memoryGb, r.change?.storageGb, r.change?.guaranteedIops].some((v) => (v ?? 0) > 0), {
    error: 'Give at least one resource amount above 0.',
    path: ['change'],
  });

export const requestUpdateSchema = z
  .object({
    /** A staff user's id, or null to unassign. */
    assignedTo: z.preprocess((v) => (v === '' ? null : v), idField('Assigned to').nullable().optional()),
    status: z.preprocess(blankToUndefined, z.enum(REQUEST_STATUSES, { error: `Status must be one of ${REQUEST_STATUSES.join(', ')}.` }).optional()),
    /** Note recorded as a comment with the status change (what was done, why cancelled). */
    note: z.preprocess(blankToUndefined, displayText('Note', 1, 4000, { multiline: true }).optional()),
  })
  .strict()
  .refine((u) => u.assignedTo !== undefined || u.status !== undefined || u.note !== undefined, {
    error: 'Send assignedTo, status or note.',
    path: ['(body)'],
  });

export const requestCommentSchema = z.object({ body: displayText('Comment', 1, 4000, { multiline: true }) });

export const requestListSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum([...REQUEST_STATUSES, 'active'], { error: 'status must be open, in-progress, resolved, cancelled or active.' }).optional()),
  tenantId: z.preprocess(blankToUndefined, idField('tenantId').optional()),
});

export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

/**
 * Response targets of the service description. P1/P2 run on the wall clock (an outage does not
 * wait for Monday); P3/P4 count business days, which skip Saturdays and Sundays.
 */
export const RESPONSE_TARGETS: Record<RequestPriority, { label: string; hours?: number; businessDays?: number }> = {
  P1: { label: '1 hour', hours: 1 },
  P2: { label: '4 hours', hours: 4 },
  P3: { label: '1 business day', businessDays: 1 },
  P4: { label: '3 business days', businessDays: 3 },
};
