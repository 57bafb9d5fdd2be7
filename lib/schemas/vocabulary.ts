/**
 * The words and lists the browser needs from the schemas (statuses, kinds, labels), without zod:
 * a client component importing them from ./groups, ./checkpoints or ./operations would carry zod
 * and every schema there into the page's scripts (~100 KiB). The schema modules re-export them.
 */

export const GROUP_STATUSES = [
  'initialising',
  'meeting-sla',
  'rpo-not-met',
  'history-not-met',
  'paused',
  'testing',
  'failing-over',
  'awaiting-commit',
  'failed-over',
  'reverse-replicating',
] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Group statuses in the words DR operators know (Zerto's): badges, pre-flight texts, messages. */
export const GROUP_STATUS_LABEL: Record<GroupStatus, string> = {
  'meeting-sla': 'Meeting SLA',
  initialising: 'Initialising',
  'history-not-met': 'History not meeting SLA',
  'rpo-not-met': 'RPO not meeting SLA',
  paused: 'Paused',
  testing: 'Testing',
  'failing-over': 'Failing over',
  'awaiting-commit': 'Awaiting commit',
  'failed-over': 'Failed over',
  'reverse-replicating': 'Reverse replicating',
};

export const CHECKPOINT_KINDS = ['crash', 'app', 'tagged'] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

/** Checkpoint kinds in words (the picker, pre-flight texts). */
export const CHECKPOINT_KIND_LABEL: Record<(typeof CHECKPOINT_KINDS)[number], string> = {
  crash: 'crash-consistent',
  app: 'application-consistent',
  tagged: 'tagged',
};

export const OPERATION_TYPES = ['test-failover', 'failover', 'move', 'failback'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

/** Operation types as people say them: labels, breadcrumbs, pre-flight texts. */
export const OPERATION_TYPE_LABEL: Record<OperationType, string> = {
  'test-failover': 'Test failover',
  failover: 'Live failover',
  move: 'Move',
  failback: 'Failback',
};
