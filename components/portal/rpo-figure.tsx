import { cn } from '@/components/ui/cn';
import { Icon } from '@/components/ui/icons';
import { formatDuration } from '@/lib/format';
import { rpoHealth } from './rpo-health';

const TEXT = {
  success: 'text-emerald-700 dark:text-emerald-400',
  warning: 'text-amber-700 dark:text-amber-400',
  danger: 'text-red-700 dark:text-red-400',
  neutral: 'text-slate-500 dark:text-slate-400',
  info: 'text-blue-700 dark:text-blue-400',
  progress: 'text-violet-700 dark:text-violet-400',
} as const;

const ICON = { success: 'checkCircle', warning: 'warning', danger: 'error', neutral: 'info', info: 'info', progress: 'info' } as const;

/** "8 s of 5 m" — actual RPO next to its target, coloured and iconed by how close it is. */
export function RpoFigure({ rpoSeconds, targetSeconds, className }: { rpoSeconds: number | null; targetSeconds: number; className?: string }) {
  const h = rpoHealth(rpoSeconds, targetSeconds);
  return (
    <span className={cn('inline-flex items-center gap-1 whitespace-nowrap tabular-nums', className)} title={h.label} data-testid="rpo-figure" data-tone={h.tone}>
      <Icon name={ICON[h.tone]} className={cn('size-3.5 shrink-0', TEXT[h.tone])} />
      <span className={cn('font-medium', TEXT[h.tone])}>{formatDuration(rpoSeconds)}</span>
      <span className="text-slate-500 dark:text-slate-400">/ {formatDuration(targetSeconds)}</span>
      <span className="sr-only">({h.label})</span>
    </span>
  );
}
