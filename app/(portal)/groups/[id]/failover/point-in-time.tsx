'use client';

import { Field, Input } from '@/components/ui/field';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import { formatDateTime, formatDuration } from '@/lib/format';
import { CHECKPOINT_KIND } from '@/components/portal/labels';
import { JournalTimeline } from './journal-timeline';
import { fromUtcInput, toUtcInput, useResolvedPoint } from './journal-queries';

type Props = { context: FailoverContextDto; iso: string; onChange: (iso: string) => void };

/**
 * Any point in time: a date and time (typed, or on the timeline); the engine recovers to the
 * newest checkpoint at or before it, which is shown with the data it loses, as the server
 * resolves it (the whole journal, not what the page happened to load).
 */
export function PointInTime({ context, iso, onChange }: Props) {
  const resolved = useResolvedPoint(context.group.id, iso);
  const cp = resolved.data;
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="point-in-time">
      <Field htmlFor="point-in-time" label="Date and time (UTC)" className="max-w-xs">
        <Input
          id="point-in-time"
          type="datetime-local"
          step={1}
          min={toUtcInput(context.oldestTime!)}
          max={toUtcInput(context.now)}
          value={toUtcInput(iso)}
          onChange={(e) => {
            const next = fromUtcInput(e.target.value);
            if (next) onChange(next);
          }}
        />
      </Field>
      <JournalTimeline context={context} valueMs={Date.parse(iso)} onChange={(ms) => onChange(new Date(ms).toISOString())} />
      <p className="text-sm" aria-live="polite" data-testid="point-resolution">
        {cp ? (
          <>
            Recovers to the checkpoint of <strong className="tabular-nums">{formatDateTime(cp.time, { seconds: true })}</strong> ({CHECKPOINT_KIND[cp.kind].label.toLowerCase()}
            {cp.tag ? `, “${cp.tag}”` : ''}): data loss <strong className="tabular-nums" data-testid="timeline-loss">{formatDuration((Date.parse(context.now) - Date.parse(cp.time)) / 1000)}</strong>.
          </>
        ) : resolved.isPending ? (
          'Finding the checkpoint at or before this time…'
        ) : (
          `The journal has no checkpoint at or before ${formatDateTime(iso, { seconds: true })}.`
        )}
      </p>
    </div>
  );
}
