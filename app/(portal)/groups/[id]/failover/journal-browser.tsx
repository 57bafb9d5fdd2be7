'use client';

import { useState } from 'react';
import { CHECKPOINT_KIND } from '@/components/portal/labels';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { CheckpointDto } from '@/lib/domain/core/dto';
import { formatDateTime, formatDuration } from '@/lib/format';
import { fromUtcInput, toUtcInput, useJournalPage, type JournalFilter } from './journal-queries';

type Props = {
  groupId: string;
  nowIso: string;
  oldestIso: string;
  selectedId: string | null;
  onSelect: (cp: CheckpointDto) => void;
};

type Kind = 'all' | NonNullable<JournalFilter['kind']>;

const lossOf = (nowIso: string, timeIso: string) => Math.max(0, (Date.parse(nowIso) - Date.parse(timeIso)) / 1000);

/**
 * Every checkpoint in the journal, newest first, a page at a time: narrowed by kind and by a
 * UTC date-time range (a ransomware recovery looks for the last clean point hours back), with
 * "Newer" / "Older" paging. One radio per row, so arrow keys move the choice.
 */
export function JournalBrowser({ groupId, nowIso, oldestIso, selectedId, onSelect }: Props) {
  const [kind, setKind] = useState<Kind>('all');
  const [fromInput, setFromInput] = useState('');
  const [toInput, setToInput] = useState('');
  // Cursors of the pages walked so far: the last one is shown, "Newer" goes back one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  // Up to the wizard's "now" unless told otherwise: the page is a snapshot (Refresh renews it),
  // so data loss is measured from one instant and nothing newer than the latest checkpoint shows.
  const filter: JournalFilter = { kind: kind === 'all' ? undefined : kind, from: fromUtcInput(fromInput), to: fromUtcInput(toInput) ?? nowIso };
  const page = useJournalPage(groupId, filter, cursors[cursors.length - 1]);
  const refilter = (change: () => void) => {
    change();
    setCursors([undefined]);
  };
  const items = page.data?.items ?? [];

  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="journal-browser">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field htmlFor="journal-kind" label="Kind">
          <Select id="journal-kind" value={kind} onChange={(e) => refilter(() => setKind(e.target.value as Kind))}>
            <option value="all">All kinds</option>
            <option value="crash">{CHECKPOINT_KIND.crash.label} (automatic)</option>
            <option value="app">{CHECKPOINT_KIND.app.label}</option>
            <option value="tagged">{CHECKPOINT_KIND.tagged.label}</option>
          </Select>
        </Field>
        <Field htmlFor="journal-from" label="From (UTC)">
          <Input id="journal-from" type="datetime-local" step={1} min={toUtcInput(oldestIso)} max={toUtcInput(nowIso)} value={fromInput} onChange={(e) => refilter(() => setFromInput(e.target.value))} />
        </Field>
        <Field htmlFor="journal-to" label="To (UTC)" hint="Shows the checkpoints at or before this time.">
          <Input id="journal-to" aria-describedby="journal-to-hint" type="datetime-local" step={1} min={toUtcInput(oldestIso)} max={toUtcInput(nowIso)} value={toInput} onChange={(e) => refilter(() => setToInput(e.target.value))} />
        </Field>
      </div>
      {page.error ? (
        <p className="text-sm text-red-700 dark:text-red-400" role="status">
          {page.error.message}
        </p>
      ) : (
        <Table caption="Checkpoints in the journal, newest first" aria-busy={page.isFetching} data-testid="journal-table">
          <THead>
            <Tr>
              <Th className="w-8 px-3 py-2">
                <span className="sr-only">Choose</span>
              </Th>
              <Th className="px-3 py-2">Time (UTC)</Th>
              <Th className="px-3 py-2">Kind</Th>
              <Th className="px-3 py-2">Tag</Th>
              <Th numeric className="px-3 py-2">
                Data loss
              </Th>
            </Tr>
          </THead>
          <TBody>
            {items.map((c) => (
              <Tr key={c.id} className="cursor-pointer has-[:checked]:bg-sky-50 dark:has-[:checked]:bg-sky-500/10" onClick={() => onSelect(c)}>
                <Td className="px-3 py-1.5">
                  <input
                    type="radio"
                    name="journal-checkpoint"
                    aria-label={`${formatDateTime(c.time, { seconds: true })}, ${CHECKPOINT_KIND[c.kind].label}${c.tag ? `, “${c.tag}”` : ''}`}
                    checked={c.id === selectedId}
                    onChange={() => onSelect(c)}
                  />
                </Td>
                <Td className="px-3 py-1.5 whitespace-nowrap tabular-nums">{formatDateTime(c.time, { seconds: true })}</Td>
                <Td className="px-3 py-1.5">
                  {c.kind === 'crash' ? (
                    <span className="text-xs text-slate-500 dark:text-slate-400">{CHECKPOINT_KIND.crash.short}</span>
                  ) : (
                    <Badge tone={c.kind === 'tagged' ? 'info' : 'success'} icon={c.kind === 'tagged' ? 'tag' : 'checkCircle'}>
                      {CHECKPOINT_KIND[c.kind].label}
                    </Badge>
                  )}
                </Td>
                <Td className="max-w-64 truncate px-3 py-1.5" title={c.tag ?? undefined}>
                  {c.tag ?? ''}
                </Td>
                <Td numeric className="px-3 py-1.5 whitespace-nowrap">
                  {formatDuration(lossOf(nowIso, c.time))}
                </Td>
              </Tr>
            ))}
            {!items.length && !page.isPending && (
              <Tr>
                <Td colSpan={5} className="px-3 py-4 text-center text-sm text-slate-500">
                  No checkpoint matches these filters.
                </Td>
              </Tr>
            )}
          </TBody>
        </Table>
      )}
      <nav aria-label="Journal pages" className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="mr-auto tabular-nums" aria-live="polite">
          {items.length ? `Page ${cursors.length}: ${formatDateTime(items[0].time, { seconds: true })} back to ${formatDateTime(items[items.length - 1].time, { seconds: true })}` : ''}
        </span>
        <Button size="sm" variant="ghost" disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
          Newest
        </Button>
        <Button size="sm" variant="ghost" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          <Icon name="arrowRight" className="size-3.5 rotate-180" />
          Newer
        </Button>
        <Button size="sm" variant="ghost" disabled={!page.data?.nextCursor || page.isPlaceholderData} onClick={() => setCursors((c) => [...c, page.data!.nextCursor!])}>
          Older
          <Icon name="arrowRight" className="size-3.5" />
        </Button>
      </nav>
    </div>
  );
}
