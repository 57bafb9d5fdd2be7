import Link from 'next/link';
import type { AlertDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatDuration } from '@/lib/format';

/** Every RPO breach (an rpo-breach alert spans the breach), how long it lasted, per group. */
export function BreachHistory({ alerts, nowMs }: { alerts: AlertDto[]; nowMs: number }) {
  const breaches = alerts.filter((a) => a.code === 'rpo-breach');
  const byGroup = new Map<string, { name: string; count: number; seconds: number }>();
  for (const b of breaches) {
    const key = b.groupId ?? '—';
    const seconds = ((b.resolvedAt ? Date.parse(b.resolvedAt) : nowMs) - Date.parse(b.raisedAt)) / 1000;
    const entry = byGroup.get(key) ?? { name: b.groupName ?? 'Deleted group', count: 0, seconds: 0 };
    byGroup.set(key, { ...entry, count: entry.count + 1, seconds: entry.seconds + seconds });
  }
  return (
    <Card data-testid="breach-history">
      <CardHeader title="RPO breach history" description="Periods when a group's actual RPO was over its target" />
      {breaches.length === 0 ? (
        <EmptyState icon="checkCircle" title="No RPO breaches on record" />
      ) : (
        <>
          <ul className="flex flex-wrap gap-2 border-b border-slate-200 px-4 py-3 text-sm dark:border-slate-800" aria-label="Breaches per group">
            {[...byGroup.entries()].map(([id, g]) => (
              <li key={id} className="rounded-md bg-slate-50 px-2.5 py-1.5 dark:bg-slate-800/60">
                <span className="font-medium">{g.name}</span>: {g.count} breach{g.count === 1 ? '' : 'es'}, {formatDuration(g.seconds)} over target
              </li>
            ))}
          </ul>
          <Table caption="RPO breaches">
            <THead>
              <tr>
                <Th>Group</Th>
                <Th>Started</Th>
                <Th>Ended</Th>
                <Th numeric>Duration</Th>
                <Th>Detail</Th>
              </tr>
            </THead>
            <TBody>
              {breaches.map((b) => (
                <Tr key={b.id}>
                  <Td>{b.groupId ? <Link href={`/groups/${b.groupId}`} className="font-medium hover:underline">{b.groupName}</Link> : '—'}</Td>
                  <Td>{formatDateTime(b.raisedAt)}</Td>
                  <Td>{b.resolvedAt ? formatDateTime(b.resolvedAt) : <Badge tone="danger" icon="error">Ongoing</Badge>}</Td>
                  <Td numeric>{formatDuration(((b.resolvedAt ? Date.parse(b.resolvedAt) : nowMs) - Date.parse(b.raisedAt)) / 1000)}</Td>
                  <Td className="max-w-md truncate" title={b.message}>
                    {b.message}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </Card>
  );
}
