'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useLiveStatus } from '@/components/live/live-store';
import { apiJson, ApiProblem } from '@/components/portal/api';
import { isRunOpen } from '@/components/portal/recovery/run-labels';
import { Card, CardHeader } from '@/components/ui/card';
import { useToast } from '@/components/ui/toast';
import type { RunDto } from '@/lib/domain/recovery/run-dto';
import { RunActions, type RunAction, type RunActionResult } from './run-actions';
import { RunGroupsTable } from './run-groups-table';
import { RunSummary } from './run-summary';

/**
 * Refetched when the live stream announces a change of the run or its operations; while the stream
 * is down, polled every 1.5 s while it is in progress. An ended run does not change.
 */
export function RunLive({ initial, canAct, canReadAudit }: { initial: RunDto; canAct: boolean; canReadAudit: boolean }) {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const key = ['recovery-run', initial.id];
  const live = useLiveStatus() === 'live';
  const { data } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiJson<RunDto>(`/api/v1/recovery-runs/${initial.id}`, { signal }),
    initialData: initial,
    refetchInterval: (q) => (!live && q.state.data && isRunOpen(q.state.data.status) ? 1500 : false),
    staleTime: 0,
  });
  const run = data ?? initial;
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<RunActionResult | null>(null);

  async function act(action: RunAction, body?: unknown) {
    setBusy(true);
    try {
      const res = await apiJson<{ run: RunDto; results: RunActionResult['results'] }>(`/api/v1/recovery-runs/${run.id}/${action}`, { method: 'POST', body: body ?? {} });
      queryClient.setQueryData(key, res.run);
      setLast({ action, results: res.results });
      const failed = res.results.filter((r) => !r.ok).length;
      const what = { commit: 'Commit all', rollback: 'Roll back all', 'stop-test': 'Stop all tests' }[action];
      toast({
        title: failed ? `${what}: ${failed} of ${res.results.length} groups refused` : `${what}: done for ${res.results.length} groups`,
        tone: failed ? 'warning' : 'success',
        durationMs: 5000,
      });
    } catch (error) {
      toast({ title: 'The action was refused', description: error instanceof ApiProblem ? error.message : 'Network error', tone: 'danger' });
      await queryClient.invalidateQueries({ queryKey: key });
      throw error;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="space-y-4 lg:col-start-2 lg:row-start-1">
        {canAct && <RunActions run={run} busy={busy} onAct={act} last={last} />}
        <Card>
          <CardHeader title="Record" />
          <ul className="space-y-1 px-4 py-3 text-sm">
            <li>
              <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/operations`}>
                All operations
              </Link>{' '}
              <span className="text-slate-500">— each group&apos;s operation is listed there too</span>
            </li>
            {canReadAudit && (
              <li>
                <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/audit?targetId=${encodeURIComponent(run.id)}`} data-testid="run-audit-link">
                  Audit entries of this run
                </Link>
              </li>
            )}
          </ul>
        </Card>
      </div>
      <div className="space-y-4 lg:col-start-1 lg:row-start-1">
        <RunSummary run={run} />
        <RunGroupsTable run={run} />
      </div>
    </div>
  );
}
