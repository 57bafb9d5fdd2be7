import { formatDateTime } from '@/lib/format';
import { RUN_TYPE_LABEL, type RunType } from '@/lib/schemas/recovery-runs';

type RunNaming = { type: RunType; sourceSiteName: string | null; planName: string | null; groups: unknown[]; startedAt: string };

/** "Live failover from London · 2 groups · 7 Dec 2026, 09:14 UTC": titles, breadcrumbs, lists. */
export function runLabel(run: RunNaming, { withDate = true } = {}): string {
  const scope = run.planName ? `of plan “${run.planName}”` : run.sourceSiteName ? `from ${run.sourceSiteName}` : null;
  const n = run.groups.length;
  const head = [`${RUN_TYPE_LABEL[run.type]}${scope ? ` ${scope}` : ''}`, `${n} group${n === 1 ? '' : 's'}`];
  return (withDate ? [...head, formatDateTime(run.startedAt)] : head).join(' · ');
}

export const isRunOpen = (status: string) => status === 'in-progress';
