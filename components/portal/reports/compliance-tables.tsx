import Link from 'next/link';
import type { GroupCompliance } from '@/lib/domain/reports/compliance';
import type { SlaReportDto } from '@/lib/domain/core/dto';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDuration, formatMinutes, formatNumber, formatPercent } from '@/lib/format';
import type { SlaBand } from '@/lib/domain/reports/sla-table';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthName = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

/** Share of each month within the RPO target, per group. */
export function RpoComplianceTable({ rows }: { rows: GroupCompliance[] }) {
  const months = rows[0]?.months.map((m) => m.month) ?? [];
  if (months.length === 0) return <EmptyState icon="activity" title="No RPO samples yet" description="Each month with replication history appears here once the groups have been measured." />;
  return (
    <Table caption="RPO compliance per group and month" data-testid="rpo-compliance">
      <THead>
        <tr>
          <Th>Group</Th>
          <Th numeric>RPO target</Th>
          {months.map((m) => (
            <Th key={m} numeric>
              {monthName(m)}
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {rows.map(({ group, months: ms }) => (
          <Tr key={group.id}>
            <Td>
              <Link href={`/groups/${group.id}`} className="font-medium hover:underline">
                {group.name}
              </Link>
            </Td>
            <Td numeric>{formatDuration(group.rpoTargetSeconds)}</Td>
            {ms.map((m) => (
              <Td key={m.month} numeric>
                {m.sharePercent == null ? (
                  <span className="text-slate-500 dark:text-slate-400">no samples</span>
                ) : (
                  <span className={m.sharePercent >= 99.9 ? 'text-emerald-700 dark:text-emerald-400' : m.sharePercent >= 99 ? 'text-amber-700 dark:text-amber-400' : 'text-red-700 dark:text-red-400'}>
                    {formatPercent(m.sharePercent, 2)} within
                  </span>
                )}
                <span className="block text-xs text-slate-500 dark:text-slate-400">{m.breaches ? `${m.breaches} breach${m.breaches > 1 ? 'es' : ''}` : 'no breach'}</span>
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** Monthly availability against 99.9 %, and the service credit it earned (10 % below 99.5, 25 % below 99). */
export function AvailabilityTable({ months }: { months: SlaReportDto[] }) {
  return (
    <Table caption="Monthly availability and service credit" data-testid="availability-history">
      <THead>
        <tr>
          <Th>Month</Th>
          <Th numeric>Availability</Th>
          <Th numeric>Downtime</Th>
          <Th numeric>Maintenance (excluded)</Th>
          <Th>Target 99.9 %</Th>
          <Th numeric>Service credit</Th>
        </tr>
      </THead>
      <TBody>
        {months.map((m) => (
          <Tr key={m.month}>
            <Td>
              {monthName(m.month)}
              {m.periodEnd.slice(0, 7) === m.month && new Date(m.periodEnd).getUTCDate() !== 1 && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">(so far)</span>}
            </Td>
            <Td numeric>{formatPercent(m.uptimePercent, 3)}</Td>
            <Td numeric>{formatMinutes(m.downtimeMinutes)}</Td>
            <Td numeric>{formatMinutes(m.maintenanceMinutes)}</Td>
            <Td>{m.uptimePercent >= m.targetPercent ? <Badge tone="success" icon="check">Met</Badge> : <Badge tone="danger" icon="error">Missed</Badge>}</Td>
            <Td numeric>{m.creditPercent ? `${formatPercent(m.creditPercent, 0)} of the monthly charge` : 'None'}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** The service description's availability table (seed 2.7, appendix A), on an average month of 730 hours. */
export function SlaBandsTable({ bands }: { bands: SlaBand[] }) {
  const range = (b: SlaBand) =>
    b.fromPercent === null ? `below ${formatPercent(b.belowPercent!, 1)}` : b.belowPercent === null ? `${formatPercent(b.fromPercent, 1)} or more` : `${formatPercent(b.fromPercent, 1)} to below ${formatPercent(b.belowPercent, 1)}`;
  return (
    <Table caption="Availability table of the service description (appendix A)" data-testid="sla-bands">
      <THead>
        <tr>
          <Th>Availability in a calendar month</Th>
          <Th numeric>Downtime a month (730 h)</Th>
          <Th numeric>Service credit</Th>
          <Th>Meaning</Th>
        </tr>
      </THead>
      <TBody>
        {bands.map((b) => (
          <Tr key={b.label}>
            <Td>{range(b)}</Td>
            <Td numeric>{b.maxDowntimeMinutes === null ? `more than ${formatNumber(bands[bands.length - 2].maxDowntimeMinutes!)} min` : `up to ${formatNumber(b.maxDowntimeMinutes, b.maxDowntimeMinutes % 1 ? 1 : 0)} min`}</Td>
            <Td numeric>{b.creditPercent ? `${b.creditPercent} % of the monthly charge` : 'None'}</Td>
            <Td>{b.label}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
