import type { OperationStepDto } from '@/lib/domain/operations/operation-dto';
import { cn } from '@/components/ui/cn';
import { Spinner } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';
import { formatDuration, formatTime } from '@/lib/format';
import { STEP_STATUS } from './labels';

const TONE_TEXT = {
  success: 'text-emerald-600 dark:text-emerald-400',
  danger: 'text-red-600 dark:text-red-400',
  progress: 'text-violet-600 dark:text-violet-400',
  neutral: 'text-slate-400 dark:text-slate-500',
  info: 'text-blue-600',
  warning: 'text-amber-600',
} as const;

function stepTimes(step: OperationStepDto): string {
  if (!step.startedAt) return '';
  if (!step.finishedAt) return `since ${formatTime(step.startedAt)}`;
  const seconds = (Date.parse(step.finishedAt) - Date.parse(step.startedAt)) / 1000;
  return seconds > 0 ? `${formatTime(step.startedAt)} → ${formatTime(step.finishedAt)} (${formatDuration(seconds)})` : formatTime(step.startedAt);
}

/** The steps of an operation, each with a status icon and word, its detail and its times (UTC, simulated clock). */
export function StepList({ steps }: { steps: OperationStepDto[] }) {
  return (
    <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="operation-steps">
      {steps.map((step, i) => {
        const meta = STEP_STATUS[step.status];
        return (
          <li key={`${i}-${step.name}`} className="flex items-start gap-3 px-4 py-2.5" data-step-status={step.status}>
            <span className={cn('mt-0.5 shrink-0', TONE_TEXT[meta.tone])}>
              {step.status === 'running' ? <Spinner className="size-4" /> : <Icon name={meta.icon} className="size-4" />}
            </span>
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className={cn('text-sm font-medium', step.status === 'pending' || step.status === 'skipped' ? 'text-slate-500 dark:text-slate-400' : 'text-slate-900 dark:text-slate-100')}>
                  {step.name}
                  <span className="sr-only"> — {meta.label}</span>
                </span>
                <span className="text-xs tabular-nums text-slate-500 dark:text-slate-400">{stepTimes(step)}</span>
              </div>
              {step.detail && <p className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{step.detail}</p>}
            </div>
            <span className="hidden shrink-0 text-xs text-slate-500 sm:inline dark:text-slate-400" aria-hidden="true">
              {meta.label}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
