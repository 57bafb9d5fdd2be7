import type { AlertCurrentFigure } from '@/lib/domain/core/dto';
import { cn } from '@/components/ui/cn';
import { alertNowText } from './alert-now';

/**
 * An alert's text as raised, with the figure it is about as it is now beside it. `truncate`
 * keeps the message to one line (the full text in its tooltip) for compact lists.
 */
export function AlertMessage({ message, current, truncate = false, className }: { message: string; current: AlertCurrentFigure | null; truncate?: boolean; className?: string }) {
  const now = alertNowText(current);
  return (
    <span className={cn('block text-slate-600 dark:text-slate-400', className)}>
      <span className={cn('block', truncate && 'truncate')} title={truncate ? message : undefined}>
        {message}
      </span>
      {now && (
        <span data-testid="alert-now" className="block text-xs font-medium text-slate-800 dark:text-slate-200">
          {now}
        </span>
      )}
    </span>
  );
}
