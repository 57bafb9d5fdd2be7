'use client';

import type { FailoverContextDto } from '@/lib/domain/failover-context';
import { formatDateTime, formatDuration } from '@/lib/format';

type Props = { context: FailoverContextDto; valueIso: string; onChange: (iso: string) => void };

/**
 * The journal as a timeline from its oldest point to now, with application-consistent (green)
 * and tagged (blue) checkpoints marked. Any point may be picked; the server recovers to the
 * newest checkpoint at or before it, so the data loss shown is that checkpoint's age.
 */
export function JournalTimeline({ context, valueIso, onChange }: Props) {
  const start = Date.parse(context.oldestTime!);
  const end = Date.parse(context.now);
  const span = Math.max(1, end - start);
  const value = Math.min(end, Math.max(start, Date.parse(valueIso)));
  const resolved = context.checkpoints.find((c) => Date.parse(c.time) <= value);
  const loss = (end - (resolved ? Date.parse(resolved.time) : value)) / 1000;
  const marks = context.checkpoints.filter((c) => c.kind !== 'crash');
  const pct = (ms: number) => `${((ms - start) / span) * 100}%`;

  return (
    <div className="ml-7 space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="journal-timeline">
      <div className="relative h-6 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        {marks.map((c) => (
          <span
            key={c.id}
            title={`${c.kind === 'app' ? 'Application-consistent' : `Tagged "${c.tag}"`} ${formatDateTime(c.time, { seconds: true })}`}
            className={`absolute top-0 h-6 w-0.5 ${c.kind === 'app' ? 'bg-emerald-500' : 'bg-blue-500'}`}
            style={{ left: pct(Date.parse(c.time)) }}
          />
        ))}
        <span className="absolute top-0 h-6 w-1 -translate-x-1/2 rounded bg-sky-700 dark:bg-sky-400" style={{ left: pct(value) }} />
      </div>
      <input
        type="range"
        aria-label="Point in the journal"
        className="w-full"
        min={start}
        max={end}
        step={1000}
        value={value}
        onChange={(e) => onChange(new Date(Number(e.target.value)).toISOString())}
      />
      <div className="flex flex-wrap justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span>{formatDateTime(start)}</span>
        <span className="flex gap-3">
          <span><span className="mr-1 inline-block size-2 rounded-full bg-emerald-500" />app-consistent</span>
          <span><span className="mr-1 inline-block size-2 rounded-full bg-blue-500" />tagged</span>
        </span>
        <span>now</span>
      </div>
      <p className="text-sm">
        Point: <strong className="tabular-nums">{formatDateTime(value, { seconds: true })}</strong>
        {' · '}RPO at this point: <strong className="tabular-nums" data-testid="timeline-loss">{formatDuration(loss)}</strong>
        {resolved && <span className="text-slate-500 dark:text-slate-400"> (checkpoint {formatDateTime(resolved.time, { seconds: true })})</span>}
      </p>
    </div>
  );
}
