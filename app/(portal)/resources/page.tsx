import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { num, UsageBar } from '@/components/portal/resources/usage-bar';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { can } from '@/lib/auth/policy';
import { requireActor } from '@/lib/auth/current-actor';
import { getResources, WRITE_KB_PER_IO, type RecoverySiteDto } from '@/lib/domain/resources/resources';
import { PRICE_LABEL } from '@/lib/domain/resources/price-math';
import { formatNumber } from '@/lib/format';

export const metadata: Metadata = { title: 'Resources and price' };

const money = (cents: number, currency: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);

/** The service request form, pre-filled to grow this site's recovery vDC. */
function requestMoreHref(site: RecoverySiteDto): string {
  const v = site.vdc!;
  const free = (r: { reserved: number; used: number }) => num(Math.max(0, r.reserved - r.used));
  const params = new URLSearchParams({
    kind: 'grow-resources',
    vdcId: v.id,
    title: `More recovery resources at ${site.siteName}`,
    description:
      `Please grow ${v.name}. Today: ${num(v.ghz.used)} of ${num(v.ghz.reserved)} GHz, ` +
      `${num(v.memoryGb.used)} of ${num(v.memoryGb.reserved)} GB memory, ` +
      `${num(v.storageGb.used)} of ${num(v.storageGb.reserved)} GB storage in use ` +
      `(${free(v.storageGb)} GB storage free).`,
  });
  return `/requests/new?${params}`;
}

export default async function ResourcesPage() {
  const actor = await requireActor('/resources');
  const title = 'Resources and price';
  if (!can(actor.role, 'resources:read')) {
    return (
      <>
        <PageHeader title={title} />
        <Card>
          <EmptyState icon="info" title="Only DR administrators see resources and price" description="Ask one of your tenant's administrators." />
        </Card>
      </>
    );
  }
  if (actor.role === 'staff' && !actor.tenantId) {
    return (
      <>
        <PageHeader title={title} />
        <Card>
          <EmptyState icon="info" title="Act for a tenant to see its resources" description="Choose a tenant under Tenants, then act for it; the staff Pricing page compares every tenant." />
        </Card>
      </>
    );
  }
  const r = getResources(getDb(), actor, {});
  const { price } = r;
  const mayRequest = can(actor.role, 'request:create');

  return (
    <>
      <PageHeader
        title={title}
        description="What you have reserved at each recovery site, what is in use, and what recovery costs a month."
      />
      <div className="space-y-4">
        <Card as="section" data-testid="price-card">
          <CardHeader
            title={`Recovery price: ${money(price.monthlyCents, price.currency)} a month (estimate)`}
            description={`${Math.round(price.ratio * 100)} % of the actual production usage of your ${formatNumber(price.vmCount)} protected VMs — their CPU, memory and disks, not the vDC allocations — at the unit prices agreed with ${r.tenant.name}.`}
          />
          <CardBody>
            <Table caption="Recovery price breakdown">
              <THead>
                <Tr>
                  <Th>Resource</Th>
                  <Th numeric>Production usage</Th>
                  <Th numeric>Billed ({Math.round(price.ratio * 100)} %)</Th>
                  <Th numeric>Unit price a month</Th>
                  <Th numeric>A month</Th>
                </Tr>
              </THead>
              <TBody>
                {price.lines.map((l) => (
                  <Tr key={l.resource} data-testid={`price-${l.resource}`}>
                    <Th scope="row">{PRICE_LABEL[l.resource].label}</Th>
                    <Td numeric>{num(l.usage, 2)} {PRICE_LABEL[l.resource].unit}</Td>
                    <Td numeric>{num(l.units, 2)} {PRICE_LABEL[l.resource].unit}</Td>
                    <Td numeric>{money(l.unitPriceCents, price.currency)} / {PRICE_LABEL[l.resource].unit}</Td>
                    <Td numeric>{money(l.monthlyCents, price.currency)}</Td>
                  </Tr>
                ))}
                <Tr>
                  <Th scope="row">Total</Th>
                  <Td />
                  <Td />
                  <Td />
                  <Td numeric className="font-semibold" data-testid="price-total">{money(price.monthlyCents, price.currency)}</Td>
                </Tr>
              </TBody>
            </Table>
          </CardBody>
        </Card>

        {r.sites.length === 0 ? (
          <Card>
            <EmptyState icon="server" title="No recovery site yet" description="Ask for a recovery vDC with a service request." />
          </Card>
        ) : (
          r.sites.map((s) => (
            <Card as="section" key={s.siteId} data-testid={`site-${s.siteId}`}>
              <CardHeader
                title={`Recovery at ${s.siteName}`}
                description={s.vdc ? s.vdc.name : 'No recovery vDC here: groups that recover here have nowhere to start.'}
                actions={
                  s.vdc && mayRequest ? (
                    <Link href={requestMoreHref(s)} className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400" data-testid={`request-more-${s.siteId}`}>
                      Request more
                    </Link>
                  ) : undefined
                }
              />
              <CardBody className="space-y-4">
                {s.vdc && (
                  <div className="grid gap-4 sm:grid-cols-2">
                    <UsageBar label="vCPU" used={s.vdc.ghz.used} reserved={s.vdc.ghz.reserved} unit="GHz" testId={`ghz-${s.siteId}`} />
                    <UsageBar label="Memory" used={s.vdc.memoryGb.used} reserved={s.vdc.memoryGb.reserved} unit="GB" testId={`mem-${s.siteId}`} />
                    <UsageBar label="Storage (replicas and journals)" used={s.vdc.storageGb.used} reserved={s.vdc.storageGb.reserved} unit="GB" testId={`storage-${s.siteId}`} />
                    <UsageBar label={s.iopsSource === 'engine' ? 'IOPS (replicated writes now)' : 'IOPS (replicated writes, partly estimated)'} used={s.vdc.iops.used} reserved={s.vdc.iops.reserved} unit="IOPS" digits={0} testId={`iops-${s.siteId}`} />
                  </div>
                )}
                {s.volume && (
                  <UsageBar
                    label={`Dedicated volume ${s.volume.name} (${s.volume.media.toUpperCase()}, ${formatNumber(s.volume.guaranteedIops)} IOPS guaranteed; ${num(s.volume.productionGb)} GB production disks)`}
                    used={s.volume.usedGb}
                    reserved={s.volume.sizeGb}
                    unit="GB"
                    testId={`volume-${s.siteId}`}
                  />
                )}
                {s.volume && (
                  <p className="text-sm text-slate-600 dark:text-slate-300" data-testid={`volume-iops-${s.siteId}`}>
                    {s.volume.name} applies {formatNumber(s.volume.appliedIops)} of {formatNumber(s.volume.writeIops)} write IOPS now (guaranteed {formatNumber(s.volume.guaranteedIops)}).
                    {s.groups.some((g) => g.iopsLimited) ? (
                      <>
                        {' '}
                        <Badge tone="warning">IOPS-limited</Badge> writes wait at the source until the volume catches up; request more IOPS.
                      </>
                    ) : (
                      s.volume.writeIops > s.volume.appliedIops * 1.05 && ' The rest waits at the source for the link, not for the volume.'
                    )}
                  </p>
                )}
                {s.groups.length > 0 ? (
                  <Table caption={`Storage of the groups recovering to ${s.siteName}`}>
                    <THead>
                      <Tr>
                        <Th>Protection group</Th>
                        <Th numeric>Replica</Th>
                        <Th numeric>Journal</Th>
                        <Th numeric>Total</Th>
                        <Th numeric>Write IOPS</Th>
                        <Th numeric>Applied IOPS</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {s.groups.map((g) => (
                        <Tr key={g.id}>
                          <Th scope="row">
                            <Link href={`/groups/${g.id}`} className="text-sky-700 hover:underline dark:text-sky-400">{g.name}</Link>
                          </Th>
                          <Td numeric>{num(g.replicaGb)} GB</Td>
                          <Td numeric>{num(g.journalGb)} GB</Td>
                          <Td numeric>{num(g.totalGb)} GB</Td>
                          <Td numeric>
                            {formatNumber(g.writeIops)}
                            {g.appliedIops === null && <span className="block text-xs text-slate-500 dark:text-slate-400">estimate</span>}
                          </Td>
                          <Td numeric>
                            {g.appliedIops === null ? '—' : formatNumber(g.appliedIops)}
                            {g.iopsLimited && <span className="block text-xs text-amber-800 dark:text-amber-300">IOPS-limited</span>}
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                ) : (
                  <p className="text-sm text-slate-500 dark:text-slate-400">No group recovers here yet.</p>
                )}
              </CardBody>
            </Card>
          ))
        )}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          CPU and memory in use are the test and recovered VMs running in the vDC now. Storage counts each group&apos;s replica of every disk and its journal (the history it keeps at the
          VMs&apos; mean write rate, up to the journal limit); a group that would not fit is refused. IOPS are the replication engine&apos;s figures now: each group&apos;s write IOPS and what the dedicated volume applies of them within its
          guaranteed IOPS. A group the engine has not measured yet shows an estimate from its VMs&apos; mean write rate at {WRITE_KB_PER_IO} KB a write.
        </p>
      </div>
    </>
  );
}
