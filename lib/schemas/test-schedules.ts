import { z } from 'zod';
import { Cron } from 'croner';
import { jsonBoolean } from './common';
import { displayText, idField, wholeNumber } from './fields';

/**
 * Scheduled test failovers ("drills", issue 17): a cron schedule over some groups (or a saved
 * multi-group plan), each firing a test failover started by the system that stops itself after
 * its duration and records a result from the VMs' application checks.
 */
export const DRILL_CHECKPOINTS = ['latest', 'latest-app'] as const;
export type DrillCheckpoint = (typeof DRILL_CHECKPOINTS)[number];
export const DRILL_CHECKPOINT_LABEL: Record<DrillCheckpoint, string> = {
  latest: 'Latest checkpoint',
  'latest-app': 'Latest app-consistent checkpoint',
};

/** What a drill came to: `running` until it stopped itself; `skipped` names its reason. */
export const DRILL_RESULTS = ['passed', 'failed', 'skipped'] as const;
export type DrillResult = (typeof DRILL_RESULTS)[number];
export const DRILL_STATUSES = ['running', 'finished'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];
/** Why a drill did not run: a site down, a maintenance window, a group busy, the server down at the time, or a failed pre-flight. */
export const DRILL_SKIP_CODES = ['site-down', 'maintenance', 'busy', 'missed', 'preflight', 'no-groups'] as const;
export type DrillSkipCode = (typeof DRILL_SKIP_CODES)[number];
export const DRILL_SKIP_LABEL: Record<DrillSkipCode, string> = {
  'site-down': 'Site down',
  maintenance: 'Maintenance window',
  busy: 'Group in an operation',
  missed: 'Missed (server down)',
  preflight: 'Pre-flight failed',
  'no-groups': 'No groups left',
};

/** Simulated application checks run against each test VM once its boot group is up. */
export const APP_CHECK_KINDS = ['tcp-port', 'http-status', 'heartbeat', 'script-exit-code'] as const;
export type AppCheckKind = (typeof APP_CHECK_KINDS)[number];
export const APP_CHECK_KIND_LABEL: Record<AppCheckKind, string> = {
  'tcp-port': 'TCP port open',
  'http-status': 'HTTP status',
  heartbeat: 'Guest heartbeat',
  'script-exit-code': 'Script exit code',
};

export const DRILL_LIMITS = { groups: 50, durationMin: 5, durationMax: 24 * 60 } as const;

/** Five cron fields (minute hour day-of-month month day-of-week), in UTC. */
function cronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return 'Cron must have five fields: minute hour day-of-month month day-of-week (e.g. "0 2 * * 0").';
  try {
    const c = new Cron(expr, { timezone: 'UTC', paused: true });
    if (!c.nextRun(new Date(0))) return 'Cron never fires.';
  } catch (error) {
    return `Cron is not valid: ${(error as Error).message.replace(/^CronPattern: /, '')}.`;
  }
  return null;
}

/** The next `count` times the expression fires after `afterMs` (UTC), epoch ms; [] when it is not valid. */
export function cronNextRuns(expr: string, afterMs: number, count = 3): number[] {
  if (cronProblem(expr)) return [];
  return new Cron(expr, { timezone: 'UTC', paused: true }).nextRuns(count, new Date(afterMs)).map((d) => d.getTime());
}

/** Every time the expression fired in (afterMs, untilMs], oldest first, at most `max`. */
export function cronRunsBetween(expr: string, afterMs: number, untilMs: number, max = 10_000): number[] {
  const out: number[] = [];
  const c = new Cron(expr, { timezone: 'UTC', paused: true });
  let at = new Date(afterMs);
  while (out.length < max) {
    const next = c.nextRun(at);
    if (!next || next.getTime() > untilMs) break;
    out.push(next.getTime());
    at = next;
  }
  return out;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: string) => n.padStart(2, '0');
const num = /^\d+$/;
const list = (v: string, name?: (n: number) => string) => v.split(',').map((x) => (name && num.test(x) ? name(Number(x)) : x)).join(', ');

/** The expression in words for the common shapes ("At 02:00 UTC on Sunday"); the expression itself otherwise. */
export function describeCron(expr: string): string {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5 || cronProblem(expr)) return expr;
  const [min, hour, dom, month, dow] = f;
  let when: string;
  const step = /^\*\/(\d+)$/;
  if (step.test(min) && hour === '*') when = `Every ${step.exec(min)![1]} minutes`;
  else if (min === '*' && hour === '*') when = 'Every minute';
  else if (num.test(min) && hour === '*') when = `Every hour at minute ${min}`;
  else if (num.test(min) && step.test(hour)) when = `Every ${step.exec(hour)![1]} hours at minute ${min}`;
  else if (num.test(min) && /^[\d,]+$/.test(hour)) when = `At ${hour.split(',').map((h) => `${two(h)}:${two(min)}`).join(', ')} UTC`;
  else return expr;
  const parts = [when];
  if (dom !== '*') parts.push(`on day ${list(dom)} of the month`);
  if (month !== '*') parts.push(`in ${list(month, (n) => MONTH_NAMES[n - 1] ?? String(n))}`);
  if (dow !== '*') parts.push(`${dom !== '*' ? 'or' : 'on'} ${list(dow, (n) => DAY_NAMES[n % 7])}`);
  return parts.join(' ');
}

const cronField = z
  .string({ error: 'Cron must be text, e.g. "0 2 * * 0".' })
  .trim()
  .min(1, { error: 'Cron is required.' })
  .max(100, { error: 'Cron must be at most 100 characters.' })
  .superRefine((v, ctx) => {
    const problem = cronProblem(v);
    if (problem) ctx.addIssue(problem);
  });

const durationMinutes = wholeNumber('Duration', DRILL_LIMITS.durationMin, DRILL_LIMITS.durationMax, 'minutes');

/** Fires no more often than a drill lasts (a drill still running would only skip the next). */
function firesTooOften(v: { cron?: string; durationMinutes?: number }): boolean {
  if (!v.cron || v.durationMinutes === undefined || cronProblem(v.cron)) return false;
  // Two consecutive runs from a fixed point; a schedule's tightest gap shows within a week of slots.
  const runs = cronNextRuns(v.cron, Date.UTC(2030, 0, 1), 50);
  for (let i = 1; i < runs.length; i++) if (runs[i] - runs[i - 1] < v.durationMinutes * 60_000) return true;
  return false;
}
const tooOften = { error: 'Cron fires more often than the drill lasts: choose a wider schedule or a shorter duration.', path: ['cron'] };

const groupIds = z.array(idField('Group'), { error: 'groupIds must be a list of group ids.' })
  .min(1, { error: 'Choose at least one group.' })
  .max(DRILL_LIMITS.groups, { error: `A schedule covers at most ${DRILL_LIMITS.groups} groups.` })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'A group may appear only once.' });

/** POST /test-schedules: groups by id, or a saved plan (its groups, all at once). */
export const testScheduleCreateSchema = z
  .object({
    name: displayText('Name', 1, 100).optional(),
    groupIds: groupIds.optional(),
    planId: idField('Plan').optional(),
    cron: cronField,
    durationMinutes,
    checkpoint: z.enum(DRILL_CHECKPOINTS, { error: 'Checkpoint must be latest or latest-app.' }).optional().default('latest'),
  })
  .refine((v) => (v.groupIds === undefined) !== (v.planId === undefined), { error: 'Name the groups one way: groupIds or planId.', path: ['groupIds'] })
  .refine((v) => !firesTooOften(v), tooOften);
export type TestScheduleCreateInput = z.infer<typeof testScheduleCreateSchema>;

/** PATCH /test-schedules/{id}: pause or resume, or edit the timing. */
export const testSchedulePatchSchema = z
  .object({
    name: displayText('Name', 1, 100).optional(),
    paused: jsonBoolean('Paused').optional(),
    cron: cronField.optional(),
    durationMinutes: durationMinutes.optional(),
    checkpoint: z.enum(DRILL_CHECKPOINTS, { error: 'Checkpoint must be latest or latest-app.' }).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'Nothing to change: send paused, cron, durationMinutes, checkpoint or name.', path: ['paused'] })
  .refine((v) => !firesTooOften(v), tooOften);
export type TestSchedulePatchInput = z.infer<typeof testSchedulePatchSchema>;

/** POST /vms/{id}/check-faults (staff): force one check, or every check of the VM, to fail. */
export const checkFaultSchema = z.object({
  checkId: idField('Check').optional(),
  reason: displayText('Reason', 0, 500).optional(),
});
export type CheckFaultInput = z.infer<typeof checkFaultSchema>;
