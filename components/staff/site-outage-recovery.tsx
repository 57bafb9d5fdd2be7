import { startActingFor } from '@/app/(staff)/staff/act-for-actions';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Icon } from '@/components/ui/icons';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { TenantOutagesDto } from '@/lib/domain/recovery/outages';
import { formatDateTime, formatDuration } from '@/lib/format';

type Props = { siteId: string; siteName: string; impact: TenantOutagesDto[] };

/**
 * While a site is down: per tenant, the groups that replicate from it and a "Recover for
 * <tenant>" button. Calligo performs failover when a client asks: the button opens that
 * tenant's portal on its behalf (acting-for, audited) straight in the run wizard, pre-filled.
 */
export function SiteOutageRecovery({ siteId, siteName, impact }: Props) {
  const tenants = impact
    .map((t) => ({ ...t, outage: t.outages.find((o) => o.kind === 'site' && o.siteId === siteId) }))
    .filter((t): t is typeof t & { outage: NonNullable<typeof t.outage> } => !!t.outage);
  const wizard = `/recovery/new?${new URLSearchParams({ type: 'failover', sourceSiteId: siteId })}`;
  return (
    <Card className="mb-5 border-red-300 dark:border-red-800" data-testid="site-outage-recovery">
      <CardHeader
        title={`Recovery of the tenants hit by ${siteName}`}
        description={
          tenants.length
            ? `${tenants.length === 1 ? '1 tenant replicates' : `${tenants.length} tenants replicate`} from ${siteName}${tenants[0].outage.since ? `, down since ${formatDateTime(tenants[0].outage.since)}` : ''}. Start a recovery run for a tenant when it asks you to: you act on its behalf, and the audit trail says so.`
            : `No tenant replicates from ${siteName}: nothing to recover.`
        }
      />
      {tenants.map((t) => (
        <section key={t.tenantId} className="border-b border-slate-200 last:border-b-0 dark:border-slate-800" data-testid={`site-outage-tenant-${t.tenantId}`}>
          <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-2.5">
            <h3 className="text-sm font-semibold">{t.tenantName}</h3>
            <form action={startActingFor.bind(null, t.tenantId, wizard)}>
              <button type="submit" className={buttonClasses({ variant: 'danger', size: 'sm' })}>
                <Icon name="switch" className="size-4" />
                Recover for {t.tenantName}
              </button>
            </form>
          </div>
          <Table caption={`Groups of ${t.tenantName} replicating from ${siteName}`}>
            <THead>
              <tr>
                <Th>Group</Th>
                <Th numeric>VMs</Th>
                <Th numeric>Data loss now / target</Th>
                <Th>Recovers to</Th>
              </tr>
            </THead>
            <TBody>
              {t.outage.groups.map((g) => (
                <Tr key={g.id}>
                  <Td className="font-medium text-slate-900 dark:text-slate-100">{g.name}</Td>
                  <Td numeric>{g.vmCount}</Td>
                  <Td numeric>
                    {formatDuration(g.rpoSeconds)} / {formatDuration(g.rpoTargetSeconds)}
                  </Td>
                  <Td>
                    {g.targetSiteName}
                    {g.targetSiteDown && <span className="ml-1 text-xs font-medium text-red-700 dark:text-red-400">(down too)</span>}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      ))}
    </Card>
  );
}
