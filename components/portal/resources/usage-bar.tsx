import { ProgressBar } from '@/components/ui/progress';
import { formatNumber } from '@/lib/format';

/** 4000 → "4,000", 2541.6 → "2,541.6", 81.60 → "81.6": no trailing zeros. */
export const num = (n: number, digits = 1) => formatNumber(n, digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** One resource: "used of reserved unit" with a bar; amber from 80 %, red when over. */
export function UsageBar({ label, used, reserved, unit, digits = 1, testId }: { label: string; used: number; reserved: number; unit: string; digits?: number; testId?: string }) {
  const ratio = reserved > 0 ? used / reserved : used > 0 ? 2 : 0;
  const tone = ratio > 1 ? 'danger' : ratio >= 0.8 ? 'warning' : 'info';
  const pct = reserved > 0 ? Math.round(ratio * 100) : 0;
  return (
    <div data-testid={testId}>
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-300">{label}</span>
        <span className="tabular-nums">
          <span className="font-medium">{num(used, digits)}</span> of {num(reserved, digits)} {unit}
          <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">({pct} %)</span>
        </span>
      </div>
      <ProgressBar value={Math.min(1, ratio)} label={`${label}: ${num(used, digits)} of ${num(reserved, digits)} ${unit} used`} tone={tone} />
    </div>
  );
}
