import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { formatMoney } from '@/components/staff/money';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/field';
import { Icon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatDate, formatMinutes, formatPercent } from '@/lib/format';
import { simDate } from '@/lib/domain/core/clock';
import { ValidationError } from '@/lib/core/errors';
import { slaReport, type StaffSlaReport } from '@/lib/domain/staff/sla-report';
import { MIN_YEAR } from '@/lib/schemas/dates';
import { staffActor } from '../_lib/staff-actor';

export const metadata: Metadata = { title: 'SLA and credits' };

const creditTone = (pct: number) => (pct >= 25 ? 'danger' : pct > 0 ? 'warning' : 'success');

export default async function SlaPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  const { month: asked } = await searchParams;
  const db = getDb();
  const actor = await staffActor();
  const current = (await simDate()).toISOString().slice(0, 7);
  // The month is validated by the report's schema like the API's: a bad one reads as a problem.
  const month = (Array.isArray(asked) ? asked[0] : asked) || current;
  let report: StaffSlaReport | null = null;
  let problem: string | null = null;
  try {
    report = await slaReport(db, actor, { month });
  } catch (error) {
    // A malformed month or one that has not started yet is a user's choice, not a crash.
    if (!(error instanceof ValidationError)) throw error;
    problem = error.errors.map((e) => e.message).join(' ');
  }

  return (
    <>
      <PageHeader
        title="SLA and service credits"
        description="Availability per tenant and calendar month (UTC): outages of the sites and links a tenant uses, maintenance windows excluded. Target 99.9 %; credit 10 % of the monthly charge below 99.5 %, 25 % below 99 %."
        actions={
          report && (
            <a href={`/api/v1/admin/sla?month=${report.month}&format=csv`} className={buttonClasses()} download>
              <Icon name="report" className="size-4" />
              Export CSV
            </a>
          )
        }
      />
      <form className="mb-4 flex items-end gap-3" aria-label="Choose a month">
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Month</span>
          <Input type="month" name="month" defaultValue={month} min={`${MIN_YEAR}-01`} max={current} className="w-44" />
        </label>
        <Button type="submit">Show</Button>
      </form>
      <Card>
        <CardHeader
          title={report ? `${report.month}${report.month === current ? ' (month to date)' : ''}` : month}
          description={report?.rows[0] ? `Measured ${formatDate(report.rows[0].periodStart)} – ${formatDate(report.rows[0].periodEnd)}` : undefined}
        />
        {!report || report.rows.length === 0 ? (
          <EmptyState icon="scale" title={problem ?? 'No tenants'} />
        ) : (
          <Table caption="SLA per tenant" data-testid="sla-table">
            <THead>
              <tr>
                <Th>Tenant</Th>
                <Th numeric>Availability</Th>
                <Th numeric>Downtime</Th>
                <Th numeric>Maintenance</Th>
                <Th>Credit</Th>
                <Th numeric>Monthly charge</Th>
                <Th numeric>Credit amount</Th>
              </tr>
            </THead>
            <TBody>
              {report.rows.map((r) => (
                <Tr key={r.tenantId}>
                  <Td className="font-medium text-slate-900 dark:text-slate-100">{r.tenantName}</Td>
                  <Td numeric>
                    <span className={r.uptimePercent < 99.9 ? 'font-medium text-red-700 dark:text-red-400' : undefined}>{formatPercent(r.uptimePercent, 3)}</span>
                  </Td>
                  <Td numeric>{r.downtimeMinutes ? formatMinutes(r.downtimeMinutes) : '0 min'}</Td>
                  <Td numeric>{r.maintenanceMinutes ? formatMinutes(r.maintenanceMinutes) : '0 min'}</Td>
                  <Td>
                    <Badge tone={creditTone(r.creditPercent)}>{r.creditPercent ? `${r.creditPercent} %` : 'None'}</Badge>
                  </Td>
                  <Td numeric>{formatMoney(r.monthlyChargeCents, r.currency)}</Td>
                  <Td numeric className="font-medium">{formatMoney(r.creditCents, r.currency)}</Td>
                </Tr>
              ))}
              <Tr className="bg-slate-50 dark:bg-slate-900/60">
                <Td className="font-semibold" colSpan={6}>
                  Total credits
                </Td>
                <Td numeric className="font-semibold">
                  {Object.entries(report.totalCreditCents)
                    .map(([cur, cents]) => formatMoney(cents, cur))
                    .join(' + ')}
                </Td>
              </Tr>
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
