import Link from 'next/link';
import type { CheckResultDto } from '@/lib/domain/drills/checks';
import type { DrillDto } from '@/lib/domain/drills/dto';
import { APP_CHECK_KIND_LABEL, DRILL_SKIP_LABEL, type AppCheckKind } from '@/lib/schemas/test-schedules';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';

/** A drill's result as a badge: text and icon, never colour alone. */
export function DrillResultBadge({ drill }: { drill: Pick<DrillDto, 'status' | 'result' | 'skipCode'> | null }) {
  if (!drill) return <Badge tone="neutral">Not run yet</Badge>;
  if (drill.status === 'running') return <Badge tone="progress" icon="activity">Running</Badge>;
  if (drill.result === 'passed') return <Badge tone="success" icon="check">Passed</Badge>;
  if (drill.result === 'failed') return <Badge tone="danger" icon="error">Failed</Badge>;
  return (
    <Badge tone="warning" icon="pause" title={drill.skipCode ? DRILL_SKIP_LABEL[drill.skipCode] : undefined}>
      {drill.skipCode === 'missed' ? 'Missed' : 'Skipped'}
    </Badge>
  );
}

/** The application checks of test VMs: one row per check, failing ones first-class. */
export function ChecksTable({ checks, caption = 'Application checks' }: { checks: CheckResultDto[]; caption?: string }) {
  if (!checks.length) return <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">No application checks ran.</p>;
  return (
    <Table caption={caption} data-testid="app-checks">
      <THead>
        <tr>
          <Th>VM</Th>
          <Th>Check</Th>
          <Th>Target</Th>
          <Th>Result</Th>
          <Th>Detail</Th>
        </tr>
      </THead>
      <TBody>
        {checks.map((c) => (
          <Tr key={`${c.operationId}-${c.checkId}`} data-testid="app-check-row">
            <Td className="whitespace-nowrap font-medium">{c.vmName}</Td>
            <Td className="whitespace-nowrap">
              {c.name}
              {c.name !== APP_CHECK_KIND_LABEL[c.kind as AppCheckKind] && <span className="block text-xs text-slate-500 dark:text-slate-400">{APP_CHECK_KIND_LABEL[c.kind as AppCheckKind] ?? c.kind}</span>}
            </Td>
            <Td className="font-mono text-xs">{c.target}</Td>
            <Td>{c.ok ? <Badge tone="success" icon="check">Passed</Badge> : <Badge tone="danger" icon="error">{c.forced ? 'Failed (forced)' : 'Failed'}</Badge>}</Td>
            <Td className="text-xs">
              {c.detail}
              {c.at && <span className="block text-slate-500 dark:text-slate-400">at {formatDateTime(c.at, { seconds: true })}</span>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** One drill: when, result, why, its tests and its checks. */
export function DrillSummary({ drill }: { drill: DrillDto }) {
  return (
    <div className="space-y-2 px-4 py-3 text-sm" data-testid="drill">
      <div className="flex flex-wrap items-center gap-2">
        <DrillResultBadge drill={drill} />
        <span>
          Due {formatDateTime(drill.scheduledFor)}
          {drill.result !== 'skipped' && <>, started {formatDateTime(drill.startedAt)}, {drill.status === 'running' ? `stops itself at ${formatDateTime(drill.endsAt)}` : `ended ${formatDateTime(drill.finishedAt ?? drill.endsAt)}`}</>}
        </span>
        {drill.missedSlots > 0 && <Badge tone="neutral">{drill.missedSlots} earlier slot{drill.missedSlots === 1 ? '' : 's'} missed while the server was down</Badge>}
      </div>
      {drill.reason && <p className={drill.result === 'failed' ? 'text-red-800 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}>{drill.reason}</p>}
      {drill.groups.some((g) => g.operationId) && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Test failovers:{' '}
          {drill.groups.map((g, i) => (
            <span key={g.groupId}>
              {i > 0 && ', '}
              {g.operationId ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/operations/${g.operationId}`}>{g.groupName}</Link> : g.groupName}
              {g.result && ` (${g.result})`}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
