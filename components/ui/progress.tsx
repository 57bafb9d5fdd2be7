import { cn } from './cn';
import { TONE_FILL, type Tone } from './tone';

export type ProgressBarProps = {
  /** 0..1 */
  value: number;
  /** What is progressing, for screen readers ("Initial sync of acme-sql-01"). */
  label: string;
  tone?: Tone;
  className?: string;
};

/** A thin determinate progress bar (initial sync, operation steps, journal history). */
export function ProgressBar({ value, label, tone = 'info', className }: ProgressBarProps) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800', className)}
    >
      <div className={cn('h-full rounded-full transition-[width] duration-500', TONE_FILL[tone])} style={{ width: `${pct}%` }} />
    </div>
  );
}
