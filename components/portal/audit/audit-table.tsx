import type { AuditEntryDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatTime } from '@/lib/format';
import { auditActor, auditRole } from './audit-labels';

const OUTCOME = { success: 'success', denied: 'warning', failed: 'danger' } as const;
const muted = 'block text-xs text-slate-500 dark:text-slate-400';

/** When: real time first; the simulated clock (what the other pages show) under it where it matters. */
function When({ e }: { e: AuditEntryDto }) {
  if (e.timeClock === 'simulated') {
    return (
      <>
        {formatDateTime(e.time, { seconds: true })}
        <span className={muted} title="Written before the audit trail kept one clock: this time is the simulated clock's; the real time was not recorded.">
          simulated clock (older entry)
        </span>
      </>
    );
  }
  return (
    <>
      <time dateTime={e.time}>{formatDateTime(e.time, { seconds: true })}</time>
      {e.simulatedTime && (
        <span className={muted} title="The simulated clock at that moment: the clock the portal's other pages show.">
          sim {formatDateTime(e.simulatedTime, { seconds: true })}
        </span>
      )}
    </>
  );
}

/**
 * "×37": identical refusals or failures within a minute are one entry with a count (an
 * `audit.suppressed` entry counts a source's further ones), with the time of the last.
 */
function Repeats({ e }: { e: AuditEntryDto }) {
  if (e.count <= 1) return null;
  const span = `${e.count} times, the first at ${formatTime(e.time)} and the last at ${formatTime(e.lastTime ?? e.time)} UTC`;
  return (
    <>
      <span data-testid="audit-count" className="ml-1.5 font-mono text-xs font-semibold" title={span} aria-label={span}>
        ×{e.count}
      </span>
      {e.lastTime && <span className={muted}>last {formatTime(e.lastTime)}</span>}
    </>
  );
}

/** Who did what, when, to what, from where, and how it went; in the order it was recorded. */
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
          <Tr key={e.id} data-testid="audit-row" data-id={e.id} data-action={e.action} data-time={e.time}>
            <Td className="whitespace-nowrap">
              <When e={e} />
            </Td>
            <Td data-testid="audit-actor">
              {auditActor(e)}
              {e.actorRole && <span className={muted}>{auditRole(e)}</span>}
            </Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td data-testid="audit-target">
              {e.targetName ?? e.targetType ?? '—'}
              {e.targetId && (
                <span className={`${muted} font-mono`}>
                  {e.targetName && e.targetType ? `${e.targetType} ` : ''}
                  {e.targetId}
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              <Badge tone={OUTCOME[e.outcome]}>{e.outcome}</Badge>
              <Repeats e={e} />
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
