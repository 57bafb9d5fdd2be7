import { z } from 'zod';
import { pagingSchema, tenantFilterSchema, timeRangeSchema } from './common';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;

/**
 * GET /audit: the trail newest first; `action` matches exactly or as a prefix ("group" → group.*);
 * `targetId` the entries about one thing (a group, an operation, a recovery run).
 */
export const listAuditQuerySchema = pagingSchema
  .extend(tenantFilterSchema.shape)
  .extend({
    action: z.string({ error: 'action must be text.' }).trim().min(1).max(100, { error: 'action must be at most 100 characters.' }).optional(),
    targetId: z.string({ error: 'targetId must be text.' }).trim().min(1).max(100, { error: 'targetId must be at most 100 characters.' }).optional(),
  })
  .and(timeRangeSchema);

/** Who can appear as an entry's actor role. */
export const AUDIT_ACTOR_ROLES = ['user', 'client_admin', 'staff', 'staff:acting-for-tenant', 'system'] as const;

/**
 * One audit entry as the API returns it (and the OpenAPI document describes it). The trail is
 * in the order entries were written: ids increase with it, and paging follows them, so two
 * entries of the same millisecond keep their order.
 */
export const auditEntrySchema = z.object({
  id: z.string().describe('Position in the trail: a later entry has a larger id (compare as numbers).'),
  time: z.string().describe('When the entry was written: real (wall-clock) time, ISO 8601 UTC.'),
  timeClock: z
    .enum(['real', 'simulated'])
    .describe('The clock `time` was read from: always real, except operation and service-request entries written before the trail had one clock, whose real time was not recorded.'),
  simulatedTime: z
    .string()
    .nullable()
    .describe('The simulated clock at that moment (the clock the portal shows), for entries about the replicated estate: operations, groups, checkpoints, alerts, service requests. Null otherwise.'),
  actorId: z.string().nullable().describe('The user who acted; "system" for the engine and its timers (auto-commit, auto-rollback, an operation finishing or failing); null when nobody was signed in (a failed sign-in).'),
  actorEmail: z.string().nullable().describe('The acting user\'s email; null for the system and for nobody signed in.'),
  actorRole: z.enum(AUDIT_ACTOR_ROLES).nullable().describe('"system" for the system; null when nobody was signed in.'),
  tenantId: z.string().nullable().describe('The tenant whose data the action touched; null for service-wide actions.'),
  action: z.string().describe('What happened, e.g. group.update, operation.start, operation.auto-commit, denied:<permission>.'),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable().describe('The target\'s human name when the entry was written (e.g. "Web tier", "Web tier — Test failover"); null when it has none or is not yours to see.'),
  outcome: z.enum(AUDIT_OUTCOMES),
  sourceIp: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable().describe('What else was recorded. For an aggregated entry, those of its first occurrence.'),
  count: z
    .number()
    .int()
    .min(1)
    .describe('How many times this happened: identical refusals and failures within a minute of the first are one entry with a count (action `audit.suppressed` counts a source\'s refusals or failures beyond 20 different ones in a minute). 1 for every other entry.'),
  lastTime: z.string().nullable().describe('When the last of `count` occurrences happened (real time); null when the entry stands for one.'),
});
export type AuditEntryDto = z.output<typeof auditEntrySchema>;

/** GET /audit answers a page of entries, newest first. */
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page.'),
});
