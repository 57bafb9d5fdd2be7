import Link from 'next/link';
import type { OperationDto } from '@/lib/domain/operations';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';

function Result({ o }: { o: OperationDto }) {
  if (o.result === 'passed') return <Badge tone="success" icon="checkCircle">Passed</Badge>;
  if (o.result === 'failed') return <Badge tone="danger" icon="error">Failed</Badge>;
  if (o.status === 'failed') return <Badge tone="danger" icon="error">Operation failed</Badge>;
  return <Badge tone="info" icon="flask">In progress</Badge>;
}

/** Per test: who, when, from which checkpoint, data loss, RTO against target, result and notes. */
export function EvidenceTable({ operations }: { operations: OperationDto[] }) {
  if (operations.length === 0) {
    return <EmptyState icon="flask" title="No test failovers match" description="Run a test failover from a protection group: it is the evidence that the group can recover." />;
  }
  return (
    <Table caption="DR test evidence" data-testid="evidence-table">
      <THead>
        <tr>
          <Th>Group</Th>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Checkpoint</Th>
          <Th numeric>Data loss</Th>
          <Th numeric>RTO / target</Th>
          <Th>Result</Th>
          <Th>Notes</Th>
        </tr>
      </THead>
      <TBody>
        {operations.map((o) => {
          const met = o.rtoSeconds != null && o.rtoSeconds <= o.rtoTargetMinutes * 60;
          return (
            <Tr key={o.id} className="break-inside-avoid">
              <Td>
                <Link href={`/operations/${o.id}`} className="font-medium hover:underline">
                  {o.groupName}
                </Link>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {o.fromSiteName} → {o.toSiteName}
                </span>
              </Td>
              <Td className="whitespace-nowrap">
                {formatDateTime(o.startedAt)}
                {o.finishedAt && <span className="block text-xs text-slate-500 dark:text-slate-400">ended {formatDateTime(o.finishedAt)}</span>}
              </Td>
              <Td>
                {o.startedBy}
                {o.actingAsStaff && <span className="block text-xs text-slate-500 dark:text-slate-400">provider staff</span>}
              </Td>
              <Td className="whitespace-nowrap">{o.checkpointTime ? formatDateTime(o.checkpointTime, { seconds: true }) : 'Latest'}</Td>
              <Td numeric>{formatDuration(o.dataLossSeconds)}</Td>
              <Td numeric>
                {o.rtoSeconds == null ? (
                  '—'
                ) : (
                  <span className={met ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
                    {formatDuration(o.rtoSeconds)} / {formatMinutes(o.rtoTargetMinutes)} {met ? '(met)' : '(missed)'}
                  </span>
                )}
              </Td>
              <Td>
                <Result o={o} />
              </Td>
              <Td className="max-w-xs text-xs">{o.notes ?? '—'}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
