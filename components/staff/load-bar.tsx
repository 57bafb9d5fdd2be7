import { cn } from '@/components/ui/cn';
import { TONE_FILL, type Tone } from '@/components/ui/tone';
import { formatNumber } from '@/lib/format';
import type { Load } from '@/lib/domain/staff/dto';

/** Reserved resources that near a site's capacity leave no room to grow or fail over into. */
export function loadTone(percent: number): Tone {
  if (percent >= 90) return 'danger';
  if (percent >= 75) return 'warning';
  return 'success';
}

/** "vCPU 150 / 8,000 GHz" with a bar; the figure is the label, colour only repeats it. */
export function LoadBar({ label, load, unit }: { label: string; load: Load; unit: string }) {
  const tone = loadTone(load.percent);
  return (
    <div className="min-w-0">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="text-slate-500 dark:text-slate-400">{label}</span>
        <span className="tabular-nums text-slate-700 dark:text-slate-300">
          {formatNumber(load.allocated, Number.isInteger(load.allocated) || load.allocated >= 100 ? 0 : 1)} / {formatNumber(load.capacity)} {unit} · {load.percent} %
        </span>
      </div>
      <div
        role="meter"
        aria-label={`${label} allocated`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, load.percent)}
        className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={cn('h-full rounded-full', TONE_FILL[tone])} style={{ width: `${Math.min(100, Math.max(load.percent, load.allocated > 0 ? 1 : 0))}%` }} />
      </div>
    </div>
  );
}
