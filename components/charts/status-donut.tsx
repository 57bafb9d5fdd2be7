'use client';

import { Cell, Pie, PieChart, ResponsiveContainer } from 'recharts';

export type DonutSlice = { key: string; label: string; count: number; hex: string };

/**
 * Groups by status as a ring, the count in the middle. Decorative next to its legend (which
 * carries the same numbers as text), so it is hidden from assistive tech.
 */
export function StatusDonut({ slices, center, caption }: { slices: DonutSlice[]; center: string; caption: string }) {
  const data = slices.filter((s) => s.count > 0);
  return (
    <div className="relative size-32 shrink-0" aria-hidden="true" data-testid="status-donut">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart accessibilityLayer={false} tabIndex={-1}>
          <Pie
            data={data.length ? data : [{ key: 'none', label: 'none', count: 1, hex: '#cbd5e1' }]}
            dataKey="count"
            nameKey="label"
            innerRadius="70%"
            outerRadius="100%"
            paddingAngle={data.length > 1 ? 2 : 0}
            stroke="none"
            rootTabIndex={-1}
            isAnimationActive={false}
          >
            {(data.length ? data : [{ key: 'none', hex: '#cbd5e1' }]).map((s) => (
              <Cell key={s.key} fill={s.hex} />
            ))}
          </Pie>
        </PieChart>
      </ResponsiveContainer>
      <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
        <span className="text-2xl font-semibold tabular-nums">{center}</span>
        <span className="text-[11px] text-slate-500 dark:text-slate-400">{caption}</span>
      </div>
    </div>
  );
}
