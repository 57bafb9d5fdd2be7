/**
 * The replication mode an operation leaves its group in, derived from the operation alone. The
 * operations table is written in the transaction of every transition; the engine's snapshot only
 * every few seconds. So after a crash the operations are the truth and the restored engine is
 * put back in line with them (runtime.ts), instead of showing "meeting SLA" for a group
 * whose test or failover is still open.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db';
import { OPEN_OPERATION_STATUSES, type OperationStatus, type OperationType } from '@/lib/schemas/operations';
import type { GroupMode } from './contract';

/**
 * Only what the mode depends on, read from the operations table as stored, so the runtime does
 * not depend on the operations machine (lib/operations sits above lib/sim).
 */
type ModeInput = { type: OperationType; status: OperationStatus; options: { reverseProtection?: boolean; decision?: unknown } | null };

const isOpen = (status: OperationStatus) => (OPEN_OPERATION_STATUSES as readonly OperationStatus[]).includes(status);

/** Mirrors the machine's group-mode effects: the mode from the last transition of `op`. */
export function groupModeOf(op: ModeInput): GroupMode {
  if (isOpen(op.status)) {
    if (op.type === 'test-failover') return 'testing';
    // The decision runs (commit, reverse, rollback) while the group still awaits it.
    return op.status === 'awaiting-commit' || op.options?.decision ? 'awaiting-commit' : 'failing-over';
  }
  const committed = op.status === 'completed' && op.type !== 'test-failover';
  return committed && !op.options?.reverseProtection ? 'failed-over' : 'replicating';
}

/**
 * Each group's mode from its latest operation (one row per group, through the group/start index).
 * Groups without an operation replicate.
 */
export function loadGroupModes(db: Executor): Map<string, GroupMode> {
  const rows = db.all<{ groupId: string; type: OperationType; status: OperationStatus; options: string | null }>(sql`
    SELECT o.group_id AS groupId, o.type AS type, o.status AS status, o.options AS options
    FROM protection_groups g
    JOIN operations o ON o.id = (SELECT id FROM operations WHERE group_id = g.id ORDER BY started_at DESC, id DESC LIMIT 1)`);
  const modes = new Map<string, GroupMode>();
  for (const r of rows) modes.set(r.groupId, groupModeOf({ type: r.type, status: r.status, options: r.options ? JSON.parse(r.options) : null }));
  return modes;
}
