/**
 * "Recovery run awaiting your decision" (issue 16): once every live group of a live failover or
 * move run waits for its commit or rollback (nothing still waiting for its tier, nothing still
 * running), its people are told once per run, not on every tick, with the time left in the
 * commit window (the soonest deadline among the groups' auto policies). A mark in
 * notification_marks makes it once: a later tick, a group decided and the rest waiting again,
 * or a restart records nothing new.
 */
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DB } from '@/db';
import { operations } from '@/db/schema';
import { commitTimeLeftSeconds } from '@/lib/operations/commit-window';
import { formatDateTime, formatDuration } from '@/lib/format';
import { RUN_TYPE_LABEL } from '@/lib/schemas/recovery-runs';
import { isMarked, recordEventOnce } from '@/lib/domain/notifications/marks';
import { loadRunGroups, type RunRow } from './run-read';

const OPEN = new Set(['pending', 'running', 'testing', 'awaiting-commit']);

/** Records `run.awaiting-decision` for the run when its live groups all wait for a decision (once); returns the event id when it did. */
export function notifyRunAwaitingDecision(db: DB, run: RunRow, nowMs: number): string | null {
  // A test run waits for "stop test", not for commit or rollback.
  if (run.type === 'test-failover' || run.status !== 'in-progress') return null;
  const mark = { kind: 'run.awaiting-decision', subjectId: run.id, period: '' };
  if (isMarked(db, mark)) return null; // told already: no write on every later tick
  const groups = loadRunGroups(db, [run.id]).get(run.id) ?? [];
  if (groups.some((g) => g.state === 'waiting')) return null;
  const opIds = groups.flatMap((g) => (g.state === 'started' && g.operationId ? [g.operationId] : []));
  if (!opIds.length) return null;
  const open = db.select({ id: operations.id, status: operations.status, commitDeadline: operations.commitDeadline, options: operations.options })
    .from(operations).where(inArray(operations.id, opIds)).all().filter((o) => OPEN.has(o.status));
  if (!open.length || open.some((o) => o.status !== 'awaiting-commit')) return null;
  const deadlines = open.flatMap((o) => (o.commitDeadline ? [o.commitDeadline.getTime()] : []));
  const soonest = deadlines.length ? Math.min(...deadlines) : null;
  const manual = open.length - deadlines.length;
  const what = `${RUN_TYPE_LABEL[run.type]} run${run.planName ? ` of the plan ${run.planName}` : ''}`;
  const left = commitTimeLeftSeconds(soonest, nowMs);
  const window = soonest === null
    ? 'No deadline: the manual policy waits for a person to decide.'
    : `Time left to decide: ${formatDuration(left)} (the first automatic decision at ${formatDateTime(soonest)})${manual ? `; ${manual} group(s) under the manual policy wait without a deadline` : ''}.`;
  const summary = `The ${what.toLowerCase()} is awaiting a decision: ${open.length} group(s) to commit or roll back. ${window}`;
  return db.transaction((tx) => recordEventOnce(tx, mark, {
    type: 'run.awaiting-decision', tenantId: run.tenantId, occurredAt: nowMs,
    payload: {
      runId: run.id, runType: run.type, subject: what, summary, groupsAwaiting: open.length,
      commitDeadline: soonest === null ? null : new Date(soonest).toISOString(), commitTimeLeftSeconds: left,
    },
  }, nowMs));
}
