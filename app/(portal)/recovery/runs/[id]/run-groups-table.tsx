import Link from 'next/link';
import { RunGroupBadge } from '@/components/portal/recovery/run-badges';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { ProgressBar } from '@/components/ui/progress';
import { OPERATION_STATUS } from '@/components/ui/status';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { RunDto, RunGroupDto } from '@/lib/domain/recovery/run-dto';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';

/** "actual (forecast …)": what happened beside what the forecast said at the start. */
function Figure({ actual, forecast, target }: { actual: number | null; forecast: number | null; target?: string }) {
  return (
    <>
      <span className="font-medium">{formatDuration(actual)}</span>
      <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">forecast {formatDuration(forecast)}</span>
      {target && <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">target {target}</span>}
    </>
  );
}

/** Per tier, per group: its operation's status and progress, data loss and RTO against forecast and target. */
export function RunGroupsTable({ run }: { run: RunDto }) {
  const tiers = run.tiers.length ? run.tiers : [{ tier: 1, delayAfterSeconds: 0, startsAt: null }];
  return (
    <Card>
      <CardHeader title="Groups" description="Each group runs its own operation, in its own boot order; open it to decide for that group alone." />
      <Table caption="Groups of the run" data-testid="run-groups">
        <THead>
          <tr>
            <Th>Group</Th>
            <Th>Status</Th>
            <Th className="w-24">Progress</Th>
            <Th numeric>Data loss</Th>
            <Th numeric>RTO</Th>
          </tr>
        </THead>
        {tiers.map((t, i) => {
          const groups = run.groups.filter((g) => g.tier === t.tier);
          return (
            <TBody key={t.tier} data-testid={`run-tier-${t.tier}`}>
              {tiers.length > 1 && (
                <tr className="bg-slate-50 dark:bg-slate-800/40">
                  <th scope="colgroup" colSpan={5} className="px-4 py-1.5 text-left text-xs font-semibold text-slate-600 dark:text-slate-300">
                    Tier {t.tier}
                    <span className="font-normal text-slate-500">
                      {t.startsAt ? ` · starts ${formatDateTime(t.startsAt, { seconds: true })}` : i > 0 ? ' · starts when the tier before is up' : ''}
                      {t.delayAfterSeconds > 0 && i < tiers.length - 1 ? ` · then waits ${formatDuration(t.delayAfterSeconds)}` : ''}
                    </span>
                  </th>
                </tr>
              )}
              {groups.map((g) => (
                <GroupRow key={g.groupId} g={g} />
              ))}
            </TBody>
          );
        })}
      </Table>
    </Card>
  );
}

function GroupRow({ g }: { g: RunGroupDto }) {
  const target = g.rtoTargetMinutes * 60;
  const rtoOver = g.rtoSeconds !== null && g.rtoSeconds > target;
  const tone = g.operationStatus ? (OPERATION_STATUS[g.operationStatus]?.tone ?? 'progress') : g.state === 'not-started' ? 'danger' : 'neutral';
  return (
    <Tr data-testid={`run-group-${g.groupId}`} data-state={g.state} data-status={g.operationStatus ?? g.state}>
      <Td className="min-w-44">
        <Link href={`/groups/${g.groupId}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
          {g.groupName}
        </Link>
        <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
          {g.fromSiteName} → {g.toSiteName}
        </span>
        {g.error && (
          <span className="mt-1 block text-xs text-red-700 dark:text-red-400" data-testid="run-group-error">
            {g.error}
          </span>
        )}
      </Td>
      <Td>
        <RunGroupBadge group={g} />
        {g.testResult && <span className="block text-xs text-slate-500">Test {g.testResult}</span>}
        {g.commitDeadline && g.operationStatus === 'awaiting-commit' && <span className="block text-xs text-slate-500">policy acts {formatDateTime(g.commitDeadline, { seconds: true })}</span>}
        {g.operationId && (
          <Link href={`/operations/${g.operationId}`} className="mt-1 block whitespace-nowrap text-xs font-medium text-sky-700 hover:underline dark:text-sky-400" aria-label={`Operation of ${g.groupName}`}>
            Open its operation
          </Link>
        )}
      </Td>
      <Td>
        <ProgressBar value={g.progress} label={`Progress of ${g.groupName}`} tone={tone} />
        <span className="text-xs tabular-nums text-slate-500">{Math.round(g.progress * 100)} %</span>
      </Td>
      <Td numeric>
        <Figure actual={g.dataLossSeconds} forecast={g.forecast.dataLossSeconds} />
      </Td>
      <Td numeric className={cn(rtoOver && 'text-red-700 dark:text-red-400')}>
        <Figure actual={g.rtoSeconds} forecast={g.forecast.rtoSeconds} target={formatMinutes(g.rtoTargetMinutes)} />
      </Td>
    </Tr>
  );
}
