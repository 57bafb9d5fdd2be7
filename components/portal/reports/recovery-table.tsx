import Link from 'next/link';
import type { RecoveryReportItem } from '@/lib/domain/reports/recovery-report';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';
import { OutcomeBadge } from './outcome';

const muted = 'block text-xs text-slate-500 dark:text-slate-400';

/** The group's RTO against its target, then each VM of the plan: when it was up after the start. */
function Rto({ o }: { o: RecoveryReportItem }) {
  return (
    <>
      {o.rtoSeconds == null ? (
        '—'
      ) : (
        <span className={o.rtoMet ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
          {formatDuration(o.rtoSeconds)} / {formatMinutes(o.rtoTargetMinutes)} {o.rtoMet ? '(met)' : '(missed)'}
        </span>
      )}
      {o.vms.length > 0 && (
        <ul aria-label={`RTO per VM, ${o.groupName}`} className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
          {o.vms.map((vm) => (
            <li key={vm.vmId} title={`Boot group: ${vm.bootGroup}`} className="whitespace-nowrap">
              {vm.name} <span className="tabular-nums">{vm.rtoSeconds == null ? 'not up' : formatDuration(vm.rtoSeconds)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * Per operation: type, group, who, when, the checkpoint, the data loss, the RTO against the
 * target (and per VM), and the result. Every VM recovers to the group's checkpoint, so the data
 * loss is the group's and each of its VMs'.
 */
export function RecoveryTable({ items }: { items: RecoveryReportItem[] }) {
  if (items.length === 0) {
    return <EmptyState icon="flask" title="No operations match" description="Run a test failover from a protection group: it is the evidence that the group can recover." />;
  }
  return (
    <Table caption="Recovery report" data-testid="recovery-report">
      <THead>
        <tr>
          <Th>Operation</Th>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Checkpoint</Th>
          <Th numeric>Data loss</Th>
          <Th numeric>RTO / target, per VM</Th>
          <Th>Result</Th>
          <Th>Notes</Th>
        </tr>
      </THead>
      <TBody>
        {items.map((o) => (
          <Tr key={o.id} className="break-inside-avoid" data-testid={`report-row-${o.id}`}>
            <Td>
              <Link href={`/operations/${o.id}`} className="font-medium hover:underline">
                {o.groupName}
              </Link>
              <span className={muted}>
                {OPERATION_TYPE_LABEL[o.type]} · {o.fromSiteName} → {o.toSiteName}
              </span>
            </Td>
            <Td className="whitespace-nowrap">
              {formatDateTime(o.startedAt)}
              {o.finishedAt && <span className={muted}>ended {formatDateTime(o.finishedAt)}</span>}
            </Td>
            <Td>
              {o.startedBy === 'system' ? 'System' : o.startedBy}
              {o.actingAsStaff && <span className={muted}>provider staff</span>}
              {o.drill && <span className={muted}>scheduled drill: {o.drill.scheduleName}</span>}
              {o.approvedBy && <span className={muted}>approved by {o.approvedBy}</span>}
              {o.breakGlassReason && (
                <span className="block" title={o.breakGlassReason}>
                  <Badge tone="danger">Break glass</Badge>
                </span>
              )}
            </Td>
            <Td className="whitespace-nowrap">{o.checkpointTime ? formatDateTime(o.checkpointTime, { seconds: true }) : 'Latest'}</Td>
            <Td numeric>{formatDuration(o.dataLossSeconds)}</Td>
            <Td numeric>
              <Rto o={o} />
            </Td>
            <Td>
              <OutcomeBadge outcome={o.outcome} title={o.status === 'failed' && o.error ? `Operation failed: ${o.error}` : undefined} />
            </Td>
            <Td className="max-w-xs text-xs">
              {o.notes ?? (o.status === 'failed' ? o.error : null) ?? '—'}
              {o.drill && o.drill.checks.length > 0 && (
                <ul aria-label={`Application checks, ${o.groupName}`} className="mt-1 space-y-0.5 text-slate-600 dark:text-slate-400" data-testid="report-drill-checks">
                  {o.drill.checks.map((c, i) => (
                    <li key={i} className={c.ok ? undefined : 'text-red-700 dark:text-red-400'}>
                      {c.ok ? '✓' : '✗'} {c.vmName} {c.name}{c.ok ? '' : `: ${c.detail}`}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
