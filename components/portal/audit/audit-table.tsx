import type { AuditEntryDto } from '@/lib/domain/dto';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';

const OUTCOME = { success: 'success', denied: 'warning', failed: 'danger' } as const;

/** Who did what, when, to what, from where, and how it went. */
export function AuditTable({ entries }: { entries: AuditEntryDto[] }) {
  if (entries.length === 0) return <EmptyState icon="audit" title="No entries match" description="Widen the dates or clear the action filter." />;
  return (
    <Table caption="Audit log" data-testid="audit-table">
      <THead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Outcome</Th>
          <Th>Source</Th>
          <Th>Details</Th>
        </tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">{formatDateTime(e.time, { seconds: true })}</Td>
            <Td>
              {e.actorEmail ?? 'system'}
              {e.actorRole && <span className="block text-xs text-slate-500 dark:text-slate-400">{e.actorRole}</span>}
            </Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td className="text-xs">
              {e.targetType ?? '—'}
              {e.targetId && <span className="block font-mono text-slate-500 dark:text-slate-400">{e.targetId}</span>}
            </Td>
            <Td>
              <Badge tone={OUTCOME[e.outcome]}>{e.outcome}</Badge>
            </Td>
            <Td className="font-mono text-xs">{e.sourceIp ?? '—'}</Td>
            <Td className="max-w-sm">
              {e.details ? (
                <details>
                  <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">Show</summary>
                  <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-[11px] whitespace-pre-wrap break-all dark:bg-slate-800">{JSON.stringify(e.details, null, 2)}</pre>
                </details>
              ) : (
                '—'
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
