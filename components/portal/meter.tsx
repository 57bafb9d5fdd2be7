import { cn } from '@/components/ui/cn';
import { TONE_FILL, type Tone } from '@/components/ui/tone';

/**
 * A horizontal gauge (history covered of the window, journal used of its limit) with an optional
 * mark (a warning threshold). The figures beside it carry the meaning; the bar is for the eye.
 */
export function Meter({ share, tone, mark, className }: { share: number; tone: Tone; mark?: number; className?: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  return (
    <div aria-hidden="true" className={cn('relative h-2 w-full rounded-full bg-slate-100 dark:bg-slate-800', className)}>
      <div className={cn('h-full rounded-full transition-[width] duration-500', TONE_FILL[tone])} style={{ width: `${pct}%` }} />
      {mark != null && <div className="absolute inset-y-[-3px] w-0.5 bg-slate-500 dark:bg-slate-400" style={{ left: `${mark * 100}%` }} />}
    </div>
  );
}
