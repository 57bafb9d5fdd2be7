import { cn } from '@/components/ui/cn';

export type LegendItem = { label: string; color: string; mark: 'line' | 'dashed' | 'area' | 'band' };

/**
 * A chart's key as HTML (readable, wraps on a phone, and able to name things Recharts' own legend
 * cannot, such as the shaded outage bands and the target line).
 */
export function ChartLegend({ items, className }: { items: LegendItem[]; className?: string }) {
  return (
    <ul className={cn('mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400', className)} data-testid="chart-legend">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <svg width="18" height="10" aria-hidden="true" className="shrink-0">
            {item.mark === 'band' || item.mark === 'area' ? (
              <rect x="0" y="0" width="18" height="10" rx="2" fill={item.color} fillOpacity={item.mark === 'band' ? 0.18 : 0.25} stroke={item.mark === 'area' ? item.color : 'none'} />
            ) : (
              <line x1="0" y1="5" x2="18" y2="5" stroke={item.color} strokeWidth="2" strokeDasharray={item.mark === 'dashed' ? '4 3' : undefined} />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
