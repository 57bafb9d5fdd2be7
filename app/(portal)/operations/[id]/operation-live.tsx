'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLiveStatus } from '@/components/live/live-store';
import { apiJson, ApiProblem } from '@/components/portal/api';
import { isOpenStatus } from '@/components/operations/labels';
import { StepList } from '@/components/operations/step-list';
import { Card, CardHeader } from '@/components/ui/card';
import { useToast } from '@/components/ui/toast';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { OperationActions } from './operation-actions';
import { OperationSummary } from './operation-summary';
import { OperationAccess } from './operation-access';

/**
 * Refetched when the live stream announces a step of the operation; while the stream is down, polled
 * every 1.5 s while it is open. A finished record does not change.
 */
export function OperationLive({ initial, canAct }: { initial: OperationDto; canAct: boolean }) {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const key = ['operation', initial.id];
  const live = useLiveStatus() === 'live';
  const { data } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiJson<OperationDto>(`/api/v1/operations/${initial.id}`, { signal }),
    initialData: initial,
    refetchInterval: (q) => (!live && q.state.data && isOpenStatus(q.state.data.status) ? 1500 : false),
    staleTime: 0,
  });
  const op = data ?? initial;
  const [busy, setBusy] = useState(false);

  async function act(action: 'commit' | 'rollback' | 'stop-test', body?: unknown) {
    setBusy(true);
    try {
      const next = await apiJson<OperationDto>(`/api/v1/operations/${op.id}/${action}`, { method: 'POST', body: body ?? {} });
      queryClient.setQueryData(key, next);
      const what = { commit: 'Commit started', rollback: 'Rollback started', 'stop-test': 'Stopping the test' }[action];
      toast({ title: what, tone: 'success', durationMs: 4000 });
    } catch (error) {
      toast({ title: 'The action was refused', description: error instanceof ApiProblem ? error.message : 'Network error', tone: 'danger' });
      await queryClient.invalidateQueries({ queryKey: key });
      throw error;
    } finally {
      setBusy(false);
    }
  }

  // The decision (commit, roll back, stop the test) comes first in the page, so a phone shows it
  // above the step list; wide screens place it in the right-hand column.
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="space-y-4 lg:col-start-2 lg:row-start-1">
        {canAct && <OperationActions op={op} busy={busy} onAct={act} />}
        {op.error && (
          <Card className="border-red-300 dark:border-red-800">
            <CardHeader title="Why it failed" />
            <p className="px-4 py-3 text-sm text-red-800 dark:text-red-300" data-testid="operation-error">
              {op.error}
            </p>
          </Card>
        )}
      </div>
      <div className="space-y-4 lg:col-start-1 lg:row-start-1">
        <OperationSummary op={op} />
        <OperationAccess op={op} />
        <Card>
          <CardHeader title="Steps" description="Times are UTC on the simulated clock." />
          <StepList steps={op.steps} />
        </Card>
      </div>
    </div>
  );
}
