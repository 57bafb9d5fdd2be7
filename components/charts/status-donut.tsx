export type DonutSlice = { key: string; label: string; count: number; hex: string };

const R = 42.5;
const WIDTH = 15;
const C = 2 * Math.PI * R;
/** Gap between slices, in the circle's length (Recharts' paddingAngle of 2°). */
const GAP = (2 / 360) * C;

/**
 * Groups by status as a ring, the count in the middle: plain SVG drawn on the server (one dashed
 * circle per slice, clockwise from the top), so the dashboard needs no chart library. Decorative
 * next to its legend (which carries the same numbers as text), so it is hidden from assistive tech.
 */
export function StatusDonut({ slices, center, caption }: { slices: DonutSlice[]; center: string; caption: string }) {
  const data = slices.filter((s) => s.count > 0);
  const total = data.reduce((a, s) => a + s.count, 0);
  const gap = data.length > 1 ? GAP : 0;
  // Where each slice starts along the circle: the lengths of the slices before it.
  const starts = data.map((_, i) => data.slice(0, i).reduce((a, s) => a + (s.count / total) * C, 0));
  const arcs = data.map((s, i) => ({ key: s.key, hex: s.hex, dash: `${Math.max((s.count / total) * C - gap, 0.001)} ${C}`, offset: -starts[i] }));
  return (
    <div className="relative size-32 shrink-0" aria-hidden="true" data-testid="status-donut">
      <svg viewBox="0 0 100 100" className="size-full -rotate-90">
        {arcs.length === 0 ? (
          <circle cx="50" cy="50" r={R} fill="none" stroke="#cbd5e1" strokeWidth={WIDTH} />
        ) : (
          arcs.map((a) => <circle key={a.key} cx="50" cy="50" r={R} fill="none" stroke={a.hex} strokeWidth={WIDTH} strokeDasharray={a.dash} strokeDashoffset={a.offset} />)
        )}
      </svg>
      <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
        <span className="text-2xl font-semibold tabular-nums">{center}</span>
        <span className="text-[11px] text-slate-500 dark:text-slate-400">{caption}</span>
      </div>
    </div>
  );
}
