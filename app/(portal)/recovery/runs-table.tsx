import Link from 'next/link';
import { RunStatusBadge, RunTypeBadge } from '@/components/portal/recovery/run-badges';
import { runLabel } from '@/components/portal/recovery/run-labels';
import { ProgressBar } from '@/components/ui/progress';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { RunDto } from '@/lib/domain/recovery/run-dto';
import { formatDateTime } from '@/lib/format';

export function RunsTable({ items }: { items: RunDto[] }) {
  return (
    <Table caption="Recovery runs, newest first">
      <THead>
        <tr>
          <Th>Started</Th>
          <Th>Type</Th>
          <Th>Status</Th>
          <Th>Groups</Th>
          <Th>Started by</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((r) => (
          <Tr key={r.id} data-testid="run-row">
            <Td className="whitespace-nowrap">
              <Link href={`/recovery/runs/${r.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400" aria-label={runLabel(r)}>
                {formatDateTime(r.startedAt)}
              </Link>
            </Td>
            <Td>
              <RunTypeBadge type={r.type} />
              {(r.sourceSiteName || r.planName) && <span className="block text-xs text-slate-500">{r.planName ? `plan “${r.planName}”` : `from ${r.sourceSiteName}`}</span>}
            </Td>
            <Td className="min-w-36">
              <RunStatusBadge status={r.status} />
              {r.status === 'in-progress' && <ProgressBar className="mt-1.5" value={r.progress} label={`Progress of ${runLabel(r)}`} tone="progress" />}
            </Td>
            <Td className="text-sm">
              {r.groups.map((g) => g.groupName).join(', ')}
              <span className="block text-xs text-slate-500">
                {r.counts.recovered} of {r.counts.groups} recovered
              </span>
            </Td>
            <Td className="text-sm">
              {r.startedBy}
              {r.actingAsStaff && <span className="block text-xs text-slate-500">staff acting for you</span>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
