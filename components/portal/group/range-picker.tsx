'use client';

import { cn } from '@/components/ui/cn';
import { CHART_RANGES, type ChartRangeKey } from './chart-ranges';

/** Toggle buttons (aria-pressed) for the charts' time range: one tab stop each, no roving focus to learn. */
export function RangePicker({ value, onChange }: { value: ChartRangeKey; onChange: (k: ChartRangeKey) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-md ring-1 ring-slate-300 ring-inset dark:ring-slate-600">
      {CHART_RANGES.map((r) => (
        <button
          key={r.key}
          type="button"
          aria-pressed={value === r.key}
          onClick={() => onChange(r.key)}
          className={cn(
            'px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600',
            value === r.key ? 'bg-sky-700 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
          )}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
