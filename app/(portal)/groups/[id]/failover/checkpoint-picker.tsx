'use client';

import type { ReactNode } from 'react';
import { CHECKPOINT_KIND } from '@/components/portal/labels';
import type { CheckpointDto } from '@/lib/domain/core/dto';
import type { FailoverContextDto } from '@/lib/domain/operations/failover-context';
import { formatDateTime, formatDuration, formatNumber } from '@/lib/format';
import { JournalBrowser } from './journal-browser';
import { PointInTime } from './point-in-time';
import type { RecoveryPoint } from './wizard-state';

type Props = { context: FailoverContextDto; value: RecoveryPoint; onChange: (p: RecoveryPoint) => void };
type Choice = 'latest' | 'app' | 'tagged' | 'journal' | 'time';

export function describeCheckpoint(cp: CheckpointDto): string {
  return `${formatDateTime(cp.time, { seconds: true })} · ${CHECKPOINT_KIND[cp.kind].label.toLowerCase()}${cp.tag ? ` · “${cp.tag}”` : ''}`;
}

/** Data lost by recovering to a checkpoint: everything written after it. */
export const lossOf = (nowIso: string, timeIso: string) => Math.max(0, (Date.parse(nowIso) - Date.parse(timeIso)) / 1000);

const pick = (cp: CheckpointDto, via: 'app' | 'tagged' | 'journal'): RecoveryPoint => ({ kind: 'checkpoint', checkpoint: cp, via });

/**
 * Three ways to say where to recover to, each explained: the latest checkpoint (with the quick
 * picks of the latest application-consistent and tagged ones), one checkpoint chosen from the
 * whole journal, or any point in time, which the engine resolves to the newest checkpoint at or
 * before it.
 */
export function CheckpointPicker({ context, value, onChange }: Props) {
  const { anchors, now, group, oldestTime, checkpointCount } = context;
  const choice: Choice = value.kind === 'checkpoint' ? value.via : value.kind;
  const historySeconds = group.journalHistoryHours * 3600;
  const coveredSeconds = oldestTime ? (Date.parse(now) - Date.parse(oldestTime)) / 1000 : 0;

  const option = (id: Choice, label: string, explanation: ReactNode, onPick: () => void, detail: { cp?: CheckpointDto | null; loss?: number | null; disabledWhy?: string }) => (
    <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50/60 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60 dark:border-slate-700 dark:has-[:checked]:bg-sky-500/10">
      <input type="radio" name="recovery-point" value={id} className="mt-1" checked={choice === id} disabled={!!detail.disabledWhy} onChange={onPick} />
      <span className="min-w-0 flex-1">
        <span className="block text-sm font-medium">{label}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{explanation}</span>
        {(detail.disabledWhy || detail.cp) && (
          <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{detail.disabledWhy ?? describeCheckpoint(detail.cp!)}</span>
        )}
      </span>
      {detail.loss != null && !detail.disabledWhy && <span className="shrink-0 text-xs tabular-nums text-slate-600 dark:text-slate-300">data loss {formatDuration(detail.loss)}</span>}
    </label>
  );

  const noJournal = 'The journal has no checkpoint yet.';
  return (
    // min-w-0: a fieldset is as wide as its widest content by default (the journal table on a phone).
    <fieldset className="min-w-0 space-y-2" data-testid="checkpoint-picker">
      <legend className="sr-only">Recovery point</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="journal-extent">
        {oldestTime ? (
          <>
            The journal holds {formatNumber(checkpointCount)} checkpoints, from <strong className="tabular-nums">{formatDateTime(oldestTime)}</strong> to now:{' '}
            {formatDuration(coveredSeconds)} of the {formatDuration(historySeconds)} history this group keeps.
          </>
        ) : (
          noJournal
        )}
      </p>
      {option('latest', 'Latest checkpoint (default)', 'The most recent consistent point: the least data lost. Use it unless the latest data is itself damaged.', () => onChange({ kind: 'latest' }), {
        cp: anchors.latest,
        loss: anchors.latest ? (group.rpoSeconds ?? lossOf(now, anchors.latest.time)) : null,
        disabledWhy: anchors.latest ? undefined : noJournal,
      })}
      {option('app', 'Latest application-consistent checkpoint', 'Taken with the guest agent: applications and databases start without crash recovery.', () => anchors.latestApp && onChange(pick(anchors.latestApp, 'app')), {
        cp: anchors.latestApp,
        loss: anchors.latestApp && lossOf(now, anchors.latestApp.time),
        disabledWhy: anchors.latestApp ? undefined : 'None in the history (every VM needs the agent).',
      })}
      {option('tagged', 'Latest tagged checkpoint', 'A point someone named, for example before a change or a release.', () => anchors.latestTagged && onChange(pick(anchors.latestTagged, 'tagged')), {
        cp: anchors.latestTagged,
        loss: anchors.latestTagged && lossOf(now, anchors.latestTagged.time),
        disabledWhy: anchors.latestTagged ? undefined : 'No tagged checkpoint in the history.',
      })}
      {option(
        'journal',
        'Choose a checkpoint',
        'Browse every checkpoint in the history by kind and by date and time, for example the last clean point before a ransomware infection.',
        () => anchors.latest && onChange(value.kind === 'checkpoint' ? { ...value, via: 'journal' } : pick(anchors.latest, 'journal')),
        {
          cp: value.kind === 'checkpoint' && value.via === 'journal' ? value.checkpoint : null,
          loss: value.kind === 'checkpoint' && value.via === 'journal' ? lossOf(now, value.checkpoint.time) : null,
          disabledWhy: anchors.latest ? undefined : noJournal,
        },
      )}
      {choice === 'journal' && value.kind === 'checkpoint' && oldestTime && (
        <div className="sm:ml-7">
          <JournalBrowser groupId={group.id} nowIso={now} oldestIso={oldestTime} selectedId={value.checkpoint.id} onSelect={(cp) => onChange(pick(cp, 'journal'))} />
        </div>
      )}
      {option(
        'time',
        'Any point in time',
        'Give a date and time: the recovery uses the newest checkpoint at or before it.',
        () => onChange({ kind: 'time', iso: anchors.latest?.time ?? now }),
        { disabledWhy: oldestTime ? undefined : noJournal },
      )}
      {value.kind === 'time' && oldestTime && (
        <div className="sm:ml-7">
          <PointInTime context={context} iso={value.iso} onChange={(iso) => onChange({ kind: 'time', iso })} />
        </div>
      )}
    </fieldset>
  );
}
