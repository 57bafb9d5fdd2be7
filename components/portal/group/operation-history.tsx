import Link from 'next/link';
import type { OperationDto } from '@/lib/domain/operations/operation-dto';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { OperationStatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';

/** Tests, failovers and moves of the group, newest first, each linking to its record. */
export function OperationHistory({ operations }: { operations: OperationDto[] }) {
  return (
    <Card id="history" data-testid="operation-history">
      <CardHeader title="Operation history" description="Test failovers, live failovers and moves of this group" />
      {operations.length === 0 ? (
        <EmptyState icon="activity" title="No operations yet" description="A test failover proves the group can recover; it is due at least once a year." />
      ) : (
        <Table caption="Operations of this group">
          <THead>
            <tr>
              <Th>Operation</Th>
              <Th>Status</Th>
              <Th>Started</Th>
              <Th>By</Th>
              <Th numeric>Data loss</Th>
              <Th numeric>RTO (target)</Th>
              <Th>Result</Th>
            </tr>
          </THead>
          <TBody>
            {operations.map((o) => (
              <Tr key={o.id}>
                <Td>
                  <Link prefetch={false} href={`/operations/${o.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                    {OPERATION_TYPE_LABEL[o.type]}
                  </Link>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {o.fromSiteName} → {o.toSiteName}
                  </span>
                </Td>
                <Td>
                  <OperationStatusBadge status={o.status} />
                </Td>
                <Td>{formatDateTime(o.startedAt)}</Td>
                <Td>{o.startedBy}</Td>
                <Td numeric>{formatDuration(o.dataLossSeconds)}</Td>
                <Td numeric>
                  {formatDuration(o.rtoSeconds)} <span className="text-slate-500 dark:text-slate-400">({formatMinutes(o.rtoTargetMinutes)})</span>
                </Td>
                <Td>{o.result ? <Badge tone={o.result === 'passed' ? 'success' : 'danger'}>{o.result === 'passed' ? 'Passed' : 'Failed'}</Badge> : '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
