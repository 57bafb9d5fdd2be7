import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/domain/core/database';
import { PrintButton } from '@/components/portal/reports/print-button';
import { RunbookGroupSection } from '@/components/portal/reports/runbook-group';
import { connectionLabel } from '@/components/staff/tenant-badges';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { requireActor } from '@/lib/auth/current-actor';
import { simNow } from '@/lib/domain/core/clock';
import { getRunbook } from '@/lib/domain/reports/runbook';
import { formatDateTime, formatMbps } from '@/lib/format';
import '../print.css';

export const metadata: Metadata = { title: 'DR runbook' };

const RACI_HELP = 'R responsible (does it) · A accountable (owns the outcome) · C consulted · I informed';

/** The DR runbook: who does what (RACI), whom to call, and each group's recovery, from the live configuration. */
export default async function RunbookPage() {
  const actor = await requireActor('/reports/runbook');
  const runbook = getRunbook(getDb(), actor);
  const now = await simNow();
  const { tenant } = runbook;

  return (
    <div data-print-report>
      <PageHeader
        title={`DR runbook — ${tenant.name}`}
        breadcrumbs={[{ label: 'Reports', href: '/reports' }, { label: 'DR runbook' }]}
        description={`Generated ${formatDateTime(now)} from the live configuration. Print it and keep a copy outside the systems it protects.`}
        actions={<PrintButton />}
      />
      <div className="space-y-4">
        <Card as="section">
          <CardHeader title="Contacts and connectivity" description="Who may declare a disaster and decide a failover" />
          <CardBody>
            <dl className="grid gap-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-xs text-slate-500 dark:text-slate-400">DR contact</dt>
                <dd className="font-medium">{tenant.contact.name ?? '—'}</dd>
                <dd>{tenant.contact.email ?? ''}</dd>
                <dd>{tenant.contact.phone ?? ''}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500 dark:text-slate-400">Authorised to fail over (client administrators)</dt>
                {runbook.administrators.length ? (
                  runbook.administrators.map((a) => (
                    <dd key={a.email}>
                      <span className="font-medium">{a.name}</span> · {a.email}
                    </dd>
                  ))
                ) : (
                  <dd className="text-red-700 dark:text-red-400">No active administrator: nobody can start a failover.</dd>
                )}
              </div>
              <div>
                <dt className="text-xs text-slate-500 dark:text-slate-400">Connection to the provider</dt>
                <dd className="font-medium">{connectionLabel(tenant.connection)}</dd>
                <dd>Inter-datacentre bandwidth {formatMbps(tenant.interSiteBandwidthMbps)}</dd>
                <dd>Provider: Calligo service desk, raise a P1 service request for a disaster</dd>
              </div>
            </dl>
          </CardBody>
        </Card>

        <Card as="section">
          <CardHeader title="Responsibilities (RACI)" description={RACI_HELP} />
          <Table caption="Responsibilities of the client and the provider">
            <THead>
              <Tr>
                <Th>Activity</Th>
                <Th>Client</Th>
                <Th>Provider</Th>
                <Th>Where</Th>
              </Tr>
            </THead>
            <TBody>
              {runbook.raci.map((r) => (
                <Tr key={r.activity}>
                  <Td>{r.activity}</Td>
                  <Td className="font-mono font-semibold">{r.client}</Td>
                  <Td className="font-mono font-semibold">{r.provider}</Td>
                  <Td className="text-slate-600 dark:text-slate-400">{r.how}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>

        <Card as="section">
          <CardHeader title="In a disaster" description="The order of work for the client administrator (or provider staff on the client's decision)" />
          <CardBody>
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              <li>Confirm the outage and decide to fail over; raise a P1 service request so the provider is informed.</li>
              <li>Recover the groups below in the order shown (highest priority first): Protection groups → group → Live failover.</li>
              <li>Choose the checkpoint: the latest, or a point before the corruption when recovering from ransomware or a bad change.</li>
              <li>Leave “shut down source VMs” on when the production site is still reachable; turn on reverse protection to be ready to fail back.</li>
              <li>Verify the applications at the recovery site, then Commit (or Roll back). The commit policy applies if nobody decides.</li>
              <li>When production is healthy again and reverse replication is synced, fail back during a planned window.</li>
            </ol>
          </CardBody>
        </Card>

        {runbook.groups.length ? (
          runbook.groups.map((g, i) => <RunbookGroupSection key={g.id} group={g} step={i + 1} />)
        ) : (
          <Card>
            <EmptyState
              icon="shield"
              title="No protection groups yet"
              description="The runbook lists each group's recovery once you protect VMs."
              action={
                <Link href="/groups/new" className="text-sm font-medium text-blue-700 underline dark:text-blue-400">
                  Create a protection group
                </Link>
              }
            />
          </Card>
        )}
      </div>
    </div>
  );
}
