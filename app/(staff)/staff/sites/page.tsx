import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/lib/domain/core/database';
import { AutoRefresh } from '@/components/shell/auto-refresh';
import { FaultToggle } from '@/components/staff/fault-toggle';
import { faultImpact } from '@/components/staff/fault-impact';
import { LoadBar } from '@/components/staff/load-bar';
import { plural } from '@/components/staff/plural';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { faultConsole } from '@/lib/domain/staff/sites-faults';
import { staffActor } from '../_lib/staff-actor';
import { setLinkOutageAction, setSiteOutageAction } from './actions';

export const metadata: Metadata = { title: 'Sites and faults' };

export default async function SitesPage() {
  const { sites, downLinks } = faultConsole(getDb(), await staffActor());
  const name = Object.fromEntries(sites.map((s) => [s.id, s.name]));
  return (
    <>
      {/* Status, links and degradation ('sites'), the groups a fault hits and their status ('groups'), and the load that
          failovers, moves and VM changes shift ('operations', 'vms'): every tenant's, which staff receive. A busy estate
          announces groups often: at most one refresh per 5 s (the first change at once). */}
      <AutoRefresh seconds={10} minGapSeconds={5} topics={['sites', 'groups', 'operations', 'vms']} />
      <PageHeader
        title="Sites and faults"
        description="Take a datacentre or an inter-site link down in the simulator to rehearse a disaster, and see which protection groups it hits. Each site's links are on its page."
      />
      {downLinks.length > 0 && (
        <Card className="mb-5 border-red-300 dark:border-red-500/40">
          <CardHeader title="Links down" description="Groups replicating across these links are paused." />
          <Table caption="Links down">
            <TBody>
              {downLinks.map((l) => (
                <Tr key={l.id}>
                  <Td className="font-medium">
                    {name[l.siteAId]} ↔ {name[l.siteBId]}
                  </Td>
                  <Td>{l.affectedGroups.map((g) => `${g.tenantName}: ${g.name}`).join(', ') || 'No groups'}</Td>
                  <Td className="text-right">
                    <FaultToggle kind="link" name={`${name[l.siteAId]} ↔ ${name[l.siteBId]}`} down {...faultImpact(l.affectedGroups)} setDown={setLinkOutageAction.bind(null, l.id)} />
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <Card>
        <Table caption="Sites" data-testid="sites-table">
          <THead>
            <tr>
              <Th>Site</Th>
              <Th>Status</Th>
              <Th className="w-1/3">Load</Th>
              <Th>Groups affected by a fault</Th>
              <Th>
                <span className="sr-only">Fault</span>
              </Th>
            </tr>
          </THead>
          <TBody>
            {sites.map((s) => (
              <Tr key={s.id} data-testid={`site-row-${s.id}`}>
                <Td>
                  <Link href={`/staff/sites/${s.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
                    {s.name}
                  </Link>
                  <span className="ml-1.5 text-xs text-slate-500">{s.country}</span>
                </Td>
                <Td>
                  <SiteStatusBadge status={s.down && s.status === 'online' ? 'offline' : s.status} />
                </Td>
                <Td>
                  <div className="space-y-1.5">
                    <LoadBar label="vCPU" load={s.load.vcpuGhz} unit="GHz" />
                    <LoadBar label="Memory" load={s.load.memoryGb} unit="GB" />
                  </div>
                </Td>
                <Td>
                  {s.affectedGroups.length === 0 ? (
                    <span className="text-slate-500">None</span>
                  ) : (
                    <Link href={`/staff/sites/${s.id}`} className="hover:underline">
                      {plural(s.affectedGroups.length, 'group')} of {plural(faultImpact(s.affectedGroups).affectedTenants, 'tenant')}
                    </Link>
                  )}
                </Td>
                <Td className="text-right">
                  <FaultToggle
                    kind="site"
                    name={s.name}
                    down={s.down}
                    {...faultImpact(s.affectedGroups)}
                    setDown={setSiteOutageAction.bind(null, s.id)}
                  />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </Card>
    </>
  );
}
