'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiJson, qs } from '@/components/portal/api';
import type { CheckpointDto, Page } from '@/lib/domain/core/dto';

export const JOURNAL_PAGE_SIZE = 25;

export type JournalFilter = { kind?: 'crash' | 'app' | 'tagged'; from?: string; to?: string };

const checkpointsPath = (groupId: string, params: Record<string, string | number | undefined>) =>
  `/api/v1/groups/${encodeURIComponent(groupId)}/checkpoints${qs(params)}`;

/** One page of the journal, newest first, inside the filter; the previous page stays shown while the next loads. */
export function useJournalPage(groupId: string, filter: JournalFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ['groups', groupId, 'journal', filter, cursor ?? null],
    queryFn: ({ signal }) => apiJson<Page<CheckpointDto>>(checkpointsPath(groupId, { ...filter, cursor, limit: JOURNAL_PAGE_SIZE }), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** The checkpoint a point in time recovers to: the newest at or before it (what the engine does). */
export function useResolvedPoint(groupId: string, iso: string | null) {
  const settled = useSettled(iso, 250);
  return useQuery({
    queryKey: ['groups', groupId, 'journal', 'at', settled],
    queryFn: async ({ signal }) => (await apiJson<Page<CheckpointDto>>(checkpointsPath(groupId, { to: settled!, limit: 1 }), { signal })).items[0] ?? null,
    enabled: !!settled,
    placeholderData: keepPreviousData,
  });
}

/** `value` once it has stopped changing for `ms` (a slider being dragged asks the server once). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `<input type="datetime-local">` works without a zone; the portal's times are UTC, so the field is too. */
export const toUtcInput = (iso: string) => iso.slice(0, 19);
export function fromUtcInput(value: string): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
