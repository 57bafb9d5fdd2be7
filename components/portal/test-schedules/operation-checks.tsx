'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useLiveStatus } from '@/components/live/live-store';
import { apiJson } from '@/components/portal/api';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { OperationChecksDto } from '@/lib/domain/drills/checks';
import { formatDateTime } from '@/lib/format';
import { ChecksTable, DrillResultBadge } from './drill-view';

/**
 * A test failover's application checks (and the drill that started it). They change when a boot
 * group comes up (a step of the operation: `operation:<id>`), a fault is injected or cleared
 * (`vms`) or the drill finishes (`test-schedules`), all announced on the live stream
 * (components/live/topic-keys.ts). Polled every 3 s while the test runs only when the stream is down.
 */
export function OperationChecks({ operationId, open }: { operationId: string; open: boolean }) {
  const live = useLiveStatus() === 'live';
  const { data, isPending, isError } = useQuery({
    queryKey: ['operation-checks', operationId],
    queryFn: ({ signal }) => apiJson<OperationChecksDto>(`/api/v1/operations/${operationId}/app-checks`, { signal }),
    refetchInterval: (q) => (!live && (open || q.state.data?.drill?.status === 'running') ? 3000 : false),
  });
  const drill = data?.drill;
  return (
    <Card data-testid="operation-checks">
      <CardHeader
        title="Application checks"
        description={
          drill ? (
            <>
              Started by the schedule <Link className="text-sky-700 hover:underline dark:text-sky-400" href={drill.scheduleId ? `/test-schedules/${drill.scheduleId}` : '/test-schedules'}>{drill.scheduleName}</Link>
              {drill.status === 'running' ? `; it stops itself at ${formatDateTime(drill.endsAt)}.` : '.'}
            </>
          ) : (
            'Simulated checks of each test VM once its boot group is up: a port, a URL, the guest heartbeat, a script.'
          )
        }
        actions={drill ? <DrillResultBadge drill={{ status: drill.status as 'running' | 'finished', result: drill.result as 'passed' | 'failed' | 'skipped' | null, skipCode: null }} /> : data && !data.recorded && data.checks.length > 0 ? <Badge tone="info">Live</Badge> : undefined}
      />
      {isPending ? (
        <div className="space-y-2 p-4" aria-label="Loading application checks"><Skeleton className="h-4 w-2/3" /><Skeleton className="h-4 w-1/2" /></div>
      ) : isError ? (
        <p className="px-4 py-3 text-sm text-slate-500">The checks could not be loaded.</p>
      ) : (
        <>
          {drill?.reason && drill.result === 'failed' && <p className="px-4 pt-3 text-sm text-red-800 dark:text-red-300">{drill.reason}</p>}
          <ChecksTable checks={data.checks} />
        </>
      )}
    </Card>
  );
}
