/**
 * "Told once" for the events a check finds again and again (issue 16): a run still waiting for
 * its decision on every tick, a test still overdue on every pass, a window still starting
 * tomorrow. The mark (notification_marks: kind, subject, period) and the event are written in
 * one transaction, so a pass repeated, or run again after a restart, records nothing new; a
 * rolled-back pass leaves neither.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db';
import { notificationMarks } from '@/db/schema';
import { recordEvent, type OutboxEventInput } from './outbox';

export type Mark = { kind: string; subjectId: string; period: string };

export function isMarked(tx: Executor, mark: Mark): boolean {
  return !!tx.select({ k: notificationMarks.kind }).from(notificationMarks)
    .where(and(eq(notificationMarks.kind, mark.kind), eq(notificationMarks.subjectId, mark.subjectId), eq(notificationMarks.period, mark.period)))
    .get();
}

/**
 * Runs `record` (which records the event or events, returning the main event's id) unless
 * `mark` was recorded before; returns that id, or null when it had been told already. Call
 * inside a transaction, so the mark and the events commit together or not at all.
 */
export function onceOnly(tx: Executor, mark: Mark, nowMs: number, record: () => string): string | null {
  const inserted = tx.insert(notificationMarks).values({ ...mark, createdAt: new Date(nowMs) }).onConflictDoNothing().run();
  if (inserted.changes === 0) return null;
  const eventId = record();
  tx.update(notificationMarks).set({ eventId })
    .where(and(eq(notificationMarks.kind, mark.kind), eq(notificationMarks.subjectId, mark.subjectId), eq(notificationMarks.period, mark.period)))
    .run();
  return eventId;
}

/** One event, once per mark (see onceOnly). */
export function recordEventOnce(tx: Executor, mark: Mark, event: OutboxEventInput, nowMs: number): string | null {
  return onceOnly(tx, mark, nowMs, () => recordEvent(tx, event));
}
