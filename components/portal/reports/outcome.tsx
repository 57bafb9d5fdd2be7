import type { RecoveryOutcome } from '@/lib/domain/reports/recovery-report';
import { Badge } from '@/components/ui/badge';
import type { IconName } from '@/components/ui/icons';
import type { Tone } from '@/components/ui/tone';

/** The outcome in the CSV's words. */
export const OUTCOME_WORDS: Record<RecoveryOutcome, string> = {
  passed: 'passed',
  failed: 'failed',
  completed: 'completed',
  'rolled-back': 'rolled back',
  'in-progress': 'in progress',
};

const OUTCOME: Record<RecoveryOutcome, { label: string; tone: Tone; icon: IconName }> = {
  passed: { label: 'Passed', tone: 'success', icon: 'checkCircle' },
  failed: { label: 'Failed', tone: 'danger', icon: 'error' },
  completed: { label: 'Completed', tone: 'success', icon: 'checkCircle' },
  'rolled-back': { label: 'Rolled back', tone: 'neutral', icon: 'undo' },
  'in-progress': { label: 'In progress', tone: 'info', icon: 'refresh' },
};

export function OutcomeBadge({ outcome, title }: { outcome: RecoveryOutcome; title?: string }) {
  const o = OUTCOME[outcome];
  return (
    <Badge tone={o.tone} icon={o.icon} title={title}>
      {o.label}
    </Badge>
  );
}
