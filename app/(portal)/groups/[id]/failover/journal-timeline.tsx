'use client';

import { CHECKPOINT_KIND } from '@/components/portal/labels';
import type { CheckpointDto } from '@/lib/domain/core/dto';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import { formatDateTime } from '@/lib/format';

type Props = { context: FailoverContextDto; valueMs: number; onChange: (ms: number) => void };

/**
 * The journal as a timeline from its oldest checkpoint to now, with application-consistent and
 * tagged checkpoints marked, and a slider over it (arrow keys move by a second, Page Up/Down by
 * a tenth). The date-time field beside it is the precise way to give a point.
 */
export function JournalTimeline({ context, valueMs, onChange }: Props) {
  const start = Date.parse(context.oldestTime!);
  const end = Date.parse(context.now);
  const span = Math.max(1, end - start);
  const pct = (ms: number) => `${((ms - start) / span) * 100}%`;
  const mark = (c: CheckpointDto) => `${CHECKPOINT_KIND[c.kind].label}${c.tag ? ` “${c.tag}”` : ''}, ${formatDateTime(c.time, { seconds: true })}`;

  return (
    <div className="space-y-1" data-testid="journal-timeline">
      <div className="relative h-6 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        {context.marks.map((c) => (
          <span key={c.id} title={mark(c)} className="absolute top-0 h-6 w-0.5" style={{ left: pct(Date.parse(c.time)), background: CHECKPOINT_KIND[c.kind].hex }} />
        ))}
        <span className="absolute top-0 h-6 w-1 -translate-x-1/2 rounded bg-sky-700 dark:bg-sky-400" style={{ left: pct(valueMs) }} />
      </div>
      <input
        type="range"
        aria-label="Point in the journal"
        aria-valuetext={formatDateTime(valueMs, { seconds: true })}
        className="w-full"
        min={start}
        max={end}
        step={1000}
        value={Math.min(end, Math.max(start, valueMs))}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span>{formatDateTime(start)}</span>
        <span className="flex gap-3">
          {(['app', 'tagged'] as const).map((k) => (
            <span key={k}>
              <span className="mr-1 inline-block size-2 rounded-full" style={{ background: CHECKPOINT_KIND[k].hex }} />
              {CHECKPOINT_KIND[k].label}
            </span>
          ))}
        </span>
        <span>now</span>
      </div>
    </div>
  );
}
