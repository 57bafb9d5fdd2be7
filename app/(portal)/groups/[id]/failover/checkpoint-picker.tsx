'use client';

import { useMemo, useState } from 'react';
import { Select } from '@/components/ui/field';
import type { CheckpointDto } from '@/lib/domain/dto';
import type { FailoverContextDto } from '@/lib/domain/failover-context';
import { formatDateTime, formatDuration } from '@/lib/format';
import type { RecoveryPoint } from './wizard-state';
import { JournalTimeline } from './journal-timeline';

type Props = { context: FailoverContextDto; value: RecoveryPoint; onChange: (p: RecoveryPoint) => void };
type Choice = 'latest' | 'app' | 'tagged' | 'list' | 'time';

const KIND_LABEL = { crash: 'crash-consistent', app: 'application-consistent', tagged: 'tagged' } as const;

export function describeCheckpoint(cp: CheckpointDto): string {
  return `${formatDateTime(cp.time, { seconds: true })} · ${KIND_LABEL[cp.kind]}${cp.tag ? ` · "${cp.tag}"` : ''}`;
}

/** Data lost by recovering to a checkpoint: everything written after it. */
export const lossOf = (nowIso: string, timeIso: string) => Math.max(0, (Date.parse(nowIso) - Date.parse(timeIso)) / 1000);

/** Latest by default; quick picks; the full list filtered by kind; or any point on the journal's timeline. */
export function CheckpointPicker({ context, value, onChange }: Props) {
  const { anchors, checkpoints, now, group } = context;
  const [kind, setKind] = useState<'all' | 'crash' | 'app' | 'tagged'>('all');
  const listed = useMemo(() => checkpoints.filter((c) => kind === 'all' || c.kind === kind), [checkpoints, kind]);
  const choice: Choice =
    value.kind === 'latest' ? 'latest' : value.kind === 'time' ? 'time' : value.id === anchors.latestApp?.id ? 'app' : value.id === anchors.latestTagged?.id ? 'tagged' : 'list';

  const option = (id: Choice, label: string, cp: CheckpointDto | null, loss: number | null, disabledWhy?: string) => (
    <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50/60 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 dark:border-slate-700 dark:has-[:checked]:bg-sky-500/10">
      <input
        type="radio"
        name="recovery-point"
        className="mt-1"
        checked={choice === id}
        disabled={!!disabledWhy}
        onChange={() => {
          if (id === 'latest') onChange({ kind: 'latest' });
          else if ((id === 'app' || id === 'tagged') && cp) onChange({ kind: 'checkpoint', id: cp.id });
          else if (id === 'list' && listed[0]) onChange({ kind: 'checkpoint', id: listed[0].id });
          else if (id === 'time') onChange({ kind: 'time', iso: anchors.latest?.time ?? now });
        }}
      />
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">{label}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">{disabledWhy ?? (cp ? describeCheckpoint(cp) : '')}</span>
      </span>
      {loss !== null && !disabledWhy && <span className="shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-300">data loss {formatDuration(loss)}</span>}
    </label>
  );

  const selected = value.kind === 'checkpoint' ? checkpoints.find((c) => c.id === value.id) : undefined;
  return (
    <div className="space-y-2" data-testid="checkpoint-picker">
      {option('latest', 'Latest checkpoint (default)', anchors.latest, anchors.latest ? (group.rpoSeconds ?? lossOf(now, anchors.latest.time)) : null, anchors.latest ? undefined : 'The journal has no checkpoint yet.')}
      {option('app', 'Latest application-consistent', anchors.latestApp, anchors.latestApp && lossOf(now, anchors.latestApp.time), anchors.latestApp ? undefined : 'None in the history (VMs need the agent).')}
      {option('tagged', 'Latest tagged', anchors.latestTagged, anchors.latestTagged && lossOf(now, anchors.latestTagged.time), anchors.latestTagged ? undefined : 'No tagged checkpoint in the history.')}
      {option('list', 'Choose from the journal', choice === 'list' ? (selected ?? null) : null, choice === 'list' && selected ? lossOf(now, selected.time) : null, checkpoints.length ? undefined : 'The journal is empty.')}
      {choice === 'list' && (
        <div className="ml-7 grid gap-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <Select aria-label="Kind of checkpoint" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="all">All kinds</option>
            <option value="crash">Crash-consistent (automatic)</option>
            <option value="app">Application-consistent</option>
            <option value="tagged">Tagged</option>
          </Select>
          <Select
            aria-label="Checkpoint"
            size={8}
            className="h-auto"
            value={value.kind === 'checkpoint' ? value.id : ''}
            onChange={(e) => onChange({ kind: 'checkpoint', id: e.target.value })}
          >
            {listed.map((c) => (
              <option key={c.id} value={c.id}>
                {describeCheckpoint(c)} — loss {formatDuration(lossOf(now, c.time))}
              </option>
            ))}
          </Select>
        </div>
      )}
      {option('time', 'Any point in the journal', null, value.kind === 'time' ? lossOf(now, value.iso) : null, context.oldestTime ? undefined : 'The journal has no history yet.')}
      {value.kind === 'time' && context.oldestTime && (
        <JournalTimeline context={context} valueIso={value.iso} onChange={(iso) => onChange({ kind: 'time', iso })} />
      )}
    </div>
  );
}
