import Link from 'next/link';
import { ClaimMeter, WhatIfCapacity, WhatIfGroupsTable, WhatIfHeadline } from '@/components/portal/what-if/what-if-view';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { SiteStatusBadge } from '@/components/ui/status-badge';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { formatNumber } from '@/lib/format';
import type { WhatIfDto } from '@/lib/domain/recovery/what-if';

const n = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 1);

/**
 * The staff site page's "If this site failed now": every tenant's groups running there with
 * their verdicts, each tenant's recovery vDCs against the claim, and each recovery site's
 * physical capacity and reservations against what the failure would claim there.
 */
export function WhatIfSection({ whatIf }: { whatIf: WhatIfDto }) {
  const tenants = [...new Map(whatIf.groups.map((g) => [g.tenantId, g.tenantName])).entries()];
  return (
    <Card className="mb-5" id="what-if">
      <CardHeader
        title="If this site failed now"
        description="A live failover of every group whose production runs here, from its latest checkpoint, with this site's VMs not shut down. Read-only."
      />
      <div className="px-4 pt-4">
        <WhatIfHeadline whatIf={whatIf} linkGroups={false} />
      </div>
      {tenants.length === 0 ? (
        <EmptyState title="No tenant's production runs here" description="A failure of this site would need no recovery." />
      ) : (
        <>
          {tenants.map(([tenantId, tenantName]) => (
            <section key={tenantId} aria-labelledby={`what-if-tenant-${tenantId}`} className="border-t border-slate-200 dark:border-slate-800">
              <h3 id={`what-if-tenant-${tenantId}`} className="px-4 pb-1 pt-3 text-sm font-semibold text-slate-900 dark:text-slate-100">
                <Link href={`/staff/tenants/${tenantId}`} className="hover:underline">
                  {tenantName}
                </Link>
              </h3>
              <WhatIfGroupsTable groups={whatIf.groups.filter((g) => g.tenantId === tenantId)} linkGroups={false} />
              <WhatIfCapacity capacity={whatIf.capacity.filter((c) => c.tenantId === tenantId)} />
            </section>
          ))}
          <section aria-labelledby="what-if-recovery-sites" className="border-t border-slate-200 dark:border-slate-800">
            <h3 id="what-if-recovery-sites" className="px-4 pb-1 pt-3 text-sm font-semibold text-slate-900 dark:text-slate-100">
              Recovery sites: what the failure would claim
            </h3>
            <p className="px-4 pb-2 text-xs text-slate-500 dark:text-slate-400">
              The claim of every tenant recovering there, against the site&apos;s physical capacity; reserved is every tenant&apos;s recovery vDCs at the site.
            </p>
            <Table caption="Recovery sites against the claim">
              <THead>
                <tr>
                  <Th>Site</Th>
                  <Th numeric>Tenants</Th>
                  <Th numeric>Claim</Th>
                  <Th numeric>Reserved for recovery</Th>
                  <Th numeric>Physical</Th>
                  <Th className="w-64">Claim of physical</Th>
                  <Th>Verdict</Th>
                </tr>
              </THead>
              <TBody>
                {whatIf.recoverySites.map((s) => (
                  <Tr key={s.siteId} data-testid={`what-if-recovery-site-${s.siteId}`}>
                    <Td className="font-medium">
                      <span className="inline-flex items-center gap-2">
                        <Link href={`/staff/sites/${s.siteId}`} className="hover:underline">
                          {s.siteName}
                        </Link>
                        {s.siteStatus !== 'online' && <SiteStatusBadge status={s.siteStatus} />}
                      </span>
                    </Td>
                    <Td numeric>{s.tenantCount}</Td>
                    <Td numeric>
                      {n(s.claimGhz)} GHz
                      <div className="text-xs text-slate-500 dark:text-slate-400">{n(s.claimMemoryGb)} GB</div>
                    </Td>
                    <Td numeric>
                      {n(s.reservedGhz)} GHz
                      <div className="text-xs text-slate-500 dark:text-slate-400">{n(s.reservedMemoryGb)} GB</div>
                    </Td>
                    <Td numeric>
                      {n(s.physicalGhz)} GHz
                      <div className="text-xs text-slate-500 dark:text-slate-400">{n(s.physicalMemoryGb)} GB</div>
                    </Td>
                    <Td className="space-y-2">
                      <ClaimMeter label="vCPU" need={s.claimGhz} free={s.physicalGhz} total={s.physicalGhz} unit="GHz" of="physical" />
                      <ClaimMeter label="Memory" need={s.claimMemoryGb} free={s.physicalMemoryGb} total={s.physicalMemoryGb} unit="GB" of="physical" />
                    </Td>
                    <Td>
                      {s.siteStatus === 'offline' ? (
                        <Badge tone="danger" icon="error">Offline</Badge>
                      ) : s.ok ? (
                        <Badge tone="success" icon="checkCircle">Fits</Badge>
                      ) : (
                        <Badge tone="danger" icon="error">Short</Badge>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>
        </>
      )}
    </Card>
  );
}
