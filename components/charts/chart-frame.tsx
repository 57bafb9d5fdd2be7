import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * A chart with its text summary. The SVG is for the eye; the caption says the same in words for
 * screen readers and for anyone who would rather not read a graph.
 */
export function ChartFrame({ summary, legend, height = 220, className, children, testId }: { summary: ReactNode; legend?: ReactNode; height?: number; className?: string; children: ReactNode; testId?: string }) {
  return (
    <figure className={cn('min-w-0', className)} data-testid={testId}>
      <div style={{ height }} className="w-full min-w-0">
        {children}
      </div>
      {legend}
      <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">{summary}</figcaption>
    </figure>
  );
}

/** Axis and grid colours that read in both schemes (slate 400/500 on white and on slate 900). */
export const AXIS = { stroke: '#94a3b8', fontSize: 11, tick: { fill: '#64748b' } } as const;
export const GRID = '#94a3b833';
