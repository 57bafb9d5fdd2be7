import Link from 'next/link';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { Badge } from '@/components/ui/badge';
import { ProgressBar } from '@/components/ui/progress';
import { OperationStatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';

function Rto({ op }: { op: OperationDto }) {
  if (op.rtoSeconds === null) return <span className="text-slate-400">—</span>;
  const over = op.rtoSeconds > op.rtoTargetMinutes * 60;
  return (
    <span className={over ? 'font-medium text-red-700 dark:text-red-400' : undefined} title={over ? 'Over the RTO target' : 'Within the RTO target'}>
      {formatDuration(op.rtoSeconds)}
      <span className="text-slate-400"> / {formatMinutes(op.rtoTargetMinutes)}</span>
      {over && <span className="sr-only"> (over target)</span>}
    </span>
  );
}

export function OperationsTable({ items }: { items: OperationDto[] }) {
  return (
    <Table caption="Operations, newest first">
      <THead>
        <tr>
          <Th>Started</Th>
          <Th>Group</Th>
          <Th>Type</Th>
          <Th>Status</Th>
          <Th>Direction</Th>
          <Th numeric>Data loss</Th>
          <Th numeric>RTO / target</Th>
          <Th>Result</Th>
          <Th>Started by</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((op) => (
          <Tr key={op.id} data-testid="operation-row">
            <Td className="whitespace-nowrap">
              <Link href={`/operations/${op.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {formatDateTime(op.startedAt)}
              </Link>
            </Td>
            <Td>{op.groupName}</Td>
            <Td>
              <Badge tone={op.type === 'test-failover' ? 'info' : 'danger'}>{OPERATION_TYPE_LABEL[op.type]}</Badge>
            </Td>
            <Td>
              <div className="flex min-w-36 flex-col gap-1">
                <OperationStatusBadge status={op.status} />
                {['running', 'pending'].includes(op.status) && <ProgressBar value={op.progress} label={`Progress of ${op.groupName}`} tone="progress" />}
              </div>
            </Td>
            <Td className="whitespace-nowrap">
              {op.fromSiteName} → {op.toSiteName}
            </Td>
            <Td numeric>{formatDuration(op.dataLossSeconds)}</Td>
            <Td numeric>
              <Rto op={op} />
            </Td>
            <Td>{op.result ? (op.result === 'passed' ? 'Passed' : 'Failed') : op.error ? <span title={op.error}>Error</span> : '—'}</Td>
            <Td className="text-xs">{op.startedBy}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
