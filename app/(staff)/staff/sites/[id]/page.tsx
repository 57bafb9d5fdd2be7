import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AffectedGroupsTable } from '@/components/staff/affected-groups-table';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { FaultToggle } from '@/components/staff/fault-toggle';
import { faultImpact } from '@/components/staff/fault-impact';
import { LoadBar } from '@/components/staff/load-bar';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatMbps } from '@/lib/format';
import { listSitesWithLoad, siteDegradationOf, siteFaultView } from '@/lib/domain/staff/sites-faults';
import { getOutageImpact } from '@/lib/domain/recovery/outages';
import { SiteOutageRecovery } from '@/components/staff/site-outage-recovery';
import { staffActor } from '../../_lib/staff-actor';
import { setLinkOutageAction, setSiteDegradationAction, setSiteOutageAction } from '../actions';
import { SiteDegradeForm } from '@/components/staff/site-degrade-form';
import { orNotFound } from '@/app/_lib/or-not-found';
import { WhatIfSection } from '@/components/staff/what-if-section';
import { getWhatIf } from '@/lib/domain/recovery/what-if';

export const metadata: Metadata = { title: 'Site' };

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  const actor = await staffActor();
  const { site, affectedGroups, links } = await orNotFound(() => siteFaultView(db, actor, id));
  const whatIf = await getWhatIf(db, actor, { siteId: site.id });
  const siteName = Object.fromEntries(listSitesWithLoad(db, actor).map((s) => [s.id, s.name]));
  const outageImpact = site.down ? getOutageImpact(db, actor) : [];
  const degradation = siteDegradationOf(db, site.id);
  const storageTb = { ...site.load.storageGb, allocated: site.load.storageGb.allocated / 1000, capacity: site.load.storageGb.capacity / 1000 };

  return (
    <>
      {/* As on the sites list, plus the recovery runs of an outage; the affected groups' status follows the stream. */}
      <AutoRefresh seconds={5} minGapSeconds={2} topics={['sites', 'groups', 'operations', 'runs', 'vms']} />
      <PageHeader
        title={site.name}
        breadcrumbs={[{ label: 'Sites and faults', href: '/staff/sites' }, { label: site.name }]}
        meta={<SiteStatusBadge status={site.down && site.status === 'online' ? 'offline' : site.status} />}
        actions={
          <FaultToggle
            kind="site"
            size="md"
            name={site.name}
            down={site.down}
            {...faultImpact(affectedGroups)}
            setDown={setSiteOutageAction.bind(null, site.id)}
          />
        }
      />
      {site.down && <SiteOutageRecovery siteId={site.id} siteName={site.name} impact={outageImpact} />}
      <SiteDegradeForm
        siteName={site.name}
        storageIopsPercent={degradation.storageIopsPercent}
        hostsDown={degradation.hostsDown}
        hostsTotal={degradation.hostsTotal}
        action={setSiteDegradationAction.bind(null, site.id)}
      />
      <Card className="mb-5">
        <CardBody className="grid gap-4 py-4 sm:grid-cols-3">
          <LoadBar label="vCPU allocated" load={site.load.vcpuGhz} unit="GHz" />
          <LoadBar label="Memory allocated" load={site.load.memoryGb} unit="GB" />
          <LoadBar label="Storage allocated" load={storageTb} unit="TB" />
        </CardBody>
      </Card>
      <Card className="mb-5">
        <CardHeader
          title={site.down ? 'Groups affected now' : 'Groups a fault here would affect'}
          description="Groups whose source or target is this site. Status updates live while the fault lasts."
        />
        <AffectedGroupsTable groups={affectedGroups} siteName={siteName} />
      </Card>
      <WhatIfSection whatIf={whatIf} />
      <Card id="links">
        <CardHeader title="Inter-site links" description="Cutting a link pauses only the groups replicating between its two sites." />
        <Table caption="Inter-site links">
          <THead>
            <tr>
              <Th>Peer site</Th>
              <Th numeric>Latency</Th>
              <Th numeric>Capacity</Th>
              <Th>State</Th>
              <Th>Groups across it</Th>
              <Th>
                <span className="sr-only">Fault</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {links.map((l) => {
              const peer = l.siteAId === site.id ? l.siteBId : l.siteAId;
              return (
                <Tr key={l.id} data-testid={`link-row-${l.id}`}>
                  <Td className="font-medium">{siteName[peer] ?? peer}</Td>
                  <Td numeric>{l.latencyMs} ms</Td>
                  <Td numeric>{formatMbps(l.capacityMbps)}</Td>
                  <Td>
                    {l.up ? (
                      <Badge tone="success" icon="checkCircle">
                        Up
                      </Badge>
                    ) : (
                      <Badge tone="danger" icon="error">
                        Down
                      </Badge>
                    )}
                  </Td>
                  <Td className="text-xs">{l.affectedGroups.map((g) => `${g.tenantName}: ${g.name}`).join(', ') || <span className="text-slate-500">None</span>}</Td>
                  <Td className="text-right">
                    <FaultToggle
                      kind="link"
                      name={`${site.name} ↔ ${siteName[peer] ?? peer}`}
                      down={!l.up}
                      {...faultImpact(l.affectedGroups)}
                      setDown={setLinkOutageAction.bind(null, l.id)}
                    />
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
