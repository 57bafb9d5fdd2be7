import type { RecoveryReportItem } from '@/lib/domain/reports/recovery-report';
import { formatDateTime, formatDuration, formatMinutes } from '@/lib/format';
import { OPERATION_TYPE_LABEL } from '@/components/operations/labels';
import { OUTCOME_WORDS } from '@/components/portal/reports/outcome';

export const RECOVERY_REPORT_HEADER = [
  'Type', 'Group', 'Started', 'Finished', 'Started by', 'Checkpoint', 'Data loss', 'RTO achieved', 'RTO target', 'RTO met', 'RTO per VM', 'Result', 'Notes', 'Scheduled drill', 'Application checks', 'Operation',
];

/** One operation in the words an auditor reads, as the report page shows it. */
export function recoveryReportRow(o: RecoveryReportItem): string[] {
  return [
    OPERATION_TYPE_LABEL[o.type],
    o.groupName,
    formatDateTime(o.startedAt),
    formatDateTime(o.finishedAt),
    `${o.startedBy === 'system' ? 'System (scheduled drill)' : o.startedBy}${o.actingAsStaff ? ' (provider staff)' : ''}${o.approvedBy ? `; approved by ${o.approvedBy}` : ''}${o.breakGlassReason ? `; break glass: ${o.breakGlassReason}` : ''}`,
    o.checkpointTime ? formatDateTime(o.checkpointTime, { seconds: true }) : 'latest',
    formatDuration(o.dataLossSeconds),
    formatDuration(o.rtoSeconds),
    formatMinutes(o.rtoTargetMinutes),
    o.rtoMet == null ? '' : o.rtoMet ? 'yes' : 'no',
    o.vms.map((vm) => `${vm.name} ${formatDuration(vm.rtoSeconds)}`).join('; '),
    OUTCOME_WORDS[o.outcome],
    o.notes ?? '',
    o.drill?.scheduleName ?? '',
    o.drill ? o.drill.checks.map((c) => `${c.vmName} ${c.name}: ${c.ok ? 'passed' : `failed (${c.detail})`}`).join('; ') : '',
    o.id,
  ];
}
