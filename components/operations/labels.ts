import type { OperationType } from '@/lib/schemas/operations';
import { formatDateTime } from '@/lib/format';
import { OPERATION_TYPE_LABEL } from '@/lib/schemas/vocabulary';
import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';

export { OPERATION_TYPE_LABEL } from '@/lib/schemas/vocabulary';

export type StepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

/** Step states with an icon and a word, never colour alone. */
export const STEP_STATUS: Record<StepStatus, { label: string; icon: IconName; tone: Tone }> = {
  pending: { label: 'Pending', icon: 'hourglass', tone: 'neutral' },
  running: { label: 'Running', icon: 'refresh', tone: 'progress' },
  completed: { label: 'Done', icon: 'checkCircle', tone: 'success' },
  failed: { label: 'Failed', icon: 'error', tone: 'danger' },
  skipped: { label: 'Skipped', icon: 'arrowRight', tone: 'neutral' },
};

export const isOpenStatus = (status: string) => ['pending', 'running', 'testing', 'awaiting-commit'].includes(status);

/** An operation as people name it: "Test failover · Payroll · 7 Dec 2026, 09:12 UTC" (breadcrumbs, titles). */
export function operationLabel(op: { type: OperationType; groupName: string; startedAt: string }): string {
  return `${OPERATION_TYPE_LABEL[op.type]} · ${op.groupName} · ${formatDateTime(op.startedAt)}`;
}
