/**
 * Persistence of operations: rows of `operations` and `operation_steps` to machine state and
 * back. Saving writes only what changed (steps are diffed by position).
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { operations, operationSteps } from '@/db/schema';
import { OPEN_OPERATION_STATUSES } from '@/lib/schemas/operations';
import { newId } from '@/lib/ids';
import { UnresumableError } from './machine';
import { operationOptionsSchema, type OperationOptions, type OperationState, type Step } from './types';

export type OperationRow = typeof operations.$inferSelect;
export type StepRow = typeof operationSteps.$inferSelect;

const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null) => (n === null ? null : new Date(n));

export function stepFromRow(r: StepRow): Step {
  return { name: r.name, status: r.status, startedAtMs: ms(r.startedAt), finishedAtMs: ms(r.finishedAt), detail: r.detail };
}

/** Machine state of a persisted operation. Options that no longer parse make it unresumable. */
export function stateFromRows(row: OperationRow, steps: StepRow[]): OperationState {
  const parsed = operationOptionsSchema.safeParse(row.options);
  if (!parsed.success) throw new UnresumableError(`its saved options are invalid (${parsed.error.issues[0]?.path.join('.') || 'options'})`);
  return rawState(row, steps, parsed.data);
}

/** State with options taken as they are: only to fail an operation that cannot be resumed. */
export function rawState(row: OperationRow, steps: StepRow[], options = row.options as unknown as OperationOptions): OperationState {
  return {
    type: row.type,
    status: row.status,
    startedAtMs: row.startedAt.getTime(),
    finishedAtMs: ms(row.finishedAt),
    commitDeadlineMs: ms(row.commitDeadline),
    checkpointTimeMs: row.checkpointTimeMs,
    rtoSeconds: row.rtoSeconds,
    error: row.error,
    options: options ?? ({} as OperationOptions),
    steps: [...steps].sort((a, b) => a.position - b.position).map(stepFromRow),
  };
}

export function loadSteps(db: Executor, operationIds: string[]): Map<string, StepRow[]> {
  const byOp = new Map<string, StepRow[]>();
  if (!operationIds.length) return byOp;
  const rows = db
    .select()
    .from(operationSteps)
    .where(inArray(operationSteps.operationId, operationIds))
    .orderBy(asc(operationSteps.operationId), asc(operationSteps.position))
    .all();
  for (const r of rows) byOp.set(r.operationId, [...(byOp.get(r.operationId) ?? []), r]);
  return byOp;
}

/**
 * "The operation is open", spelt with literals exactly as the partial unique index's WHERE so
 * SQLite reads open operations through that small index (bound parameters would defeat it).
 */
export const isOpenOperation = sql.raw(`"operations"."status" in (${OPEN_OPERATION_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/** Open operations: a handful of rows, read through the partial unique index. */
export function loadOpenOperations(db: Executor): OperationRow[] {
  return db.select().from(operations).where(isOpenOperation).all();
}

export function operationColumns(s: OperationState) {
  return {
    status: s.status,
    finishedAt: date(s.finishedAtMs),
    commitDeadline: date(s.commitDeadlineMs),
    checkpointTimeMs: s.checkpointTimeMs,
    rtoSeconds: s.rtoSeconds,
    error: s.error,
    options: s.options as unknown as Record<string, unknown>,
  };
}

const stepColumns = (st: Step) => ({
  name: st.name, status: st.status, startedAt: date(st.startedAtMs), finishedAt: date(st.finishedAtMs), detail: st.detail,
});

export function insertSteps(db: Executor, operationId: string, steps: Step[], from = 0): void {
  for (let i = from; i < steps.length; i++) {
    db.insert(operationSteps).values({ id: newId('ops'), operationId, position: i, ...stepColumns(steps[i]) }).run();
  }
}

/** Writes the difference between two states of one operation. */
export function saveState(db: Executor, operationId: string, prev: OperationState, next: OperationState): void {
  db.update(operations).set(operationColumns(next)).where(eq(operations.id, operationId)).run();
  const common = Math.min(prev.steps.length, next.steps.length);
  for (let i = 0; i < common; i++) {
    if (JSON.stringify(prev.steps[i]) === JSON.stringify(next.steps[i])) continue;
    db.update(operationSteps)
      .set(stepColumns(next.steps[i]))
      .where(and(eq(operationSteps.operationId, operationId), eq(operationSteps.position, i)))
      .run();
  }
  if (prev.steps.length > next.steps.length) {
    db.delete(operationSteps).where(and(eq(operationSteps.operationId, operationId), gte(operationSteps.position, next.steps.length))).run();
  }
  insertSteps(db, operationId, next.steps, prev.steps.length);
}
